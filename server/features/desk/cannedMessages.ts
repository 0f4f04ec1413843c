/**
 * Canned messages: prepared replies an agent inserts with `/shortcode`. Read once at start
 * from `CANNED_MESSAGES_FILE`; without it a small demo set applies. A mistake stops the server with
 * the path of the problem, as the queue settings do. Each entry names the queues it is for (none:
 * every queue); one shortcode may mean different texts in different queues, never two in one.
 *
 * ```json
 * { "messages": [{ "shortcode": "greet", "title": "Greeting",
 *     "text": "Hello {customerName}, this is {agentName}. How can I help?", "queues": [] }] }
 * ```
 *
 * A `title` may be one text or one per language (`{ "en": "Greeting", "ar": "تحية" }`), as queue
 * labels are (server/queueFile.ts); the gadget shows the agent's language, else English.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { labelIn } from '../../../sdk/core/labels.ts';
import { LIMITS, type CannedMessage } from '../../../sdk/core/protocol.ts';
import { labelSchema } from '../../queueFile.ts';

/** The placeholders the gadget fills in; anything else in braces is a typo worth stopping for. */
export const CANNED_PLACEHOLDERS = ['customerName', 'agentName'] as const;

const entrySchema = z.strictObject({
  shortcode: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lower-case letters, digits, _ and - (at most 32), e.g. "greet"'),
  title: z.union([z.string().trim().min(1).max(80), labelSchema]),
  text: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.messageText)
    .refine(
      (text) =>
        [...text.matchAll(/\{([^{}]*)\}/g)].every((match) =>
          (CANNED_PLACEHOLDERS as readonly string[]).includes(match[1] ?? ''),
        ),
      `placeholders are {${CANNED_PLACEHOLDERS.join('} and {')}}`,
    ),
  queues: z
    .array(z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'a queue name'))
    .max(50)
    .default([]),
});

const fileSchema = z
  .strictObject({ messages: z.array(entrySchema).max(500) })
  .superRefine(({ messages }, context) => {
    messages.forEach((entry, index) => {
      const clash = messages.findIndex(
        (other, otherIndex) =>
          otherIndex < index &&
          other.shortcode === entry.shortcode &&
          (other.queues.length === 0 ||
            entry.queues.length === 0 ||
            other.queues.some((queue) => entry.queues.includes(queue))),
      );
      if (clash >= 0) {
        context.addIssue({
          code: 'custom',
          path: ['messages', index, 'shortcode'],
          message: `"/${entry.shortcode}" is already messages.${clash} for a queue of this entry`,
        });
      }
    });
  });

/** The built-in set: enough to show the feature in the demo without any configuration. */
export const DEMO_CANNED_MESSAGES: CannedMessage[] = [
  {
    shortcode: 'greet',
    title: 'Greeting',
    text: 'Hello {customerName}, this is {agentName}. How can I help you today?',
    queues: [],
  },
  {
    shortcode: 'wait',
    title: 'One moment',
    text: 'Thank you for your patience, {customerName}. Let me check that for you, it will take a minute.',
    queues: [],
  },
  {
    shortcode: 'thanks',
    title: 'Closing',
    text: 'Thank you for chatting with us, {customerName}. Have a good day!',
    queues: [],
  },
  {
    shortcode: 'refund',
    title: 'Refund timeline',
    text: 'Refunds reach your account within 5 to 7 working days after we confirm them.',
    queues: ['billing'],
  },
];

export class CannedConfigError extends Error {
  readonly code = 'CONFIG';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[hybrid-chat] canned messages: ${message}`, options);
    this.name = 'CannedConfigError';
  }
}

/** Parses a canned-message file's JSON text; throws a CannedConfigError naming the problem. */
export function parseCannedMessages(json: string, source = 'CANNED_MESSAGES_FILE'): CannedMessage[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new CannedConfigError(`${source}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new CannedConfigError(`${source}: ${problems.join('; ')}`);
  }
  // `title` is the English (or first) text; `titles` has every language when the file gave several.
  return parsed.data.messages.map(({ title, ...entry }) =>
    typeof title === 'string'
      ? { ...entry, title }
      : { ...entry, title: labelIn(title, 'en'), titles: title },
  );
}

/** The configured canned messages (the file when given, else the demo set). */
export function loadCannedMessages(file: string | undefined): CannedMessage[] {
  if (!file) return DEMO_CANNED_MESSAGES;
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CannedConfigError(`cannot read ${file}`, { cause: error });
  }
  return parseCannedMessages(json, `CANNED_MESSAGES_FILE ${file}`);
}
