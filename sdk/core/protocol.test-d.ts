import type { Socket } from 'socket.io-client';
import { describe, expectTypeOf, it } from 'vitest';
import { createSocketIoTransport } from '../transport/socketIoTransport.ts';
import type { ChatClientOptions } from './chatClient.ts';
import type {
  AckDataOf,
  AckEventNames,
  ChatTransport,
  NoAckEventNames,
  PayloadOf,
  TransportEvents,
} from './chatTransport.ts';
import type { HybridChatError } from './errors.ts';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  AgentStatus,
  ChatClientToServerEvents,
  ChatMessage,
  ChatOffer,
  ChatSummary,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  SupervisorClientToServerEvents,
  SyncResult,
  TypingPayload,
} from './protocol.ts';

type AgentTransport = ChatTransport<AgentClientToServerEvents, AgentServerToClientEvents>;
type CustomerTransport = ChatTransport<CustomerClientToServerEvents, CustomerServerToClientEvents>;

describe('protocol event maps', () => {
  it('tells ack events from fire-and-forget ones', () => {
    expectTypeOf<AckEventNames<ChatClientToServerEvents>>().toEqualTypeOf<
      'message:send' | 'chat:sync' | 'chat:list' | 'chat:end' | 'chat:receipt'
    >();
    expectTypeOf<NoAckEventNames<ChatClientToServerEvents>>().toEqualTypeOf<'chat:typing'>();
    expectTypeOf<AckEventNames<CustomerClientToServerEvents>>().toEqualTypeOf<
      'message:send' | 'chat:sync' | 'chat:list' | 'chat:end' | 'chat:receipt' | 'chat:start'
    >();
    // Supervisor events (all with an ack) are checked on their own below.
    expectTypeOf<AckEventNames<SupervisorClientToServerEvents>>().toEqualTypeOf<
      keyof SupervisorClientToServerEvents
    >();
    expectTypeOf<keyof SupervisorClientToServerEvents>().toExtend<AckEventNames<AgentClientToServerEvents>>();
    expectTypeOf<Exclude<AckEventNames<AgentClientToServerEvents>, `supervisor:${string}`>>().toEqualTypeOf<
      | 'message:send'
      | 'chat:sync'
      | 'chat:list'
      | 'chat:end'
      | 'chat:receipt'
      | 'agent:setState'
      | 'offer:accept'
      | 'offer:decline'
      | 'agent:voice'
      | 'agents:available'
      | 'chat:transfer'
      | 'chat:invite'
      | 'invite:accept'
      | 'invite:decline'
      | 'chat:leave'
      | 'whisper:send'
      | 'whisper:list'
      | 'wrapup:list'
      | 'wrapup:start'
      | 'wrapup:submit'
    >();
  });

  it('derives payload and ack data types', () => {
    expectTypeOf<PayloadOf<ChatClientToServerEvents, 'chat:typing'>>().toEqualTypeOf<TypingPayload>();
    expectTypeOf<AckDataOf<ChatClientToServerEvents, 'message:send'>>().toEqualTypeOf<{
      message: ChatMessage;
    }>();
    expectTypeOf<AckDataOf<ChatClientToServerEvents, 'chat:sync'>>().toEqualTypeOf<SyncResult>();
    expectTypeOf<AckDataOf<AgentClientToServerEvents, 'offer:accept'>>().toEqualTypeOf<SyncResult>();
    expectTypeOf<AckDataOf<AgentClientToServerEvents, 'agent:setState'>>().toEqualTypeOf<{
      status: AgentStatus;
    }>();
  });

  it('types requests, notices and events of a transport', () => {
    const customer = {} as CustomerTransport;
    expectTypeOf(customer.request('chat:start', { clientId: 'x' })).resolves.toEqualTypeOf<{
      chat: ChatSummary;
    }>();
    expectTypeOf(customer.request('chat:list', {})).resolves.toEqualTypeOf<{ chats: ChatSummary[] }>();
    // @ts-expect-error chat:typing has no ack: it is a notice
    void customer.request('chat:typing', { chatId: 'c', typing: true });
    // @ts-expect-error message:send needs an ack: it is a request
    customer.notify('message:send', { chatId: 'c', clientId: 'x', text: 'hi' });
    // @ts-expect-error the payload must match the event
    void customer.request('chat:end', { chat: 'c' });

    expectTypeOf<TransportEvents<AgentServerToClientEvents>['offer:new']>().toEqualTypeOf<ChatOffer>();
    expectTypeOf<
      TransportEvents<AgentServerToClientEvents>['connectError']
    >().toEqualTypeOf<HybridChatError>();
    expectTypeOf<TransportEvents<CustomerServerToClientEvents>['disconnect']>().toEqualTypeOf<{
      reason: string;
      willReconnect: boolean;
    }>();
  });

  it('does not let a customer emit agent events', () => {
    const customer = {} as CustomerTransport;
    // @ts-expect-error offer:accept is an agent event
    void customer.request('offer:accept', { chatId: 'c' });
    // @ts-expect-error agent:setState is an agent event
    void customer.request('agent:setState', { state: 'READY' });
    // @ts-expect-error agents do not listen to customer sockets' agent events
    customer.on('offer:new', () => {});

    const socket = {} as Socket<CustomerServerToClientEvents, CustomerClientToServerEvents>;
    // @ts-expect-error the same holds for a raw socket.io-client socket typed with the maps
    socket.emit('offer:decline', { chatId: 'c' }, () => {});
    const agent = {} as AgentTransport;
    // @ts-expect-error agents do not start chats
    void agent.request('chat:start', { clientId: 'x' });
  });

  it('accepts an agent or a customer transport where the chat client wants its transport', () => {
    expectTypeOf<AgentTransport>().toExtend<ChatClientOptions['transport']>();
    expectTypeOf<CustomerTransport>().toExtend<ChatClientOptions['transport']>();
    expectTypeOf<ChatTransport<{ other: (p: string) => void }, AgentServerToClientEvents>>().not.toExtend<
      ChatClientOptions['transport']
    >();
  });

  it('picks the event maps from the socket.io namespace', () => {
    const auth = () => ({ token: 't' });
    expectTypeOf(
      createSocketIoTransport({ url: 'http://x', namespace: '/agent', auth }),
    ).toEqualTypeOf<AgentTransport>();
    expectTypeOf(
      createSocketIoTransport({ url: 'http://x', namespace: '/customer', auth }),
    ).toEqualTypeOf<CustomerTransport>();
  });
});
