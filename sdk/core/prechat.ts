/**
 * The rules of the pre-chat and leave-a-message fields, shared by the widget (to say what is wrong
 * before anything is sent) and the server (which decides). No zod here: it runs in the widget.
 */
import { LIMITS, type PrechatField, type PrechatFieldName } from './protocol.ts';

export type FieldProblem = 'required' | 'tooLong' | 'email' | 'phone' | 'option';

/** The longest value each field may have, whatever a queue configures. */
export const FIELD_MAX_LENGTH: Record<PrechatFieldName, number> = {
  name: LIMITS.name,
  // RFC 5321's limit on a forward path, less the angle brackets.
  email: 254,
  phone: 32,
  topic: 64,
};

/** Deliberately plain: one @, no spaces or brackets, a dot in the domain. Mail servers decide the rest. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;
/** Digits with the usual separators and an optional leading +; E.164 has at most 15 digits. */
const PHONE = /^\+?[0-9 ()./-]+$/;

export function isEmail(value: string): boolean {
  return value.length <= FIELD_MAX_LENGTH.email && EMAIL.test(value);
}

export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 6 && digits <= 15;
}

/** Characters as the customer counts them (an emoji is one). */
const length = (value: string) => Array.from(value).length;

/** What is wrong with one field's value (trimmed first), or null. */
export function checkField(field: PrechatField, raw: string | undefined): FieldProblem | null {
  const value = (raw ?? '').trim();
  if (!value) return field.required ? 'required' : null;
  if (length(value) > Math.min(field.maxLength, FIELD_MAX_LENGTH[field.name])) return 'tooLong';
  if (field.name === 'email' && !isEmail(value)) return 'email';
  if (field.name === 'phone' && !isPhone(value)) return 'phone';
  if (field.name === 'topic' && field.options && !field.options.some((option) => option.value === value)) {
    return 'option';
  }
  return null;
}

/** Every field's problem; an empty object when all is well. */
export function checkPrechat(
  fields: readonly PrechatField[],
  values: Partial<Record<string, string>>,
): Partial<Record<PrechatFieldName, FieldProblem>> {
  const problems: Partial<Record<PrechatFieldName, FieldProblem>> = {};
  for (const field of fields) {
    const problem = checkField(field, values[field.name]);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** The fields as the server expects them when a queue configures nothing: the name, required. */
export const DEFAULT_PRECHAT_FIELDS: readonly PrechatField[] = [
  { name: 'name', required: true, maxLength: LIMITS.name },
];
