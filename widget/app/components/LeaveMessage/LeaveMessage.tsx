/**
 * Instead of a chat when none is possible — outside business hours, or with nobody to take it —
 * or instead of a chat that has waited its queue's maximum (`maxWait`, opened from the waiting
 * card): a message for the contact center (stored on the server, listed for agents and supervisors).
 * The form is idempotent per visit (one client id), says when the queue opens again, and, when
 * only the agents are away, lets the customer look again; after the maximum wait it can go back to
 * the waiting chat (`onBack`).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FIELD_MAX_LENGTH,
  type FieldProblem,
  type LeaveMessageRequest,
  HybridChatError,
  LIMITS,
  uuid,
} from '../../../../sdk/index.ts';
import { checkFormField, FieldInput, type FormField } from '../PrechatForm/FieldInput.tsx';
import '../PrechatForm/PrechatForm.css';
import './LeaveMessage.css';

/** Why the customer leaves a message: the queue is closed, nobody can chat, or the chat waited too long. */
export type LeaveReason = 'closed' | 'unstaffed' | 'maxWait';

export interface LeaveMessageProps {
  availability: LeaveReason;
  nextOpenAt: number | null;
  /** Name, email, phone as far as known (pre-chat form, `identify()`). */
  initial?: Readonly<Record<string, string>>;
  onSend: (message: Omit<LeaveMessageRequest, 'queue' | 'locale'>) => Promise<void>;
  /** Look again whether a chat is possible now (only offered while the agents are away). */
  onCheckAgain?: () => void;
  /** Back to the waiting chat (`maxWait`); without it there is no way back. */
  onBack?: () => void;
  /**
   * Put the cursor in the first field still to fill as the form appears, and on the confirmation
   * once sent (the form replaced what the customer was looking at).
   */
  autoFocus?: boolean;
  /** For the opening time: injected in tests. */
  now?: () => number;
}

const FIELDS: FormField[] = [
  { name: 'name', required: true, maxLength: FIELD_MAX_LENGTH.name },
  { name: 'email', required: true, maxLength: FIELD_MAX_LENGTH.email },
  { name: 'phone', required: false, maxLength: FIELD_MAX_LENGTH.phone },
  { name: 'message', required: true, maxLength: LIMITS.messageText },
];

const TITLES = {
  closed: 'leave.titleClosed',
  unstaffed: 'leave.titleUnstaffed',
  maxWait: 'leave.titleMaxWait',
} as const;
const INTROS = {
  closed: 'leave.introClosed',
  unstaffed: 'leave.introUnstaffed',
  maxWait: 'leave.introMaxWait',
} as const;

/** The first required field still empty in `values`, else the message box. */
export function firstToFill(values: Readonly<Record<string, string>>): string {
  return FIELDS.find((field) => field.required && !values[field.name]?.trim())?.name ?? 'message';
}

/** "Monday 9:00 AM" within the week ahead, else a date and time, in the customer's language. */
export function formatOpening(at: number, language: string, now: number): string {
  const soon = at - now < 6 * 24 * 3600_000;
  const format = new Intl.DateTimeFormat(
    language,
    soon
      ? { weekday: 'long', hour: 'numeric', minute: '2-digit' }
      : { dateStyle: 'medium', timeStyle: 'short' },
  );
  return format.format(at);
}

export function LeaveMessage({
  availability,
  nextOpenAt,
  initial = {},
  onSend,
  onCheckAgain,
  onBack,
  autoFocus = false,
  now = Date.now,
}: LeaveMessageProps) {
  const { t, i18n } = useTranslation('widget');
  const titleId = useId();
  const introId = useId();
  const sentTitle = useRef<HTMLHeadingElement>(null);
  const [focusFirst] = useState(() => (autoFocus ? firstToFill(initial) : null));
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...initial }));
  const [clientId, setClientId] = useState(() => uuid());
  const [submitted, setSubmitted] = useState(false);
  const [state, setState] = useState<'editing' | 'sending' | 'sent'>('editing');
  const [failure, setFailure] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const problems = new Map<string, FieldProblem>();
  for (const field of FIELDS) {
    const problem = checkFormField(field, values[field.name] ?? '');
    if (problem) problems.set(field.name, problem);
  }

  useEffect(() => {
    const field = focusFirst ? form.current?.querySelector<HTMLElement>(`[name="${focusFirst}"]`) : null;
    field?.focus();
    // A message started in the chat: the cursor goes after it, to go on writing.
    if (field instanceof HTMLTextAreaElement) field.setSelectionRange(field.value.length, field.value.length);
  }, [focusFirst]);

  useEffect(() => {
    if (autoFocus && state === 'sent') sentTitle.current?.focus();
  }, [autoFocus, state]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.size > 0) {
      queueMicrotask(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setState('sending');
    setFailure(null);
    const phone = values['phone']?.trim();
    try {
      await onSend({
        clientId,
        name: values['name']?.trim() ?? '',
        email: values['email']?.trim() ?? '',
        ...(phone ? { phone } : {}),
        message: values['message']?.trim() ?? '',
      });
      setState('sent');
    } catch (error) {
      setState('editing');
      setFailure(
        error instanceof HybridChatError && error.code === 'RATE_LIMITED'
          ? t('leave.limited')
          : t('leave.failed'),
      );
    }
  };

  if (state === 'sent') {
    return (
      <div className="w-leave w-leave--sent" role="status" data-testid="widget.leave.sent">
        <div className="w-leave__check" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="28" height="28">
            <path fill="currentColor" d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
          </svg>
        </div>
        <h2 ref={sentTitle} className="w-prechat__title" tabIndex={-1}>
          {t('leave.sentTitle')}
        </h2>
        <p>{t('leave.sentBody', { email: values['email']?.trim() ?? '' })}</p>
        <button
          type="button"
          className="w-btn w-btn--secondary w-btn--block"
          data-testid="widget.leave.another"
          onClick={() => {
            setValues((current) => ({ ...current, message: '' }));
            setClientId(uuid());
            setSubmitted(false);
            setState('editing');
          }}
        >
          {t('leave.another')}
        </button>
      </div>
    );
  }

  const closed = availability === 'closed';
  return (
    <form
      ref={form}
      className="w-prechat w-leave"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={titleId}
      aria-describedby={introId}
      data-testid="widget.leave"
    >
      <div className="w-prechat__intro">
        <h2
          id={titleId}
          className="w-prechat__title"
          data-testid="widget.leave.title"
          data-availability={availability}
        >
          {t(TITLES[availability])}
        </h2>
        <p id={introId}>{t(INTROS[availability])}</p>
        {closed && nextOpenAt !== null && (
          <p className="w-leave__opens" data-testid="widget.leave.opens">
            {t('leave.opensAt', { when: formatOpening(nextOpenAt, i18n.language, now()) })}
          </p>
        )}
      </div>
      {FIELDS.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          testIdPrefix="widget.leave"
          value={values[field.name] ?? ''}
          problem={submitted ? (problems.get(field.name) ?? null) : null}
          disabled={state === 'sending'}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
      {failure && (
        <p className="w-prechat__failed" role="alert">
          {failure}
        </p>
      )}
      <button
        type="submit"
        className="w-btn w-btn--primary w-btn--block"
        data-testid="widget.leave.send"
        disabled={state === 'sending'}
      >
        {state === 'sending' ? t('leave.sending') : t('leave.send')}
      </button>
      {availability === 'unstaffed' && onCheckAgain && (
        <button
          type="button"
          className="w-btn w-btn--secondary w-btn--block"
          data-testid="widget.leave.checkAgain"
          onClick={onCheckAgain}
        >
          {t('leave.checkAgain')}
        </button>
      )}
      {onBack && (
        <button
          type="button"
          className="w-btn w-btn--secondary w-btn--block"
          data-testid="widget.leave.back"
          disabled={state === 'sending'}
          onClick={onBack}
        >
          {t('leave.back')}
        </button>
      )}
      <p className="w-prechat__privacy">{t('prechat.privacy')}</p>
    </form>
  );
}
