/**
 * Socket replies are checked against the protocol: what a handler returns must be the ack type the
 * event map declares for that event, on that namespace's socket.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AgentClientToServerEvents,
  ChatMessage,
  ChatSummary,
  SyncResult,
} from '../../sdk/core/protocol.ts';
import { onRequest, type ReplyOf } from './handlers.ts';
import type { AgentSocket, CustomerSocket } from './socketTypes.ts';

declare const customer: CustomerSocket;
declare const agent: AgentSocket;
const log = { warn: () => undefined, error: () => undefined };
declare const message: ChatMessage;
declare const summary: ChatSummary;

describe('onRequest', () => {
  it('takes a handler whose reply is the event’s ack type, sync or async', () => {
    onRequest(customer, 'message:send', log, () => ({ message }));
    onRequest(customer, 'chat:list', log, async () => ({ chats: [summary] }));
    onRequest(agent, 'offer:accept', log, async (): Promise<SyncResult> => ({ chat: summary, messages: [] }));
    expectTypeOf<ReplyOf<AgentClientToServerEvents['chat:end']>>().toEqualTypeOf<{ chat: ChatSummary }>();
  });

  it('refuses a reply of another shape', () => {
    // @ts-expect-error: `chat:list` answers `{ chats }`, not `{ chat }`.
    onRequest(customer, 'chat:list', log, () => ({ chat: summary }));
    // @ts-expect-error: `message:send` answers `{ message }`.
    onRequest(customer, 'message:send', log, async () => ({ seq: 1 }));
  });

  it('refuses an event the namespace does not have', () => {
    // @ts-expect-error: customers cannot accept offers.
    onRequest(customer, 'offer:accept', log, () => ({ chat: summary, messages: [] }));
  });
});
