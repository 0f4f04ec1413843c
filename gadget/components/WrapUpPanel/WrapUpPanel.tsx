/**
 * The wrap-up of one ended chat: reason codes (one or more when the server has any), notes, and the
 * time left before the server closes it by itself. The agent's chat slot stays taken until it is
 * done. The first reason takes the focus when the panel appears, so the whole wrap-up works from
 * the keyboard: Space ticks a reason, Tab moves on, Enter on Done saves.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { labelIn, type LocalizedLabel, type WrapUp } from '../../../sdk/index.ts';
import './WrapUpPanel.css';

export interface WrapUpPanelProps {
  wrapUp: WrapUp;
  reasons: string[];
  /** How to show a reason code, one text or one per language; a code without one shows as is. */
  reasonLabels?: Readonly<Record<string, LocalizedLabel>>;
  now: number;
  /** Resolves with the server's refusal code, or null once saved. */
  onSubmit: (reasons: string[], notes: string) => Promise<string | null>;
  autoFocus?: boolean;
}

export function WrapUpPanel({
  wrapUp,
  reasons,
  reasonLabels = {},
  now,
  onSubmit,
  autoFocus = true,
}: WrapUpPanelProps) {
  const { t, i18n } = useTranslation('gadget');
  const titleId = useId();
  const [chosen, setChosen] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'needReason' | 'failed' | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const notesBox = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) (first.current ?? notesBox.current)?.focus();
  }, [autoFocus]);

  const total = wrapUp.dueAt !== null && wrapUp.startedAt !== null ? wrapUp.dueAt - wrapUp.startedAt : 0;
  const leftMs = wrapUp.dueAt === null ? null : Math.max(0, wrapUp.dueAt - now);
  const seconds = leftMs === null ? null : Math.ceil(leftMs / 1000);

  const toggle = (reason: string): void => {
    setProblem(null);
    setChosen((current) =>
      current.includes(reason) ? current.filter((r) => r !== reason) : [...current, reason],
    );
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (reasons.length > 0 && chosen.length === 0) {
      setProblem('needReason');
      first.current?.focus();
      return;
    }
    setBusy(true);
    const refused = await onSubmit(chosen, notes);
    setBusy(false);
    if (refused) setProblem('failed');
  };

  return (
    <section className="hc-card hc-wrapup" aria-labelledby={titleId} data-testid="gadget.wrapup">
      <header className="hc-wrapup__header">
        <h2 id={titleId} className="hc-wrapup__title">
          {t('wrapUp.title', { name: wrapUp.customerName })}
        </h2>
        {seconds === null ? (
          <span className="hc-wrapup__timer" data-testid="gadget.wrapup.timer">
            {t('wrapUp.waiting')}
          </span>
        ) : (
          <span
            className="hc-wrapup__timer"
            role="timer"
            aria-label={t('wrapUp.timerLabel', { seconds })}
            data-testid="gadget.wrapup.timer"
            data-seconds={seconds}
          >
            {t('wrapUp.timeLeft', { seconds })}
          </span>
        )}
      </header>
      {total > 0 && leftMs !== null && (
        <div className="hc-wrapup__bar" aria-hidden="true">
          <div className="hc-wrapup__fill" style={{ width: `${Math.round((leftMs / total) * 100)}%` }} />
        </div>
      )}
      <form className="hc-wrapup__form" onSubmit={(event) => void submit(event)}>
        {reasons.length > 0 && (
          <fieldset className="hc-wrapup__reasons" aria-describedby={`${titleId}-hint`}>
            <legend>{t('wrapUp.reasons')}</legend>
            <p id={`${titleId}-hint`} className="hc-wrapup__hint">
              {t('wrapUp.reasonsHint')}
            </p>
            {reasons.map((reason, index) => (
              <label key={reason} className="hc-wrapup__reason">
                <input
                  ref={index === 0 ? first : undefined}
                  type="checkbox"
                  checked={chosen.includes(reason)}
                  onChange={() => toggle(reason)}
                  data-testid="gadget.wrapup.reason"
                />
                {labelIn(reasonLabels[reason], i18n.language, reason).trim() || reason}
              </label>
            ))}
          </fieldset>
        )}
        <label className="hc-wrapup__notes">
          <span>{t('wrapUp.notes')}</span>
          <textarea
            ref={notesBox}
            rows={2}
            maxLength={1000}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            data-testid="gadget.wrapup.notes"
          />
        </label>
        {problem && (
          <p className="hc-wrapup__problem" role="alert" data-testid="gadget.wrapup.problem">
            {t(problem === 'needReason' ? 'wrapUp.needReason' : 'wrapUp.failed')}
          </p>
        )}
        <div className="hc-wrapup__actions">
          <button
            type="submit"
            className="hc-btn hc-btn--primary"
            disabled={busy}
            data-testid="gadget.wrapup.submit"
          >
            {busy ? t('wrapUp.saving') : t('wrapUp.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
