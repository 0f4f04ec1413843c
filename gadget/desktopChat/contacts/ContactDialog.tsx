/**
 * The contact and group forms of the "•••" menus, as one in-page modal dialog: Add contact (address,
 * display name, a group: an existing one or a new one), Edit contact (name and groups), Move
 * contacts (a destination group, existing or new), Edit group (its name). Escape cancels, Tab stays
 * inside, errors are said in words next to the form; nothing is lost on a failure.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { onDialogKeyDown } from '../../../ui/ConfirmDialog/dialogKeys.ts';

export type ContactForm =
  | { kind: 'add'; jid: string; name: string; group: string | null }
  | { kind: 'edit'; jid: string; name: string; groups: readonly string[] }
  | { kind: 'move'; targets: readonly { jid: string; group: string }[] }
  | { kind: 'group'; group: string };

export type ContactFormResult =
  | { kind: 'add'; jid: string; name: string; group: string }
  | { kind: 'edit'; jid: string; name: string; groups: string[] }
  | { kind: 'move'; to: string }
  | { kind: 'group'; from: string; to: string };

export interface ContactDialogProps {
  form: ContactForm;
  groups: readonly string[];
  domain: string;
  onSubmit: (result: ContactFormResult) => Promise<void>;
  onCancel: () => void;
}

const NEW = '\u0000new';
const ADDRESS = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$|^[^\s@/]+@[a-z0-9-]+$/i;

export function ContactDialog({ form, groups, domain, onSubmit, onCancel }: ContactDialogProps) {
  const { t } = useTranslation('gadget');
  const titleId = useId();
  const ids = { jid: useId(), name: useId(), group: useId(), newGroup: useId(), error: useId() };
  const dialog = useRef<HTMLFormElement>(null);
  const [jid, setJid] = useState(form.kind === 'add' ? form.jid : '');
  const [name, setName] = useState(form.kind === 'add' || form.kind === 'edit' ? form.name : '');
  const [choice, setChoice] = useState(
    form.kind === 'add' ? (form.group ?? groups[0] ?? NEW) : form.kind === 'move' ? (groups[0] ?? NEW) : NEW,
  );
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(form.kind === 'edit' ? form.groups : []));
  const [newGroup, setNewGroup] = useState(form.kind === 'group' ? form.group : '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.querySelector<HTMLElement>('input, select')?.focus();
    return () => previous?.focus();
  }, []);

  const title =
    form.kind === 'add'
      ? t('desktopChat.dialog.addTitle')
      : form.kind === 'edit'
        ? t('desktopChat.dialog.editTitle')
        : form.kind === 'move'
          ? t('desktopChat.dialog.moveTitle', { count: form.targets.length })
          : t('desktopChat.dialog.groupTitle');
  const submitLabel =
    form.kind === 'add'
      ? t('desktopChat.dialog.add')
      : form.kind === 'move'
        ? t('desktopChat.dialog.move')
        : t('desktopChat.dialog.save');

  const result = (): ContactFormResult | string => {
    const group = choice === NEW ? newGroup.trim() : choice;
    switch (form.kind) {
      case 'add': {
        const address = jid.trim().includes('@') ? jid.trim() : `${jid.trim()}@${domain}`;
        if (!ADDRESS.test(address)) return t('desktopChat.dialog.badAddress', { domain });
        if (!group) return t('desktopChat.dialog.needGroup');
        return { kind: 'add', jid: address.toLowerCase(), name: name.trim(), group };
      }
      case 'edit': {
        const all = [...chosen, ...(newGroup.trim() ? [newGroup.trim()] : [])];
        if (all.length === 0) return t('desktopChat.dialog.needGroup');
        return { kind: 'edit', jid: form.jid, name: name.trim(), groups: [...new Set(all)] };
      }
      case 'move':
        if (!group) return t('desktopChat.dialog.needGroup');
        return { kind: 'move', to: group };
      case 'group':
        if (!newGroup.trim()) return t('desktopChat.dialog.needGroup');
        return { kind: 'group', from: form.group, to: newGroup.trim() };
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = result();
    if (typeof outcome === 'string') return setProblem(outcome);
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(outcome);
    } catch (error) {
      setProblem(
        t('desktopChat.dialog.failed', { detail: error instanceof Error ? error.message : String(error) }),
      );
      setBusy(false);
    }
  };

  const groupPicker = (label: string) => (
    <>
      <label className="dc-field" htmlFor={ids.group}>
        <span>{label}</span>
        <select
          id={ids.group}
          className="dc-input"
          data-testid="dc.dialog.group"
          value={choice}
          onChange={(event) => setChoice(event.currentTarget.value)}
        >
          {groups.map((group) => (
            <option key={group} value={group}>
              {group}
            </option>
          ))}
          <option value={NEW}>{t('desktopChat.dialog.newGroup')}</option>
        </select>
      </label>
      {choice === NEW && newGroupField()}
    </>
  );
  const newGroupField = (label = t('desktopChat.dialog.newGroupName')) => (
    <TextField
      id={ids.newGroup}
      label={label}
      testId="dc.dialog.newGroup"
      value={newGroup}
      onChange={setNewGroup}
    />
  );

  return (
    <div
      className="ui-dialog__backdrop"
      onKeyDown={(event) =>
        onDialogKeyDown(event, dialog.current, 'input, select, button:not(:disabled)', onCancel)
      }
    >
      <form
        ref={dialog}
        className="ui-dialog dc-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={problem ? ids.error : undefined}
        data-testid="dc.dialog"
        onSubmit={(event) => void submit(event)}
        noValidate
      >
        <h2 id={titleId} className="ui-dialog__title">
          {title}
        </h2>
        {form.kind === 'add' && (
          <TextField
            id={ids.jid}
            label={t('desktopChat.dialog.address')}
            testId="dc.dialog.address"
            value={jid}
            onChange={setJid}
            address
            placeholder={`name@${domain}`}
          />
        )}
        {(form.kind === 'add' || form.kind === 'edit') && (
          <TextField
            id={ids.name}
            label={t('desktopChat.dialog.name')}
            testId="dc.dialog.name"
            value={name}
            onChange={setName}
          />
        )}
        {form.kind === 'add' && groupPicker(t('desktopChat.dialog.group'))}
        {form.kind === 'move' && groupPicker(t('desktopChat.dialog.destination'))}
        {form.kind === 'edit' && (
          <fieldset className="dc-fieldset">
            <legend>{t('desktopChat.dialog.groups')}</legend>
            {groups.map((group) => (
              <label key={group} className="dc-check">
                <input
                  type="checkbox"
                  checked={chosen.has(group)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.currentTarget.checked) next.add(group);
                    else next.delete(group);
                    setChosen(next);
                  }}
                />
                {group}
              </label>
            ))}
            {newGroupField()}
          </fieldset>
        )}
        {form.kind === 'group' && newGroupField(t('desktopChat.dialog.groupName'))}
        {problem && (
          <p id={ids.error} className="dc-dialog__problem" role="alert" data-testid="dc.dialog.problem">
            {problem}
          </p>
        )}
        <div className="ui-dialog__actions">
          <button type="button" className="hc-btn hc-btn--secondary" onClick={onCancel}>
            {t('desktopChat.dialog.cancel')}
          </button>
          <button
            type="submit"
            className="hc-btn hc-btn--primary"
            disabled={busy}
            data-testid="dc.dialog.submit"
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

/** A labelled text input of the dialog; names are capped at 100 characters, an address is not. */
function TextField(props: {
  id: string;
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** An XMPP address: no length cap, no autocomplete. */
  address?: boolean;
  placeholder?: string;
}) {
  return (
    <label className="dc-field" htmlFor={props.id}>
      <span>{props.label}</span>
      <input
        id={props.id}
        className="dc-input"
        data-testid={props.testId}
        value={props.value}
        {...(props.address ? { autoComplete: 'off' } : { maxLength: 100 })}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      />
    </label>
  );
}
