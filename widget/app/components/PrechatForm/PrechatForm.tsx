/**
 * The form before a chat: the customer's name (required, trimmed, at most LIMITS.name characters).
 * Errors show after the first submit, are announced, and put focus back on the field.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../sdk/index.ts';
import './PrechatForm.css';

export interface PrechatFormProps {
  initialName?: string;
  busy?: boolean;
  /** A failure of the last start, shown above the button. */
  error?: string | null;
  onStart: (name: string) => void;
}

export type NameProblem = 'required' | 'tooLong' | null;

export function validateName(value: string): NameProblem {
  const name = value.trim();
  if (!name) return 'required';
  if (Array.from(name).length > LIMITS.name) return 'tooLong';
  return null;
}

export function PrechatForm({ initialName = '', busy = false, error = null, onStart }: PrechatFormProps) {
  const { t } = useTranslation('widget');
  const [name, setName] = useState(initialName);
  const [submitted, setSubmitted] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const errorId = useId();
  const problem = validateName(name);
  const showProblem = submitted && problem !== null;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (problem) {
      input.current?.focus();
      return;
    }
    onStart(name.trim());
  };

  return (
    <form className="w-prechat" onSubmit={submit} noValidate>
      <div className="w-prechat__intro">
        <h2 className="w-prechat__title">{t('prechat.title')}</h2>
        <p>{t('prechat.intro')}</p>
      </div>
      <div className="w-field">
        <label htmlFor={fieldId} className="w-field__label">
          {t('prechat.name')}
        </label>
        <input
          ref={input}
          id={fieldId}
          className="w-field__input"
          data-testid="widget.prechat.name"
          type="text"
          name="name"
          autoComplete="name"
          required
          aria-required="true"
          aria-invalid={showProblem}
          aria-describedby={showProblem ? errorId : undefined}
          placeholder={t('prechat.namePlaceholder')}
          value={name}
          disabled={busy}
          onChange={(event) => setName(event.target.value)}
        />
        {showProblem && (
          <p id={errorId} className="w-field__error" role="alert" data-testid="widget.prechat.error">
            {problem === 'required'
              ? t('prechat.nameRequired')
              : t('prechat.nameTooLong', { max: LIMITS.name })}
          </p>
        )}
      </div>
      {error && (
        <p className="w-prechat__failed" role="alert">
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
