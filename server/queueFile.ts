/**
 * The queues file (`QUEUES_FILE`, or the same JSON in `QUEUES_JSON`; docs/routing.md):
 * per queue what the widget asks and when it is open (read by server/features/conversation), and how
 * chats are routed (read by server/core/routing); and which queues and skills agents have, by Finesse
 * team and by agent id. Read and checked once at start: a mistake stops the server naming its path.
 *
 * ```json
 * { "defaults": { "serviceLevelS": 30 },
 *   "queues": { "billing": { "label": { "en": "Billing", "de": "Rechnung" }, "priority": 1,
 *       "skills": { "billing": 2 }, "overflow": [{ "afterS": 60, "queues": ["support"] }],
 *       "maxWaitS": 600 } },
 *   "agents": { "byTeam": { "10": { "queues": ["billing"], "skills": { "billing": 3 } } } },
 *   "routing": { "policy": "longest-idle" } }
 * ```
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isTimeZone, parseInterval, WEEKDAYS } from './features/conversation/businessHours.ts';

export const queueName = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'a queue name (letters, digits, . _ @ -)');
const skillName = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'a skill name (letters, digits, . _ -)');
/** Skill levels 1 (some) … 10 (expert). */
const skills = z.record(skillName, z.number().int().min(1).max(10));

/** A text of at most `max` characters in one language, or one per language (`{ "en": …, "de": … }`). */
const localized = (max: number) =>
  z.union([
    z.string().min(1).max(max),
    z
      .record(
        z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag'),
        z.string().min(1).max(max),
      )
      .refine((value) => Object.keys(value).length > 0, 'at least one language'),
  ]);

/** A label in one language, or one per language (`{ "en": "Billing", "de": "Rechnung" }`). */
export const labelSchema = localized(80);

/** Up to three letters or digits (`MK`), or the address of a picture over https. */
function isAvatar(value: string): boolean {
  if (/^[\p{L}\p{N}]{1,3}$/u.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Who answers the queue's chats, as the widget's pre-chat panel shows them. */
const teamSchema = z.strictObject({
  name: labelSchema.optional(),
  avatars: z
    .array(z.string().max(500).refine(isAvatar, 'initials (1–3 letters) or an https:// picture address'))
    .max(5)
    .optional(),
});

const fieldSchema = z
  .strictObject({
    name: z.enum(['name', 'email', 'phone', 'topic']),
    required: z.boolean().default(false),
    maxLength: z.number().int().min(1).optional(),
    options: z
      .array(
        z.strictObject({
          value: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ -'),
          label: labelSchema,
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

/** After `afterS` of waiting, agents of `queues` may take the chat too, and/or it needs only `skills`. */
const overflowStep = z
  .strictObject({
    afterS: z.number().int().min(1).max(86_400),
    queues: z.array(queueName).min(1).max(20).optional(),
    skills: skills.optional(),
  })
  .refine((step) => step.queues !== undefined || step.skills !== undefined, 'a step widens queues or skills');

const queueSchema = z.strictObject({
  // Widget conversation.
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
  /** The team's name and a few avatars on the pre-chat panel. */
  team: teamSchema.optional(),
  /** The queue's own welcome on the pre-chat panel, in one language or one per language. */
  greeting: localized(300).optional(),
  // Routing.
  label: labelSchema.optional(),
  /** Higher goes first across queues; within a queue the longest-waiting chat goes first. */
  priority: z.number().int().min(-100).max(100).optional(),
  /** What an agent needs to take the queue's chats: at least these levels. */
  skills: skills.optional(),
  overflow: z
    .array(overflowStep)
    .max(10)
    .refine(
      (steps) => steps.every((step, index) => index === 0 || step.afterS > (steps[index - 1]?.afterS ?? 0)),
      'steps in increasing afterS',
    )
    .optional(),
  /** The service level's threshold: a chat answered within it counts as answered in time. */
  serviceLevelS: z.number().int().min(1).max(3600).optional(),
  /** After this long in the queue the customer is offered to leave a message instead (the chat keeps its place). */
  maxWaitS: z.number().int().min(10).max(86_400).optional(),
});

const agentRouting = z.strictObject({
  /** Queue names, or `*` for every queue. */
  queues: z
    .array(z.union([queueName, z.literal('*')]))
    .max(100)
    .optional(),
  skills: skills.optional(),
});

const fileSchema = z.strictObject({
  defaults: queueSchema.default({}),
  queues: z.record(queueName, queueSchema).default({}),
  agents: z
    .strictObject({
      default: agentRouting.optional(),
      byTeam: z.record(z.string().min(1).max(64), agentRouting).default({}),
      byAgent: z.record(z.string().min(1).max(64), agentRouting).default({}),
    })
    .default({ byTeam: {}, byAgent: {} }),
  routing: z
    .strictObject({ policy: z.enum(['longest-idle', 'most-skilled']).default('longest-idle') })
    .default({ policy: 'longest-idle' }),
});

export type QueueFile = z.output<typeof fileSchema>;
export type QueueEntry = z.output<typeof queueSchema>;
export type FieldEntry = z.output<typeof fieldSchema>;
export type HoursEntry = z.output<typeof hoursSchema>;
export type TeamEntry = z.output<typeof teamSchema>;
export type AgentRoutingEntry = z.output<typeof agentRouting>;

export class QueueConfigError extends Error {
  readonly code = 'CONFIG';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[hybrid-chat] queue settings: ${message}`, options);
    this.name = 'QueueConfigError';
  }
}

/** Overflow may only lower a queue's skill levels or drop skills, never ask for more. */
function checkRelaxation(name: string, queue: QueueEntry): string[] {
  const problems: string[] = [];
  let required = queue.skills ?? {};
  (queue.overflow ?? []).forEach((step, index) => {
    if (!step.skills) return;
    for (const [skill, level] of Object.entries(step.skills)) {
      const before = required[skill];
      if (before === undefined || level > before) {
        problems.push(`queues.${name}.overflow.${index}.skills.${skill}: overflow may only lower levels`);
      }
    }
    required = step.skills;
  });
  return problems;
}

/** The queues file from `json` (QUEUES_JSON) or `file` (QUEUES_FILE); neither: everything default. */
export function loadQueueFile(options: { json?: string | undefined; file?: string | undefined }): QueueFile {
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
  const relaxation = Object.entries(result.data.queues).flatMap(([name, queue]) =>
    checkRelaxation(name, { ...result.data.defaults, ...queue }),
  );
  if (relaxation.length > 0) throw new QueueConfigError(relaxation.join('; '));
  return result.data;
}

/**
 * Every queue the file names: its queues, the queues their overflow steps and topics lead to, and
 * those agents are given. With the default and transfer queues these are the queues a chat may
 * start in; any other name is refused, so a client cannot make up queues.
 */
export function queuesNamedIn(file: QueueFile): string[] {
  const names = new Set(Object.keys(file.queues));
  for (const entry of [file.defaults, ...Object.values(file.queues)]) {
    for (const step of entry.overflow ?? []) for (const queue of step.queues ?? []) names.add(queue);
    for (const field of entry.prechat?.fields ?? [])
      for (const option of field.options ?? []) if (option.queue) names.add(option.queue);
  }
  const { default: fallback, byTeam, byAgent } = file.agents;
  for (const entry of [fallback, ...Object.values(byTeam), ...Object.values(byAgent)])
    for (const queue of entry?.queues ?? []) if (queue !== '*') names.add(queue);
  return [...names];
}
