/**
 * The `/customer` and `/agent` socket.io namespaces: handshake authentication with the signed
 * session token, the core's chat events (sdk/core/protocol.ts), the events features add, and the
 * delivery of the core's domain events to the rooms they concern (delivery.ts).
 */
import type { Server, Socket } from 'socket.io';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  ChatClientToServerEvents,
  CustomerClientToServerEvents,
  StartChatPayload,
} from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import type { ChatService, Principal } from '../core/chatService.ts';
import type { DomainEventBus } from '../core/events.ts';
import type { Feature } from '../core/feature.ts';
import type { RoutingPort } from '../core/routing/routingPort.ts';
import type { SocketGuard } from '../limits/socketGuard.ts';
import { deliverDomainEvents, type AgentNamespace, type CustomerNamespace } from './delivery.ts';
import {
  createHandlerTable,
  type EventMeter,
  type HandlerLog,
  type Notices,
  type Requests,
  type RequestTimer,
} from './handlers.ts';
import { createInFlight } from './inFlight.ts';
import { agentRoom, customerRoom, monitorRoom } from './rooms.ts';
import type { AgentNotify, AgentSocket, CustomerSocket, SocketData } from './socketTypes.ts';
import { createTokenWatch } from './tokenWatch.ts';

export interface SocketEdgeDeps {
  io: Server;
  tokens: TokenSigner;
  chats: ChatService;
  router: RoutingPort;
  /** Several nodes share socket.io's rooms (REDIS_URL). */
  clustered?: boolean;
  events: DomainEventBus;
  /** The abuse limits at the handshake and per event (server/limits/socketGuard.ts). */
  guard: SocketGuard;
  log: HandlerLog & { info(obj: object, msg: string): void };
  /** `gadget` sync: the gadget reports voice state (`agent:voice`) and applies blending's changes. */
  voiceFromGadget: boolean;
  /** Times requests from arrival to ack (server/http/metrics.ts). */
  timeRequest?: RequestTimer;
}

function authenticate(tokens: TokenSigner, role: Principal['role']) {
  return (socket: Socket, next: (error?: Error) => void) => {
    const claims = tokens.verify((socket.handshake.auth as { token?: unknown }).token, role);
    if (!claims) {
      const error = new Error('UNAUTHORIZED: invalid or expired session token') as Error & { data?: unknown };
      error.data = { code: 'UNAUTHORIZED' };
      next(error);
      return;
    }
    Object.assign(socket.data as SocketData, {
      principal: { role, id: claims.sub, name: claims.name },
      claims,
    } satisfies SocketData);
    next();
  };
}

export function createSocketEdge(deps: SocketEdgeDeps) {
  const { chats, router, guard, log } = deps;
  const customers = deps.io.of(NAMESPACES.customer) as unknown as CustomerNamespace;
  const agents = deps.io.of(NAMESPACES.agent) as unknown as AgentNamespace;
  const features: Feature[] = [];
  const meter: EventMeter = ({ socket, who }, event) => guard.meter(socket, who, event);
  // Requests being answered, which a graceful stop waits for (inFlight.ts); timed as asked.
  const inFlight = createInFlight();
  const timer: RequestTimer = (event) => {
    const ended = inFlight.begin();
    const timed = deps.timeRequest?.(event);
    return (ok) => {
      ended();
      timed?.(ok);
    };
  };
  const customerTable = createHandlerTable<CustomerClientToServerEvents, CustomerSocket>(log, meter, timer);
  const agentTable = createHandlerTable<AgentClientToServerEvents, AgentSocket>(log, meter, timer);
  // Every socket ends with its session token: at its expiry, or at its revocation (tokenWatch.ts).
  const tokenWatch = createTokenWatch();

  deliverDomainEvents({
    customers,
    agents,
    events: deps.events,
    voiceToGadget: deps.voiceFromGadget,
    clustered: deps.clustered ?? false,
  });

  async function admit(who: Principal, payload: StartChatPayload): Promise<StartChatPayload> {
    let admitted = payload;
    for (const feature of features)
      if (feature.admitStart) admitted = await feature.admitStart(who, admitted);
    return admitted;
  }

  // A participant's own chats, on both namespaces.
  const chatRequests: Requests<ChatClientToServerEvents, CustomerSocket | AgentSocket> = {
    'message:send': async (payload, { who, socket }) => ({
      message: await chats.send(who, payload, socket.id),
    }),
    'chat:sync': (payload, { who }) => chats.sync(who, payload),
    'chat:list': async (_payload, { who }) => ({ chats: await chats.list(who) }),
    'chat:end': async ({ chatId }, { who }) => ({ chat: await chats.end(who, chatId) }),
  };
  const chatNotices: Notices<ChatClientToServerEvents, CustomerSocket | AgentSocket> = {
    'chat:typing': ({ chatId, typing }, { who }) => chats.typing(who, chatId, typing),
  };

  customerTable.requests({
    ...chatRequests,
    // The open chat if there is one; a new one only within the limits, then as the features admit it.
    'chat:start': async (payload, { who, socket }) => ({
      chat: await chats.start(who, payload, (start) => {
        guard.newChat(socket, who);
        return admit(who, start);
      }),
    }),
  });
  customerTable.notices(chatNotices);
  agentTable.requests({
    ...chatRequests,
    'agent:setState': async ({ state }, { who }) => ({
      status: await router.setRequestedState(who.id, state),
    }),
    'agent:voice': async (voice, { who }) => ({
      status: await (deps.voiceFromGadget ? router.reportVoice(who.id, voice) : router.agentStatus(who.id)),
    }),
    'offer:accept': async ({ chatId }, { who }) => {
      await router.accept(who.id, chatId);
      return chats.sync(who, { chatId, afterSeq: 0 });
    },
    'offer:decline': async ({ chatId }, { who }) => {
      await router.decline(who.id, chatId);
      return { chatId };
    },
  });
  agentTable.notices(chatNotices);

  customers.use(authenticate(deps.tokens, 'customer'));
  customers.use((socket, next) => guard.admit(socket as CustomerSocket, next));
  customers.on('connection', (socket: CustomerSocket) => {
    const { principal: who, claims } = socket.data;
    tokenWatch.watch(socket, claims);
    void socket.join(customerRoom(who.id));
    customerTable.listen({ socket, who, claims });
    for (const feature of features) feature.customerSocket?.(socket, who);
  });

  agents.use(authenticate(deps.tokens, 'agent'));
  agents.use((socket, next) => guard.admit(socket as AgentSocket, next));
  agents.on('connection', (socket: AgentSocket) => {
    const { principal: who, claims } = socket.data;
    tokenWatch.watch(socket, claims);
    void socket.join(agentRoom(who.id));
    // The disconnect is told after the connect it ends, whatever the order the answers come in.
    const connected = router.agentConnected(who.id, who.name, claims.teamId).then(
      (status) => void socket.emit('agent:status', status),
      (error: unknown) =>
        log.warn({ err: error, agentId: who.id }, 'routing did not hear of a signed-in agent'),
    );
    socket.on('disconnect', () => {
      void connected
        .then(() => router.agentDisconnected(who.id))
        .catch((error: unknown) =>
          log.warn({ err: error, agentId: who.id }, 'routing did not hear of a signed-out agent'),
        );
    });
    agentTable.listen({ socket, who, claims });
    for (const feature of features) feature.agentSocket?.(socket, who, claims);
  });

  const notify: AgentNotify = (agentIds, event, ...args) => {
    if (agentIds.length === 0) return;
    (agents.to(agentIds.map(agentRoom)).emit as (event: string, ...args: unknown[]) => boolean)(
      event,
      ...args,
    );
  };

  return {
    customers,
    agents,
    notify,
    /** Resolves once every request received so far has been answered (a graceful stop waits). */
    settled: () => inFlight.settled(),
    /** Ends the sockets that connected with a token that was just revoked. */
    sessionRevoked: (jti: string) => tokenWatch.revoked(jti),
    /** To supervisors watching the chat (server/features/supervision), when there are any. */
    toMonitors<K extends keyof AgentServerToClientEvents>(
      chatId: string,
      event: K,
      except: string | undefined,
      ...args: Parameters<AgentServerToClientEvents[K]>
    ): void {
      const room = monitorRoom(chatId);
      // An empty room still costs an encode per emit: most chats have no monitor. With several
      // nodes a monitor may watch from another.
      if (!deps.clustered && !agents.adapter.rooms.get(room)?.size) return;
      const target = except ? agents.to(room).except(except) : agents.to(room);
      (target.emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
    },
    /** The sockets in a chat's monitor room (this process's; none for most chats). */
    monitors(chatId: string): AgentSocket[] {
      const ids = agents.adapter.rooms.get(monitorRoom(chatId));
      if (!ids?.size) return [];
      return [...ids].flatMap((id) => {
        const socket = agents.sockets.get(id);
        return socket ? [socket] : [];
      });
    },
    mount(feature: Feature): void {
      features.push(feature);
      if (feature.customerRequests) customerTable.requests(feature.customerRequests);
      if (feature.agentRequests) agentTable.requests(feature.agentRequests);
    },
  };
}

export type SocketEdge = ReturnType<typeof createSocketEdge>;
