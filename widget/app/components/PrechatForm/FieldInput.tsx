/**
 * One form field of the pre-chat and leave-a-message forms: the right input for the kind of data
 * (autocomplete, keyboard on phones), its label ("optional" when it is), and its problem, announced
 * and linked with `aria-describedby`. The rules themselves are shared with the server
 * (sdk/core/prechat.ts).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { checkField, type FieldProblem, type PrechatField } from '../../../../sdk/index.ts';
import type { WidgetKey } from '../../i18n/i18n.ts';

/** The leave-a-message form adds a message box to the pre-chat kinds. */
export type FormFieldName = PrechatField['name'] | 'message';

export interface FormField extends Omit<PrechatField, 'name'> {
  name: FormFieldName;
}

/** `checkField` of sdk/core/prechat.ts, plus the message box (required, at most `maxLength`). */
export function checkFormField(field: FormField, value: string): FieldProblem | null {
  if (field.name !== 'message') return checkField({ ...field, name: field.name }, value);
  const text = value.trim();
  if (!text) return field.required ? 'required' : null;
  return Array.from(text).length > field.maxLength ? 'tooLong' : null;
}

export interface FieldInputProps {
  field: FormField;
  /** `widget.prechat` → `widget.prechat.email`, `widget.prechat.email.error`. */
  testIdPrefix: string;
  value: string;
  problem: FieldProblem | null;
  disabled?: boolean;
  onChange: (value: string) => void;
}

const LABELS: Record<FormFieldName, WidgetKey> = {
  name: 'prechat.name',
  email: 'fields.email',
  phone: 'fields.phone',
  topic: 'fields.topic',
  message: 'fields.message',
};

const PLACEHOLDERS: Record<Exclude<FormFieldName, 'topic'>, WidgetKey> = {
  name: 'prechat.namePlaceholder',
  email: 'fields.emailPlaceholder',
  phone: 'fields.phonePlaceholder',
  message: 'fields.messagePlaceholder',
};

const REQUIRED: Record<FormFieldName, WidgetKey> = {
  name: 'prechat.nameRequired',
  email: 'fields.required.email',
  phone: 'fields.required.phone',
  topic: 'fields.required.topic',
  message: 'fields.required.message',
};

/** The sentence that tells the customer what to fix. */
export function useProblemText(): (field: FormField, problem: FieldProblem) => string {
  const { t } = useTranslation('widget');
  return (field, problem) => {
    switch (problem) {
      case 'required':
        return t(REQUIRED[field.name]);
      case 'tooLong':
        return t('prechat.nameTooLong', { max: field.maxLength });
      case 'email':
        return t('fields.invalidEmail');
      case 'phone':
        return t('fields.invalidPhone');
      case 'option':
        return t('fields.invalidOption');
    }
  };
}

export function FieldInput({
  field,
  testIdPrefix,
  value,
  problem,
  disabled = false,
  onChange,
}: FieldInputProps) {
  const { t } = useTranslation('widget');
  const problemText = useProblemText();
  const id = useId();
  const errorId = useId();
  const common = {
    id,
    name: field.name,
    className: 'w-field__input',
    'data-testid': `${testIdPrefix}.${field.name}`,
    required: field.required,
    'aria-required': field.required,
    'aria-invalid': problem !== null,
    'aria-describedby': problem ? errorId : undefined,
    disabled,
    value,
  };
  let control;
  if (field.name === 'topic') {
    control = (
      <select {...common} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('fields.topicPlaceholder')}</option>
        {field.options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else if (field.name === 'message') {
    control = (
      <textarea
        {...common}
        rows={5}
        placeholder={t(PLACEHOLDERS.message)}
        maxLength={field.maxLength + 100}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else {
    const kind = { name: ['text', 'name'], email: ['email', 'email'], phone: ['tel', 'tel'] }[field.name];
    control = (
      <input
        {...common}
        type={kind[0]}
        autoComplete={kind[1]}
        inputMode={field.name === 'email' ? 'email' : field.name === 'phone' ? 'tel' : undefined}
        placeholder={t(PLACEHOLDERS[field.name])}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <div className="w-field">
      <label htmlFor={id} className="w-field__label">
        {t(LABELS[field.name])}
        {!field.required && <span className="w-field__optional"> {t('fields.optional')}</span>}
      </label>
      {control}
      {problem && (
        <p
          id={errorId}
          className="w-field__error"
          role="alert"
          data-testid={`${testIdPrefix}.${field.name}.error`}
        >
          {problemText(field, problem)}
        </p>
      )}
    </div>
  );
}
