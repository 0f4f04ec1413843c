/**
 * Runtime validation of every payload the server receives. Kept apart from `protocol.ts` so
 * that browser bundles that only need the types do not carry zod.
 */
import { z } from 'zod';
import { ProtocolError } from './errors.ts';
import { VOICE_STATES } from './finesseXml.ts';
import {
  LIMITS,
  type AgentSessionRequest,
  type ChatRef,
  type CustomerSessionRequest,
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
  customerSession: z.strictObject({
    name,
    token: z.string().max(2048).optional(),
  }) satisfies z.ZodType<CustomerSessionRequest>,
  agentSession: z.strictObject({
    agentId: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'agent id'),
    authorization: z.string().regex(/^(Basic|Bearer) [A-Za-z0-9+/=._~-]{1,4096}$/, 'authorization'),
  }) satisfies z.ZodType<AgentSessionRequest>,
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
