/**
 * Per-queue settings of the customer conversation: which pre-chat fields the widget shows (and
 * which are required), business hours with holidays, and what to offer when no agent can take
 * chats. Read once at start from `QUEUES_FILE` or `QUEUES_JSON` (README "Widget conversation");
 * a mistake stops the server with the path of the problem. `defaults` apply to every queue,
 * `queues.<name>` replaces them key by key.
 *
 * ```json
 * { "defaults": { "prechat": { "fields": [{ "name": "name", "required": true }] } },
 *   "queues": { "sales": { "hours": { "timeZone": "Europe/Berlin",
 *       "weekly": { "mon": ["09:00-17:00"] }, "holidays": ["2025-12-25"] } } } }
 * ```
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_PRECHAT_FIELDS, FIELD_MAX_LENGTH } from '../../sdk/core/prechat.ts';
import type { PrechatField } from '../../sdk/core/protocol.ts';
import { isTimeZone, parseInterval, WEEKDAYS, type BusinessHours } from './businessHours.ts';

const queueName = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'a queue name (letters, digits, . _ @ -)');
/** A label in one language, or one per language (`{ "en": "Billing", "de": "Rechnung" }`). */
const label = z.union([
  z.string().min(1).max(80),
  z
    .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag'), z.string().min(1).max(80))
    .refine((value) => Object.keys(value).length > 0, 'at least one language'),
]);

const fieldSchema = z
  .strictObject({
    name: z.enum(['name', 'email', 'phone', 'topic']),
    required: z.boolean().default(false),
    maxLength: z.number().int().min(1).optional(),
    options: z
      .array(
        z.strictObject({
          value: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ -'),
          label,
          /** The chat goes to this queue when the customer picks this topic. */
          queue: queueName.optional(),
        }),
      )
      .min(1)
      .max(30)
      .optional(),
  })
  .refine((field) => (field.name === 'topic') === (field.options !== undefined), {
    message: 'a topic field needs options, and only a topic field has them',
  });

const hoursSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
  weekly: z.partialRecord(
    z.enum(WEEKDAYS),
    z.array(
      z.string().transform((text, context) => {
        try {
          return parseInterval(text);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    ),
  ),
  holidays: z.array(z.iso.date()).default([]),
});

const queueSchema = z.strictObject({
  prechat: z
    .strictObject({
      fields: z
        .array(fieldSchema)
        .max(4)
        .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, 'a field twice'),
    })
    .optional(),
  hours: hoursSchema.optional(),
  whenUnstaffed: z.enum(['leave-message', 'wait']).optional(),
});

const fileSchema = z.strictObject({
  defaults: queueSchema.default({}),
  queues: z.record(queueName, queueSchema).default({}),
});

type FieldConfig = z.output<typeof fieldSchema>;
type QueueConfig = z.output<typeof queueSchema>;

export interface QueueSettings {
  queue: string;
  fields: readonly FieldConfig[];
  hours: BusinessHours | null;
  whenUnstaffed: 'leave-message' | 'wait';
}

export interface QueueDirectory {
  /** The settings of `queue` (the defaults for a queue the file does not name). */
  get(queue: string): QueueSettings;
  /** The fields as the widget gets them: labels in `locale`, the routing of topics left out. */
  publicFields(queue: string, locale: string): PrechatField[];
  /** The queue a chat goes to: the picked topic's queue if it names one, else `queue`. */
  routeFor(queue: string, topic: string | undefined): string;
}

export interface QueueDirectoryOptions {
  /** JSON text (`QUEUES_JSON`) or a file to read it from (`QUEUES_FILE`); neither: the defaults. */
  json?: string | undefined;
  file?: string | undefined;
  whenUnstaffed: 'leave-message' | 'wait';
}

export class QueueConfigError extends Error {
  readonly code = 'CONFIG';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[hybrid-chat] queue settings: ${message}`, options);
    this.name = 'QueueConfigError';
  }
}

function parse(options: QueueDirectoryOptions): z.output<typeof fileSchema> {
  let text = options.json;
  if (text === undefined && options.file) {
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw new QueueConfigError(`cannot read ${options.file}`, { cause: error });
    }
  }
  if (text === undefined || text.trim() === '') return fileSchema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new QueueConfigError(`not JSON (${(error as Error).message})`, { cause: error });
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new QueueConfigError(problems.join('; '));
  }
  return result.data;
}

function toHours(hours: z.output<typeof hoursSchema>): BusinessHours {
  return { timeZone: hours.timeZone, weekly: hours.weekly, holidays: new Set(hours.holidays) };
}

/** `de-CH` → its own label, else `de`, else English, else the first one given. */
function labelIn(value: z.output<typeof label>, locale: string): string {
  if (typeof value === 'string') return value;
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  return value[locale] ?? value[language] ?? value['en'] ?? Object.values(value)[0] ?? '';
}

export function createQueueDirectory(options: QueueDirectoryOptions): QueueDirectory {
  const file = parse(options);
  const cache = new Map<string, QueueSettings>();

  function get(queue: string): QueueSettings {
    let settings = cache.get(queue);
    if (!settings) {
      const own: QueueConfig = file.queues[queue] ?? {};
      const merged: QueueConfig = { ...file.defaults, ...own };
      settings = {
        queue,
        fields: merged.prechat?.fields ?? DEFAULT_PRECHAT_FIELDS.map((field) => ({ ...field })),
        hours: merged.hours ? toHours(merged.hours) : null,
        whenUnstaffed: merged.whenUnstaffed ?? options.whenUnstaffed,
      };
      // Only queues the file names are kept: any string may arrive in a request.
      if (file.queues[queue]) cache.set(queue, settings);
    }
    return settings;
  }

  return {
    get,
    publicFields(queue, locale) {
      return get(queue).fields.map((field) => ({
        name: field.name,
        required: field.required,
        maxLength: Math.min(field.maxLength ?? FIELD_MAX_LENGTH[field.name], FIELD_MAX_LENGTH[field.name]),
        ...(field.options
          ? {
              options: field.options.map((option) => ({
                value: option.value,
                label: labelIn(option.label, locale),
              })),
            }
          : {}),
      }));
    },
    routeFor(queue, topic) {
      const field = get(queue).fields.find((candidate) => candidate.name === 'topic');
      return field?.options?.find((option) => option.value === topic)?.queue ?? queue;
    },
  };
}
