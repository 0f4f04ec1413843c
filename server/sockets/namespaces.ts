/**
 * The `/customer` and `/agent` socket.io namespaces: handshake authentication with the signed
 * session token, the core's chat events (sdk/core/protocol.ts), the events features add, and the
 * delivery of the core's domain events to the rooms they concern (delivery.ts).
 */
import type { Server, Socket } from 'socket.io';
import type { AgentServerToClientEvents, StartChatPayload } from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import type { TokenClaims, TokenSigner } from '../auth/tokens.ts';
import type { ChatService, Principal } from '../core/chatService.ts';
import type { DomainEventBus } from '../core/events.ts';
import type { Feature } from '../core/feature.ts';
import type { Router } from '../core/routing/router.ts';
import { deliverDomainEvents, type AgentNamespace, type CustomerNamespace } from './delivery.ts';
import { onNotice, onRequest, type HandlerLog } from './handlers.ts';
import { agentRoom, customerRoom, monitorRoom } from './rooms.ts';
import type { AgentNotify, AgentSocket, CustomerSocket, SocketData } from './socketTypes.ts';

export interface SocketEdgeDeps {
  io: Server;
  tokens: TokenSigner;
  chats: ChatService;
  router: Router;
  events: DomainEventBus;
  log: HandlerLog & { info(obj: object, msg: string): void };
  /** `gadget` sync: the gadget reports voice state (`agent:voice`) and applies blending's changes. */
  voiceFromGadget: boolean;
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
  const { chats, router, log } = deps;
  const customers = deps.io.of(NAMESPACES.customer) as unknown as CustomerNamespace;
  const agents = deps.io.of(NAMESPACES.agent) as unknown as AgentNamespace;
  const features: Feature[] = [];

  deliverDomainEvents({ customers, agents, events: deps.events, voiceToGadget: deps.voiceFromGadget });

  async function admit(who: Principal, payload: StartChatPayload): Promise<StartChatPayload> {
    let admitted = payload;
    for (const feature of features)
      if (feature.admitStart) admitted = await feature.admitStart(who, admitted);
    return admitted;
  }

  customers.use(authenticate(deps.tokens, 'customer'));
  customers.on('connection', (socket: CustomerSocket) => {
    const who = socket.data.principal;
    void socket.join(customerRoom(who.id));
    onRequest(socket, 'chat:start', log, async (payload) => ({
      chat: await chats.start(who, await admit(who, payload)),
    }));
    registerChatEvents(socket, who);
    for (const feature of features) feature.customerSocket?.(socket, who);
  });

  agents.use(authenticate(deps.tokens, 'agent'));
  agents.on('connection', (socket: AgentSocket) => {
    const { principal: who, claims } = socket.data;
    void socket.join(agentRoom(who.id));
    socket.emit('agent:status', router.agentConnected(who.id, who.name, claims.teamId));
    socket.on('disconnect', () => router.agentDisconnected(who.id));
    onRequest(socket, 'agent:setState', log, ({ state }) => ({
      status: router.setRequestedState(who.id, state),
    }));
    onRequest(socket, 'agent:voice', log, (voice) => ({
      status: deps.voiceFromGadget ? router.reportVoice(who.id, voice) : router.agentStatus(who.id),
    }));
    onRequest(socket, 'offer:accept', log, async ({ chatId }) => {
      await router.accept(who.id, chatId);
      return chats.sync(who, { chatId, afterSeq: 0 });
    });
    onRequest(socket, 'offer:decline', log, ({ chatId }) => {
      router.decline(who.id, chatId);
      return { chatId };
    });
    registerChatEvents(socket, who);
    for (const feature of features) feature.agentSocket?.(socket, who, claims as TokenClaims);
  });

  function registerChatEvents(socket: CustomerSocket | AgentSocket, who: Principal): void {
    const typed = socket as CustomerSocket;
    onRequest(typed, 'message:send', log, async (payload) => ({
      message: await chats.send(who, payload, socket.id),
    }));
    onRequest(typed, 'chat:sync', log, (payload) => chats.sync(who, payload));
    onRequest(typed, 'chat:list', log, async () => ({ chats: await chats.list(who) }));
    onRequest(typed, 'chat:end', log, async ({ chatId }) => ({ chat: await chats.end(who, chatId) }));
    onNotice(typed, 'chat:typing', ({ chatId, typing }) => chats.typing(who, chatId, typing));
  }

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
    /** To supervisors watching the chat (server/features/supervision), when there are any. */
    toMonitors<K extends keyof AgentServerToClientEvents>(
      chatId: string,
      event: K,
      except: string | undefined,
      ...args: Parameters<AgentServerToClientEvents[K]>
    ): void {
      const room = monitorRoom(chatId);
      // An empty room still costs an encode per emit: most chats have no monitor.
      if (!agents.adapter.rooms.get(room)?.size) return;
      const target = except ? agents.to(room).except(except) : agents.to(room);
      (target.emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
    },
    mount(feature: Feature): void {
      features.push(feature);
    },
  };
}

export type SocketEdge = ReturnType<typeof createSocketEdge>;
