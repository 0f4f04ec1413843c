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
import { labelIn } from '../../../sdk/core/labels.ts';
import { DEFAULT_PRECHAT_FIELDS, FIELD_MAX_LENGTH } from '../../../sdk/core/prechat.ts';
import type { PrechatField } from '../../../sdk/core/protocol.ts';
import {
  loadQueueFile,
  type FieldEntry,
  type HoursEntry,
  type QueueEntry,
  type QueueFile,
  type TeamEntry,
} from '../../queueFile.ts';
import type { BusinessHours } from './businessHours.ts';

export { QueueConfigError } from '../../queueFile.ts';

type FieldConfig = FieldEntry;
type QueueConfig = QueueEntry;

export interface QueueSettings {
  queue: string;
  fields: readonly FieldConfig[];
  hours: BusinessHours | null;
  whenUnstaffed: 'leave-message' | 'wait';
  /** Who answers (name, avatars) and the greeting, for the pre-chat panel. */
  team: TeamEntry | null;
  greeting: QueueConfig['greeting'] | null;
}

/** What the pre-chat panel says about who answers, in one language. */
export interface QueueIntro {
  team?: { name?: string; avatars: string[] };
  greeting?: string;
}

export interface QueueDirectory {
  /** The settings of `queue` (the defaults for a queue the file does not name). */
  get(queue: string): QueueSettings;
  /** The fields as the widget gets them: labels in `locale`, the routing of topics left out. */
  publicFields(queue: string, locale: string): PrechatField[];
  /** The queue a chat goes to: the picked topic's queue if it names one, else `queue`. */
  routeFor(queue: string, topic: string | undefined): string;
  /** The team and the greeting in `locale` (nothing the file does not give). */
  publicIntro(queue: string, locale: string): QueueIntro;
}

export interface QueueDirectoryOptions {
  /** The parsed queues file (server/queueFile.ts); or the JSON text / a file to read it from. */
  queueFile?: QueueFile;
  json?: string | undefined;
  file?: string | undefined;
  whenUnstaffed: 'leave-message' | 'wait';
}

function toHours(hours: HoursEntry): BusinessHours {
  return { timeZone: hours.timeZone, weekly: hours.weekly, holidays: new Set(hours.holidays) };
}

export function createQueueDirectory(options: QueueDirectoryOptions): QueueDirectory {
  const file = options.queueFile ?? loadQueueFile(options);
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
        team: merged.team ?? null,
        greeting: merged.greeting ?? null,
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
    publicIntro(queue, locale) {
      const { team, greeting } = get(queue);
      const name = team?.name ? labelIn(team.name, locale) : '';
      const avatars = team?.avatars ?? [];
      return {
        ...(name || avatars.length > 0 ? { team: { ...(name ? { name } : {}), avatars: [...avatars] } } : {}),
        ...(greeting ? { greeting: labelIn(greeting, locale) } : {}),
      };
    },
    routeFor(queue, topic) {
      const field = get(queue).fields.find((candidate) => candidate.name === 'topic');
      return field?.options?.find((option) => option.value === topic)?.queue ?? queue;
    },
  };
}
