/**
 * Supervisor features on the `/agent` namespace (issue 6): the live team view, silent monitoring,
 * barge-in and forced transfer. Every request is checked against the session token's claims —
 * the Supervisor role and the teams Finesse listed at sign-in — never against what the client says.
 *
 * Silent monitoring is silent for everyone in the chat: the customer is never told, and neither is
 * the agent (as Finesse's own silent monitoring of calls). A barge-in is announced to both: the
 * customer sees a second agent join. Who barged in is stored (participants of role `supervisor`), so
 * after a restart the supervisor still writes to the chat, and their socket joins its room again on
 * connect, without a second "joined" line for the customer.
 */
import type { Namespace, Socket } from 'socket.io';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { ChatMessage, ChatSummary, TeamSnapshot } from '../../sdk/core/protocol.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { ChatFanout, ChatService } from '../chatService.ts';
import type { Router, RouterNotifier } from '../routing/router.ts';
import { onRequest, type HandlerLog } from '../sockets/handlers.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import { createWaitTracker, teamSnapshot, type MemberRecord } from './teamView.ts';
import type { TeamRef } from './teams.ts';

export interface SupervisionDeps {
  agents: Namespace;
  store: ChatStore;
  router: () => Router;
  service: () => ChatService;
  /** Monitoring and barge-in are logged (info) for audit. */
  log: HandlerLog & { info(obj: object, msg: string): void };
  /** Snapshots are pushed at most this often while things change (default 150 ms). */
  debounceMs?: number;
  /** Forced transfer (server/supervisor/transfer.ts wires it to the router). */
  transfer?: (chat: StoredChat, to: { queue: string } | { agentId: string }, by: string) => StoredChat;
  /** Queues a chat may be moved to besides its own (TRANSFER_QUEUES and the default queue). */
  queues?: () => readonly string[];
}

interface Subscriber {
  socket: Socket;
  teams: TeamRef[];
  last: string;
}

const monitorRoom = (chatId: string) => `monitor:${chatId}`;

export function createSupervision(deps: SupervisionDeps) {
  const { store } = deps;
  const members = new Map<string, MemberRecord>();
  const subscribers = new Map<string, Subscriber>();
  const waits = createWaitTracker(store);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const view = { store, router: deps.router, members, waits, barged: (id: string) => bargedNames(id) };
  const bargedNames = (chatId: string): string[] => store.supervisors(chatId).map((s) => s.name);
  const hasBarged = (chatId: string, supervisorId: string): boolean =>
    store.supervisors(chatId).some((s) => s.id === supervisorId);

  function push(): void {
    timer = undefined;
    for (const subscriber of subscribers.values()) {
      const snapshot = teamSnapshot(view, subscriber.teams);
      const key = JSON.stringify({ ...snapshot, at: 0 });
      if (key === subscriber.last) continue;
      subscriber.last = key;
      subscriber.socket.emit('supervisor:team', snapshot);
    }
  }

  /** Something a team view shows may have changed: push fresh snapshots soon (coalesced). */
  function invalidate(): void {
    if (timer || subscribers.size === 0) return;
    timer = setTimeout(push, deps.debounceMs ?? 150);
  }

  function supervisorOf(claims: TokenClaims): TeamRef[] {
    if (!claims.supervisor) throw new HybridChatError('FORBIDDEN', 'only supervisors may do this');
    return claims.teams ?? [];
  }

  /** The chat, if its agent belongs to one of `teams`; NOT_FOUND otherwise (reveals nothing). */
  function teamChat(teams: TeamRef[], chatId: string): StoredChat {
    const chat = store.getChat(chatId);
    const teamId = chat?.agent ? members.get(chat.agent.id)?.teamId : undefined;
    if (!chat || !teamId || !teams.some((team) => team.id === teamId)) {
      throw new HybridChatError('NOT_FOUND', 'no such chat in your teams');
    }
    return chat;
  }

  function history(chat: StoredChat) {
    return { chat: deps.service().summary(chat), messages: store.messagesAfter(chat.id, 0) };
  }

  function connected(socket: Socket, claims: TokenClaims): void {
    const member = members.get(claims.sub);
    members.set(claims.sub, {
      id: claims.sub,
      name: claims.name,
      teamId: claims.teamId ?? member?.teamId ?? '',
      connections: (member?.connections ?? 0) + 1,
    });
    invalidate();
    socket.on('disconnect', () => {
      subscribers.delete(socket.id);
      const record = members.get(claims.sub);
      if (record) record.connections = Math.max(0, record.connections - 1);
      invalidate();
    });
    const who = { role: 'agent' as const, id: claims.sub, name: claims.name };
    // A supervisor who barged in before a reconnect (or a restart) is still in those chats.
    if (claims.supervisor) {
      for (const chatId of store.supervisedChats(who.id)) void socket.join(monitorRoom(chatId));
    }

    onRequest(socket, 'supervisor:subscribe', deps.log, (): TeamSnapshot => {
      const teams = supervisorOf(claims);
      const snapshot = teamSnapshot(view, teams);
      subscribers.set(socket.id, { socket, teams, last: JSON.stringify({ ...snapshot, at: 0 }) });
      return snapshot;
    });
    onRequest(socket, 'supervisor:unsubscribe', deps.log, () => {
      supervisorOf(claims);
      subscribers.delete(socket.id);
      return {};
    });
    onRequest(socket, 'supervisor:monitor', deps.log, ({ chatId }) => {
      const chat = teamChat(supervisorOf(claims), chatId);
      void socket.join(monitorRoom(chat.id));
      deps.log.info({ chatId, supervisorId: claims.sub }, 'supervisor monitors a chat');
      return history(chat);
    });
    onRequest(socket, 'supervisor:unmonitor', deps.log, ({ chatId }) => {
      supervisorOf(claims);
      void socket.leave(monitorRoom(chatId));
      return { chatId };
    });
    onRequest(socket, 'supervisor:barge', deps.log, ({ chatId }) => {
      const chat = teamChat(supervisorOf(claims), chatId);
      if (chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
      void socket.join(monitorRoom(chat.id));
      if (!hasBarged(chat.id, who.id)) {
        store.addSupervisor(chat.id, { id: who.id, name: who.name });
        // The customer and the agent see a second agent join (the widget's "… joined").
        deps.service().postEvent(chat.id, 'agent-joined', who.name);
        deps.log.info({ chatId, supervisorId: who.id }, 'supervisor barged in');
        invalidate();
      }
      return history(store.getChat(chat.id) ?? chat);
    });
    onRequest(socket, 'supervisor:send', deps.log, (payload): { message: ChatMessage } => {
      const teams = supervisorOf(claims);
      const stored = store.getChat(payload.chatId);
      // A participant since their barge-in, even while the agent's gadget is away (after a restart).
      const chat = stored && hasBarged(stored.id, who.id) ? stored : teamChat(teams, payload.chatId);
      if (!hasBarged(chat.id, who.id)) {
        throw new HybridChatError('FORBIDDEN', 'barge in before writing to this chat');
      }
      if (chat.status !== 'active') {
        const stored = store.messageByClientId(chat.id, payload.clientId);
        if (stored) return { message: stored };
        throw new HybridChatError('CONFLICT', 'this chat has ended');
      }
      const { message, duplicate } = store.appendMessage({
        chatId: chat.id,
        clientId: payload.clientId,
        from: who,
        kind: 'text',
        text: payload.text,
      });
      if (!duplicate) fanout.message(message, chat, socket.id);
      return { message };
    });
    onRequest(socket, 'supervisor:transfer', deps.log, ({ chatId, to }): { chat: ChatSummary } => {
      const teams = supervisorOf(claims);
      const chat = teamChat(teams, chatId);
      if (!deps.transfer) throw new HybridChatError('CONFLICT', 'transfer is not available');
      if (chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
      if ('agentId' in to) {
        const target = members.get(to.agentId);
        if (!target || !teams.some((team) => team.id === target.teamId) || target.connections === 0) {
          throw new HybridChatError('NOT_FOUND', 'no such signed-in agent in your teams');
        }
      } else if (to.queue !== chat.queue && !(deps.queues?.() ?? []).includes(to.queue)) {
        throw new HybridChatError('NOT_FOUND', 'no such queue');
      }
      const moved = deps.transfer(chat, to, who.name);
      store.dropSupervisors(chat.id);
      invalidate();
      return { chat: deps.service().summary(moved) };
    });
  }

  /** The chat fanout, extended: monitors get every message and change of the chats they watch. */
  const baseFanout = { current: null as ChatFanout | null };
  const fanout: ChatFanout = {
    message(message, chat, exceptSocket) {
      baseFanout.current?.message(message, chat, exceptSocket);
      const room = deps.agents.to(monitorRoom(chat.id));
      (exceptSocket ? room.except(exceptSocket) : room).emit('supervisor:message', message);
      invalidate();
    },
    chatUpdate(summary) {
      baseFanout.current?.chatUpdate(summary);
      deps.agents.to(monitorRoom(summary.id)).emit('supervisor:chat', summary);
      if (summary.status === 'ended') {
        // The chat's end closed every participant's row, supervisors' included (chatStore.end).
        waits.forget(summary.id);
      }
      invalidate();
    },
    typing(notice, chat) {
      baseFanout.current?.typing(notice, chat);
    },
  };

  return {
    connected,
    invalidate,
    /** Wraps the namespaces' fanout so monitors see what the participants see. */
    wrapFanout(base: ChatFanout): ChatFanout {
      baseFanout.current = base;
      return fanout;
    },
    /** Wraps the router's notifier: state, offers and chat changes refresh the team views. */
    wrapNotifier(base: RouterNotifier): RouterNotifier {
      return {
        ...base,
        agentStatus: (agentId, status) => (base.agentStatus(agentId, status), invalidate()),
        offer: (agentId, offer) => (base.offer(agentId, offer), invalidate()),
        offerRevoked: (agentId, chatId, reason) => (base.offerRevoked(agentId, chatId, reason), invalidate()),
        chatChanged: (chatId) => (base.chatChanged(chatId), invalidate()),
      };
    },
    /** Verifies the handshake token again for its claims (the role and teams live there). */
    close(): void {
      clearTimeout(timer);
    },
  };
}

export type Supervision = ReturnType<typeof createSupervision>;
