/**
 * Runtime validation of every payload the server receives. Kept apart from `protocol.ts` so
 * that browser bundles that only need the types do not carry zod.
 */
import { z } from 'zod';
import { ProtocolError } from './errors.ts';
import { FIELD_MAX_LENGTH, isEmail, isPhone } from './prechat.ts';
import { VOICE_STATES } from './finesseXml.ts';
import {
  LIMITS,
  type AgentSessionRequest,
  type ChatRef,
  type CustomerSessionRequest,
  type EmailTranscriptRequest,
  type ForceTransferPayload,
  type InvitePayload,
  type TransferPayload,
  type WrapUpSubmit,
  type LeaveMessageRequest,
  type RateChatRequest,
  type ReceiptPayload,
  type SendMessagePayload,
  type SetAgentStatePayload,
  type StartChatPayload,
  type SyncPayload,
  type TypingPayload,
  type VoiceReport,
} from './protocol.ts';

const id = z.string().min(1).max(LIMITS.clientId);
/** Printable text: control characters other than tab and newline are refused. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), 'control characters');
const name = text(LIMITS.name).trim().min(1);
const queueName = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'queue name');
const locale = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'a language tag');
const timeZone = z.string().regex(/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/, 'an IANA time zone');
const email = z.string().trim().refine(isEmail, 'an email address');
const preChat = z
  .record(z.string().max(40), text(LIMITS.preChatValue))
  .refine((value) => Object.keys(value).length <= LIMITS.preChatFields, 'too many pre-chat fields');

export const schemas = {
  'message:send': z.strictObject({
    chatId: id,
    clientId: id,
    text: text(LIMITS.messageText).refine((value) => value.trim().length > 0, 'empty message'),
  }) satisfies z.ZodType<SendMessagePayload>,
  'chat:sync': z.strictObject({
    chatId: id,
    afterSeq: z.number().int().min(0),
  }) satisfies z.ZodType<SyncPayload>,
  'chat:list': z.strictObject({}),
  'chat:typing': z.strictObject({ chatId: id, typing: z.boolean() }) satisfies z.ZodType<TypingPayload>,
  'chat:end': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'chat:receipt': z
    .strictObject({
      chatId: id,
      delivered: z.number().int().min(0).optional(),
      read: z.number().int().min(0).optional(),
    })
    .refine(
      (value) => value.delivered !== undefined || value.read !== undefined,
      'no watermark',
    ) satisfies z.ZodType<ReceiptPayload>,
  /** The query of a file upload (`POST /api/chats/:chatId/files`); the name is sanitized after this. */
  fileUpload: z.strictObject({
    clientId: id,
    name: z.string().min(1).max(LIMITS.fileName),
  }),
  'chat:start': z.strictObject({
    clientId: id,
    queue: id.optional(),
    preChat: preChat.optional(),
  }) satisfies z.ZodType<StartChatPayload>,
  'agent:setState': z.strictObject({
    state: z.enum(['READY', 'NOT_READY']),
  }) satisfies z.ZodType<SetAgentStatePayload>,
  'offer:accept': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'agent:voice': z.strictObject({
    state: z.enum(VOICE_STATES),
    reasonCodeId: z.string().max(32).nullable(),
    reasonLabel: text(64).nullable(),
    callType: z.enum(['inbound', 'transfer', 'conference', 'consult', 'direct']).nullable(),
  }) satisfies z.ZodType<VoiceReport>,
  'offer:decline': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  // Supervisor (server/features/supervision); who may use them is checked there, from the session token.
  'supervisor:subscribe': z.strictObject({}),
  'supervisor:unsubscribe': z.strictObject({}),
  'supervisor:monitor': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'supervisor:unmonitor': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'supervisor:barge': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'supervisor:send': z.strictObject({
    chatId: id,
    clientId: id,
    text: text(LIMITS.messageText).refine((value) => value.trim().length > 0, 'empty message'),
  }) satisfies z.ZodType<SendMessagePayload>,
  'supervisor:transfer': z.strictObject({
    chatId: id,
    to: z.union([z.strictObject({ queue: queueName }), z.strictObject({ agentId: id })]),
  }) satisfies z.ZodType<ForceTransferPayload>,
  // Collaboration (server/features/collaboration): transfer, consult/conference, whisper, wrap-up.
  'agents:available': z.strictObject({}),
  'chat:transfer': z
    .strictObject({
      chatId: id,
      agentId: id.optional(),
      queue: queueName.optional(),
      note: text(LIMITS.note).trim(),
    })
    .refine(
      (value) => (value.agentId === undefined) !== (value.queue === undefined),
      'agentId or queue',
    ) satisfies z.ZodType<TransferPayload>,
  'chat:invite': z.strictObject({
    chatId: id,
    agentId: id,
    note: text(LIMITS.note).trim(),
  }) satisfies z.ZodType<InvitePayload>,
  'invite:accept': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'invite:decline': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'chat:leave': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'whisper:send': z.strictObject({
    chatId: id,
    clientId: id,
    text: text(LIMITS.messageText).refine((value) => value.trim().length > 0, 'empty message'),
  }) satisfies z.ZodType<SendMessagePayload>,
  'whisper:list': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'wrapup:list': z.strictObject({}),
  'wrapup:start': z.strictObject({ chatId: id }) satisfies z.ZodType<ChatRef>,
  'wrapup:submit': z.strictObject({
    chatId: id,
    reasons: z.array(text(LIMITS.name).trim().min(1)).max(20),
    notes: text(LIMITS.note).trim(),
  }) satisfies z.ZodType<WrapUpSubmit>,
  customerSession: z.strictObject({
    name,
    token: z.string().max(2048).optional(),
  }) satisfies z.ZodType<CustomerSessionRequest>,
  agentSession: z.strictObject({
    agentId: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'agent id'),
    authorization: z.string().regex(/^(Basic|Bearer) [A-Za-z0-9+/=._~-]{1,4096}$/, 'authorization'),
  }) satisfies z.ZodType<AgentSessionRequest>,
  // Widget conversation (server/features/conversation). Queries are not
  // strict: a cache-busting parameter must not fail them.
  widgetConfigQuery: z.object({ queue: queueName.optional(), locale: locale.optional() }),
  leaveMessage: z.strictObject({
    clientId: id,
    queue: queueName.optional(),
    name,
    email,
    phone: text(FIELD_MAX_LENGTH.phone)
      .trim()
      .refine((value) => value === '' || isPhone(value), 'a phone number')
      .optional(),
    message: text(LIMITS.messageText).trim().min(1, 'empty message'),
    locale: locale.optional(),
    reason: z.literal('max-wait').optional(),
  }) satisfies z.ZodType<LeaveMessageRequest>,
  offlineMessagesQuery: z.object({ status: z.enum(['open', 'handled', 'all']).default('open') }),
  rateChat: z.strictObject({
    score: z.number().int().min(1).max(5),
    comment: text(1000).trim().optional(),
  }) satisfies z.ZodType<RateChatRequest>,
  emailTranscript: z.strictObject({
    email,
    locale: locale.optional(),
    timeZone: timeZone.optional(),
  }) satisfies z.ZodType<EmailTranscriptRequest>,
  transcriptQuery: z.object({
    format: z.enum(['txt', 'html']).default('txt'),
    locale: locale.optional(),
    timeZone: timeZone.optional(),
  }),
} as const;

export type SchemaName = keyof typeof schemas;

/** Parses `input` against the named schema; throws a `ProtocolError` naming the first problem. */
export function parsePayload<K extends SchemaName>(name: K, input: unknown): z.output<(typeof schemas)[K]> {
  const result = schemas[name].safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ProtocolError(`invalid ${name} payload: ${where}${issue?.message ?? 'invalid'}`);
  }
  return result.data as z.output<(typeof schemas)[K]>;
}
