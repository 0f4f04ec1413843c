/**
 * Socket replies are checked against the protocol: what a handler in a namespace's table returns
 * must be the ack type the event map declares for that event.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AgentClientToServerEvents,
  ChatMessage,
  ChatSummary,
  CustomerClientToServerEvents,
  SyncResult,
} from '../../sdk/core/protocol.ts';
import type { ReplyOf, Requests } from './handlers.ts';
import type { AgentSocket, CustomerSocket } from './socketTypes.ts';

declare const message: ChatMessage;
declare const summary: ChatSummary;
type CustomerRequests = Requests<CustomerClientToServerEvents, CustomerSocket>;
type AgentRequests = Requests<AgentClientToServerEvents, AgentSocket>;

describe('request tables', () => {
  it('take handlers whose reply is the event’s ack type, sync or async', () => {
    const customer: CustomerRequests = {
      'message:send': () => ({ message }),
      'chat:list': async () => ({ chats: [summary] }),
    };
    const agent: AgentRequests = {
      'offer:accept': async (): Promise<SyncResult> => ({ chat: summary, messages: [] }),
    };
    expectTypeOf(customer).not.toBeNever();
    expectTypeOf(agent).not.toBeNever();
    expectTypeOf<ReplyOf<AgentClientToServerEvents['chat:end']>>().toEqualTypeOf<{ chat: ChatSummary }>();
  });

  it('refuse a reply of another shape', () => {
    const wrongShape: CustomerRequests = {
      // @ts-expect-error: `chat:list` answers `{ chats }`, not `{ chat }`.
      'chat:list': () => ({ chat: summary }),
      // @ts-expect-error: `message:send` answers `{ message }`.
      'message:send': async () => ({ seq: 1 }),
    };
    expectTypeOf(wrongShape).not.toBeNever();
  });

  it('refuse an event the namespace does not have', () => {
    const customers: CustomerRequests = {
      // @ts-expect-error: customers cannot accept offers.
      'offer:accept': () => ({ chat: summary, messages: [] }),
    };
    expectTypeOf(customers).not.toBeNever();
  });
});
