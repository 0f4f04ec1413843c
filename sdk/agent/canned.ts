/**
 * Canned messages: which apply to a chat's queue, their placeholders (`{customerName}`,
 * `{agentName}`), their title in the agent's language, and a check of stored copies (a copy kept by
 * an older version, or edited by hand, is trusted only entry by entry).
 */
import { labelIn } from '../core/labels.ts';
import type { CannedMessage } from '../core/protocol.ts';

export interface CannedValues {
  customerName: string;
  agentName: string;
}

/** The messages for a chat in `queue`: those for every queue (no `queues`) and those for this one. */
export function cannedFor(queue: string, messages: CannedMessage[]): CannedMessage[] {
  return messages.filter((message) => message.queues.length === 0 || message.queues.includes(queue));
}

/** `text` with `{customerName}` and `{agentName}` filled in; other braces stay as they are. */
export function fillPlaceholders(text: string, values: CannedValues): string {
  return text.replace(/\{(customerName|agentName)\}/g, (_match, name: keyof CannedValues) => values[name]);
}

/** A canned message's title in the agent's language (`titles`, as `labelIn` reads them), else its `title`. */
export function cannedTitle(message: Pick<CannedMessage, 'title' | 'titles'>, language: string): string {
  return labelIn(message.titles, language, message.title).trim() || message.title;
}

/** The canned message whose shortcode is `shortcode` (without its slash, any case), filled in. */
export function cannedText(
  messages: CannedMessage[],
  shortcode: string,
  values: CannedValues,
): string | null {
  const wanted = shortcode.replace(/^\//, '').toLowerCase();
  const found = messages.find((message) => message.shortcode.toLowerCase() === wanted);
  return found ? fillPlaceholders(found.text, values) : null;
}

export function isCannedMessage(value: unknown): value is CannedMessage {
  const entry = value as Partial<CannedMessage> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.shortcode === 'string' &&
    typeof entry.title === 'string' &&
    (entry.titles === undefined ||
      (typeof entry.titles === 'object' &&
        entry.titles !== null &&
        Object.values(entry.titles).every((title) => typeof title === 'string'))) &&
    typeof entry.text === 'string' &&
    Array.isArray(entry.queues) &&
    entry.queues.every((queue) => typeof queue === 'string')
  );
}
