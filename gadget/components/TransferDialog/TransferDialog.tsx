/**
 * Transfer a chat to a queue or a named agent, or invite a second agent (consult/conference), with
 * a note only agents see. An in-gadget modal dialog (never a browser dialog): the list of agents who
 * can take a chat now is asked for when it opens; Escape cancels, Tab stays inside, and focus goes
 * back to the button that opened it.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { onDialogKeyDown } from '../../../ui/ConfirmDialog/dialogKeys.ts';
import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../queueLabel.ts';
import type { TransferTargets } from '../../../sdk/index.ts';
import type { TransferTarget } from '../../../sdk/index.ts';
import './TransferDialog.css';

export interface TransferDialogProps {
  mode: 'transfer' | 'invite';
  customerName: string;
  loadTargets: () => Promise<TransferTargets>;
  /** Resolves true when the server took it (the dialog then closes). */
  onSubmit: (target: TransferTarget, note: string) => Promise<boolean>;
  onCancel: () => void;
}

export function TransferDialog({ mode, customerName, loadTargets, onSubmit, onCancel }: TransferDialogProps) {
  const { t, i18n } = useTranslation('gadget');
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [kind, setKind] = useState<'agent' | 'queue'>('agent');
  const [agentId, setAgentId] = useState('');
  const [queue, setQueue] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let live = true;
    loadTargets()
      .then((loaded) => {
        if (!live) return;
        setTargets(loaded);
        setAgentId(loaded.agents[0]?.id ?? '');
        setQueue(loaded.queues[0] ?? '');
        if (mode === 'transfer' && loaded.agents.length === 0) setKind('queue');
      })
      .catch(() => live && setTargets({ agents: [], queues: [] }));
    return () => {
      live = false;
      previous?.focus();
    };
  }, [loadTargets, mode]);

  useEffect(() => {
    if (targets) dialog.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [targets]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void =>
    onDialogKeyDown(event, dialog.current, 'input, select, textarea, button:not(:disabled)', onCancel);

  const toAgent = mode === 'invite' || kind === 'agent';
  const canSubmit = targets !== null && !busy && (toAgent ? agentId !== '' : queue !== '');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    const done = await onSubmit(toAgent ? { agentId } : { queue }, note.trim());
    setBusy(false);
    if (done) onCancel();
  };

  return (
    <div className="ui-dialog__backdrop" onKeyDown={onKeyDown}>
      {/* The dialog role on a div around the form: a <form> may not take the dialog role (axe). */}
      <div
        ref={dialog}
        className="ui-dialog hc-transfer"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid="gadget.transfer"
      >
        <form className="hc-transfer__form" onSubmit={(event) => void submit(event)}>
          <h2 id={`${id}-title`} className="ui-dialog__title">
            {mode === 'transfer'
              ? t('transfer.titleTransfer', { name: customerName })
              : t('transfer.titleInvite', { name: customerName })}
          </h2>
          {targets === null ? (
            <p role="status">{t('transfer.loading')}</p>
          ) : (
            <>
              {mode === 'transfer' && (
                <div className="hc-transfer__kinds" role="radiogroup" aria-label={t('chat.transfer')}>
                  <label>
                    <input
                      type="radio"
                      name={`${id}-kind`}
                      checked={kind === 'agent'}
                      onChange={() => setKind('agent')}
                      data-testid="gadget.transfer.toAgent"
                    />
                    {t('transfer.toAgent')}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`${id}-kind`}
                      checked={kind === 'queue'}
                      onChange={() => setKind('queue')}
                      data-testid="gadget.transfer.toQueue"
                    />
                    {t('transfer.toQueue')}
                  </label>
                </div>
              )}
              {toAgent ? (
                targets.agents.length === 0 ? (
                  <p className="hc-transfer__empty" role="status" data-testid="gadget.transfer.noAgents">
                    {t('transfer.noAgents')}
                  </p>
                ) : (
                  <label className="hc-transfer__field">
                    <span>{t('transfer.agent')}</span>
                    <select
                      value={agentId}
                      onChange={(event) => setAgentId(event.target.value)}
                      data-testid="gadget.transfer.agent"
                    >
                      {targets.agents.map((agent) => (
                        <option key={agent.id} value={agent.id}>
                          {agent.name}
                        </option>
                      ))}
                    </select>
                  </label>
                )
              ) : (
                <label className="hc-transfer__field">
                  <span>{t('transfer.queue')}</span>
                  <select
                    value={queue}
                    onChange={(event) => setQueue(event.target.value)}
                    data-testid="gadget.transfer.queue"
                  >
                    {targets.queues.map((name) => (
                      <option key={name} value={name}>
                        {queueLabel(name, targets.queueLabels?.[name], i18n.language)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <div className="hc-transfer__field">
                <label htmlFor={`${id}-note`}>{t('transfer.note')}</label>
                <textarea
                  id={`${id}-note`}
                  rows={3}
                  maxLength={1000}
                  value={note}
                  onChange={(event) => setNote(event.target.value)}
                  aria-describedby={`${id}-hint`}
                  data-testid="gadget.transfer.note"
                />
                <small id={`${id}-hint`}>{t('transfer.noteHint')}</small>
              </div>
            </>
          )}
          <div className="ui-dialog__actions">
            <button type="button" className="hc-btn hc-btn--secondary" onClick={onCancel}>
              {t('transfer.cancel')}
            </button>
            <button
              type="submit"
              className="hc-btn hc-btn--primary"
              disabled={!canSubmit}
              data-testid="gadget.transfer.submit"
            >
              {busy
                ? t('transfer.busy')
                : mode === 'transfer'
                  ? t('transfer.submitTransfer')
                  : t('transfer.submitInvite')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
