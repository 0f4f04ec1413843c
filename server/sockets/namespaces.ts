/**
 * The `/customer` and `/agent` socket.io namespaces: handshake authentication with the signed
 * session token, then the protocol events of sdk/core/protocol.ts. Each participant's sockets
 * share a room (`customer:<id>`, `agent:<id>`), so a reload or a second tab gets every event.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  ReceiptNotice,
  StartChatPayload,
} from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import type { TokenClaims, TokenSigner } from '../auth/tokens.ts';
import type { ChatFanout, ChatService, Principal } from '../chatService.ts';
import type { ReceiptService } from '../receipts/receiptService.ts';
import type { Router, RouterNotifier } from '../routing/router.ts';
import type { StoredChat } from '../store/chatStore.ts';
import { onNotice, onRequest, type HandlerLog } from './handlers.ts';

interface SocketData {
  principal: Principal;
  /** The verified session token's claims (role, supervisor teams…), for features that need more. */
  claims: TokenClaims;
}

export interface CustomerHooks {
  admitStart(who: Principal, payload: StartChatPayload): StartChatPayload;
  connected(customerId: string): void;
  disconnected(customerId: string): void;
}

type CustomerNamespace = Namespace<
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  object,
  SocketData
>;
type AgentNamespace = Namespace<AgentClientToServerEvents, AgentServerToClientEvents, object, SocketData>;

const customerRoom = (id: string) => `customer:${id}`;
const agentRoom = (id: string) => `agent:${id}`;

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

export function createNamespaces(io: Server) {
  const customers = io.of(NAMESPACES.customer) as unknown as CustomerNamespace;
  const agents = io.of(NAMESPACES.agent) as unknown as AgentNamespace;

  let chatMembers: (chatId: string) => string[] = () => [];
  /** The owner's room and every conference member's. */
  const chatAgentRooms = (chat: { id: string; agent: { id: string } | null }): string[] =>
    [...(chat.agent ? [chat.agent.id] : []), ...chatMembers(chat.id)].map(agentRoom);

  const fanout: ChatFanout = {
    message(message, chat, exceptSocket) {
      // The sender's other tabs still get it; the sending socket has it in its ack.
      const except = exceptSocket ? [exceptSocket] : [];
      customers.to(customerRoom(chat.customer.id)).except(except).emit('chat:message', message);
      const rooms = chatAgentRooms(chat);
      if (rooms.length > 0) agents.to(rooms).except(except).emit('chat:message', message);
    },
    chatUpdate(summary) {
      customers.to(customerRoom(summary.customer.id)).emit('chat:update', summary);
      const rooms = chatAgentRooms(summary);
      if (rooms.length > 0) agents.to(rooms).emit('chat:update', summary);
    },
    typing(notice, chat) {
      // Only the other side hears it.
      if (notice.from.role === 'agent')
        customers.to(customerRoom(chat.customer.id)).emit('chat:typing', notice);
      else if (chat.agent) agents.to(agentRoom(chat.agent.id)).emit('chat:typing', notice);
    },
  };

  const routerNotifier = (service: () => ChatService): RouterNotifier => ({
    agentStatus: (agentId, status) => agents.to(agentRoom(agentId)).emit('agent:status', status),
    offer: (agentId, offer) => agents.to(agentRoom(agentId)).emit('offer:new', offer),
    offerRevoked: (agentId, chatId, reason) =>
      agents.to(agentRoom(agentId)).emit('offer:revoked', { chatId, reason }),
    voiceAction: (agentId, action) => agents.to(agentRoom(agentId)).emit('agent:voiceAction', action),
    chatChanged: (chatId) => service().broadcast(chatId),
  });

  function attach(deps: {
    tokens: TokenSigner;
    service: ChatService;
    router: Router;
    log: HandlerLog;
    /** False in `server` sync: the server follows Finesse itself and ignores gadget reports. */
    voiceFromGadget: boolean;
    /** Widget conversation (server/conversation): checks a start, counts customer connections. */
    customerHooks?: CustomerHooks;
    /** Delivered/read receipts (server/receipts). */
    receipts?: ReceiptService;
  }) {
    const { service, router, log } = deps;

    customers.use(authenticate(deps.tokens, 'customer'));
    customers.on('connection', (socket) => {
      const who = socket.data.principal;
      void socket.join(customerRoom(who.id));
      const hooks = deps.customerHooks;
      hooks?.connected(who.id);
      if (hooks) socket.on('disconnect', () => hooks.disconnected(who.id));
      onRequest(socket, 'chat:start', log, (payload) => ({
        chat: service.start(who, hooks ? hooks.admitStart(who, payload) : payload),
      }));
      registerChatEvents(socket, who, service, log, deps.receipts);
    });

    agents.use(authenticate(deps.tokens, 'agent'));
    agents.on('connection', (socket) => {
      const who = socket.data.principal;
      void socket.join(agentRoom(who.id));
      const status = router.agentConnected(who.id, who.name);
      socket.emit('agent:status', status);
      socket.on('disconnect', () => router.agentDisconnected(who.id));
      onRequest(socket, 'agent:setState', log, ({ state }) => ({
        status: router.setRequestedState(who.id, state),
      }));
      onRequest(socket, 'agent:voice', log, (voice) => ({
        status: deps.voiceFromGadget ? router.reportVoice(who.id, voice) : router.agentStatus(who.id),
      }));
      onRequest(socket, 'offer:accept', log, ({ chatId }) => {
        const chat = router.accept(who.id, chatId);
        return { chat: service.summary(chat), messages: service.sync(who, { chatId, afterSeq: 0 }).messages };
      });
      onRequest(socket, 'offer:decline', log, ({ chatId }) => {
        router.decline(who.id, chatId);
        return { chatId };
      });
      registerChatEvents(socket, who, service, log, deps.receipts);
    });
  }

  /** A side's new receipt watermarks, to both sides (a sender's other tabs keep up too). */
  function receipt(notice: ReceiptNotice, chat: StoredChat): void {
    customers.to(customerRoom(chat.customer.id)).emit('chat:receipt', notice);
    const rooms = chatAgentRooms(chat);
    if (rooms.length > 0) agents.to(rooms).emit('chat:receipt', notice);
  }

  /** Agent-namespace handlers of other features (server/collaboration), on every agent connection. */
  const agentHandlers: Array<(socket: Socket, who: Principal, claims: TokenClaims) => void> = [];
  agents.on('connection', (socket) => {
    for (const register of agentHandlers)
      register(socket as unknown as Socket, socket.data.principal, socket.data.claims);
  });

  return {
    customers,
    agents,
    fanout,
    receipt,
    routerNotifier,
    attach,
    /** Conference members (server/collaboration) get a chat's events like its owner. */
    setChatMembers(lookup: (chatId: string) => string[]): void {
      chatMembers = lookup;
    },
    onAgentConnection(register: (socket: Socket, who: Principal, claims: TokenClaims) => void): void {
      agentHandlers.push(register);
    },
    /** Emits to these agents' sockets (every tab of each). */
    toAgents: (agentIds: string[]) => agents.to(agentIds.map(agentRoom)),
  };
}

function registerChatEvents(
  socket: Socket,
  who: Principal,
  service: ChatService,
  log: HandlerLog,
  receipts?: ReceiptService,
): void {
  if (receipts)
    onRequest(socket, 'chat:receipt', log, (payload) => ({ receipts: receipts.mark(who, payload) }));
  onRequest(socket, 'message:send', log, (payload) => ({ message: service.send(who, payload, socket.id) }));
  onRequest(socket, 'chat:sync', log, (payload) => service.sync(who, payload));
  onRequest(socket, 'chat:list', log, () => ({ chats: service.list(who) }));
  onRequest(socket, 'chat:end', log, ({ chatId }) => ({ chat: service.end(who, chatId) }));
  onNotice(socket, 'chat:typing', ({ chatId, typing }) => service.typing(who, chatId, typing));
}
