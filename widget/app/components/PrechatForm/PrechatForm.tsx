/**
 * The form before a chat, with the fields the queue asks for (name, email, phone, topic; the
 * server's `/api/widget/config`), checked by the same rules as the server. Errors show after the
 * first submit, are announced, and focus goes to the first field to fix. What the host page gave
 * through `identify()` is not asked again: when it covers every required field, the form is just
 * a greeting and a start button. Above it, who answers and how soon (TeamIntro), and the queue's
 * own greeting in place of the standard one.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FieldProblem,
  type PrechatField,
  type WaitEstimate,
  type WidgetConfigResponse,
  LIMITS,
} from '../../../../sdk/index.ts';
import { checkFormField, FieldInput } from './FieldInput.tsx';
import './PrechatForm.css';
import { TeamIntro } from './TeamIntro.tsx';

export interface PrechatFormProps {
  fields: readonly PrechatField[];
  /** From the host page's `identify()`: used as given where valid, never asked again. */
  identity?: Readonly<Record<string, string>> | null;
  /** What the customer typed before (a failed start, a new chat after an ended one). */
  initialValues?: Readonly<Record<string, string>>;
  busy?: boolean;
  /** A failure of the last start, shown above the button. */
  error?: string | null;
  onStart: (values: Record<string, string>) => void;
  /** Who answers (the queue's team) and how soon; the queue's greeting replaces the standard intro. */
  team?: WidgetConfigResponse['team'] | undefined;
  replyEstimate?: WaitEstimate | undefined;
  greeting?: string | undefined;
}

/** The identity's values that satisfy their field's rules: those fields are not shown. */
export function givenByIdentity(
  fields: readonly PrechatField[],
  identity: Readonly<Record<string, string>> | null | undefined,
): Record<string, string> {
  const given: Record<string, string> = {};
  for (const field of fields) {
    const value = identity?.[field.name]?.trim();
    if (value && checkFormField(field, value) === null) given[field.name] = value;
  }
  return given;
}

/** The values to start with: the fields', then the host's other `identify()` data for the agent. */
export function preChatValues(
  values: Readonly<Record<string, string>>,
  identity: Readonly<Record<string, string>> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value.trim()) out[key] = value.trim();
  for (const [key, value] of Object.entries(identity ?? {})) {
    if (Object.keys(out).length >= LIMITS.preChatFields) break;
    if (!(key in out) && value) out[key] = value.slice(0, LIMITS.preChatValue);
  }
  return out;
}

export function PrechatForm({
  fields,
  identity = null,
  initialValues = {},
  busy = false,
  error = null,
  onStart,
  team,
  replyEstimate,
  greeting,
}: PrechatFormProps) {
  const { t } = useTranslation('widget');
  const given = givenByIdentity(fields, identity);
  const complete = fields.every((field) => !field.required || field.name in given);
  const shown = complete ? [] : fields.filter((field) => !(field.name in given));
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...identity, ...initialValues }));
  const [submitted, setSubmitted] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const problems = new Map<string, FieldProblem>();
  for (const field of shown) {
    const problem = checkFormField(field, values[field.name] ?? '');
    if (problem) problems.set(field.name, problem);
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.size > 0) {
      // After the re-render that marks them: the first field to fix gets the cursor.
      queueMicrotask(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const typed: Record<string, string> = {};
    for (const field of shown) typed[field.name] = values[field.name] ?? '';
    onStart(preChatValues({ ...given, ...typed }, identity));
  };

  const name = given['name'];
  return (
    <form ref={form} className="w-prechat" onSubmit={submit} noValidate data-testid="widget.prechat">
      <TeamIntro team={team} replyEstimate={replyEstimate} />
      <div className="w-prechat__intro">
        <h2 className="w-prechat__title">{name ? t('prechat.greeting', { name }) : t('prechat.title')}</h2>
        {greeting ? (
          // The queues file's text, maybe in another language than the widget's: its own direction.
          <p data-testid="widget.prechat.greeting" dir="auto">
            {greeting}
          </p>
        ) : (
          <p>
            {complete
              ? t('prechat.greetingIntro')
              : shown.length === 1 && shown[0]?.name === 'name'
                ? t('prechat.intro')
                : t('prechat.introFields')}
          </p>
        )}
      </div>
      {shown.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          testIdPrefix="widget.prechat"
          value={values[field.name] ?? ''}
          problem={submitted ? (problems.get(field.name) ?? null) : null}
          disabled={busy}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
      {error && (
        <p className="w-prechat__failed" role="alert" data-testid="widget.prechat.failed">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="w-btn w-btn--primary w-btn--block"
        data-testid="widget.prechat.start"
        disabled={busy}
      >
        {busy ? t('prechat.starting') : t('prechat.start')}
      </button>
      <p className="w-prechat__privacy">{t('prechat.privacy')}</p>
    </form>
  );
}
