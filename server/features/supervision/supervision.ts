/**
 * Supervisor features on the `/agent` namespace: the live team view, silent monitoring,
 * barge-in and forced transfer. Every request is checked against the session token's claims — the
 * Supervisor role and the teams Finesse listed at sign-in — never against what the client says;
 * which chats are in those teams is decided in one place, teamAccess.ts, for HTTP reads too.
 *
 * Silent monitoring is silent for everyone in the chat: the customer is never told, and neither is
 * the agent (as Finesse's own silent monitoring of calls). A barge-in is announced to both: the
 * customer sees a second agent join. Who barged in is stored (participants of role `supervisor`), so
 * after a restart the supervisor still writes to the chat, and their socket joins its room again on
 * connect, without a second "joined" line for the customer.
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  SyncResult,
} from '../../../sdk/core/protocol.ts';
import type { TokenClaims } from '../../auth/tokens.ts';
import type { Core, Feature } from '../../core/feature.ts';
import type { StoredChat } from '../../core/storage/storage.ts';
import type { Requests } from '../../sockets/handlers.ts';
import { monitorRoom } from '../../sockets/rooms.ts';
import type { AgentSocket } from '../../sockets/socketTypes.ts';
import { forceTransfer } from './forceTransfer.ts';
import { createTeamSubscriptions } from './teamSubscriptions.ts';

/** What supervision needs of the socket edge: a chat's monitor room (server/sockets/namespaces.ts). */
export interface MonitorRooms {
  toMonitors<K extends keyof AgentServerToClientEvents>(
    chatId: string,
    event: K,
    except: string | undefined,
    ...args: Parameters<AgentServerToClientEvents[K]>
  ): void;
  /** The sockets in a chat's monitor room. */
  monitors(chatId: string): AgentSocket[];
}

export function supervisionFeature(core: Core, rooms: MonitorRooms): Feature {
  const { storage, log } = core;
  const { members, supervisorTeams: supervisorOf, teamChat } = core.teams;
  const team = createTeamSubscriptions({ core, members });

  const hasBarged = async (chatId: string, supervisorId: string) =>
    (await storage.participants.supervisors(chatId)).some((supervisor) => supervisor.id === supervisorId);

  /**
   * Who barged into which chat, as far as this process saw (barge-ins, and each supervisor's own at
   * connect): what `pruneMonitors` asks without waiting for storage, so no message slips through.
   */
  const bargedIn = new Map<string, Set<string>>();
  const noteBarged = (chatId: string, supervisorId: string): void => {
    bargedIn.set(chatId, (bargedIn.get(chatId) ?? new Set()).add(supervisorId));
  };

  /**
   * Monitors whose teams no longer hold the chat (it was transferred to another team, or back to a
   * queue) leave its room at once and are told: nothing more of it reaches them. A supervisor who
   * barged in is a participant, seen by the customer, and stays until the chat drops them.
   */
  function pruneMonitors(chat: Pick<StoredChat, 'id' | 'agent'>): void {
    const watching = rooms.monitors(chat.id);
    if (watching.length === 0) return;
    const barged = bargedIn.get(chat.id);
    for (const socket of watching) {
      const { claims } = socket.data;
      if (core.teams.supervises(claims, chat) || barged?.has(claims.sub)) continue;
      void socket.leave(monitorRoom(chat.id));
      socket.emit('supervisor:monitorEnded', { chatId: chat.id, reason: 'outOfTeams' });
      log.info({ chatId: chat.id, supervisorId: claims.sub }, 'monitoring ended: the chat left the teams');
    }
  }

  const history = (chat: StoredChat): Promise<SyncResult> =>
    Promise.all([core.summaries.of(chat), storage.messages.after(chat.id, 0)]).then(
      ([summary, messages]) => ({
        chat: summary,
        messages,
      }),
    );

  // Monitors see what the participants see: every message, every change, every whisper — while the
  // chat stays in their teams (each new summary says whose it is now).
  core.events.on('message', ({ message, except }) => {
    team.noteMessage(message);
    rooms.toMonitors(message.chatId, 'supervisor:message', except, message);
  });
  core.events.on('chatUpdated', ({ summary }) => {
    team.invalidate();
    rooms.toMonitors(summary.id, 'supervisor:chat', undefined, summary);
    pruneMonitors(summary);
  });
  core.events.on('whisper', ({ whisper }) =>
    rooms.toMonitors(whisper.chatId, 'chat:whisper', undefined, whisper),
  );
  core.events.on('chatEnded', ({ chat }) => {
    team.forget(chat.id);
    bargedIn.delete(chat.id);
  });
  for (const event of ['agentStatus', 'offer', 'offerRevoked'] as const)
    core.events.on(event, () => team.invalidate());

  function connected(socket: AgentSocket, claims: TokenClaims): void {
    const member = members.get(claims.sub);
    members.set(claims.sub, {
      id: claims.sub,
      name: claims.name,
      teamId: claims.teamId ?? member?.teamId ?? '',
      connections: (member?.connections ?? 0) + 1,
    });
    team.invalidate();
    socket.on('disconnect', () => {
      team.unsubscribe(socket.id);
      const record = members.get(claims.sub);
      if (record) record.connections = Math.max(0, record.connections - 1);
      team.invalidate();
    });
    // A supervisor who barged in before a reconnect (or a restart) is still in those chats.
    if (claims.supervisor) {
      void storage.participants.supervisedBy(claims.sub).then((chatIds) =>
        chatIds.forEach((chatId) => {
          noteBarged(chatId, claims.sub);
          void socket.join(monitorRoom(chatId));
        }),
      );
    }
  }

  const agentRequests: Requests<AgentClientToServerEvents, AgentSocket> = {
    'supervisor:subscribe': (_payload, { socket, claims }) => team.subscribe(socket, supervisorOf(claims)),
    'supervisor:unsubscribe': (_payload, { socket, claims }) => {
      supervisorOf(claims);
      team.unsubscribe(socket.id);
      return {};
    },
    'supervisor:monitor': async ({ chatId }, { socket, claims }) => {
      const chat = await teamChat(supervisorOf(claims), chatId);
      void socket.join(monitorRoom(chat.id));
      log.info({ chatId, supervisorId: claims.sub }, 'supervisor monitors a chat');
      return history(chat);
    },
    'supervisor:unmonitor': ({ chatId }, { socket, claims }) => {
      supervisorOf(claims);
      void socket.leave(monitorRoom(chatId));
      return { chatId };
    },
    'supervisor:barge': async ({ chatId }, { socket, claims, who }) => {
      const chat = await teamChat(supervisorOf(claims), chatId);
      if (chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
      void socket.join(monitorRoom(chat.id));
      if (await hasBarged(chat.id, who.id)) noteBarged(chat.id, who.id);
      else {
        await storage.participants.addSupervisor(chat.id, { id: who.id, name: who.name });
        noteBarged(chat.id, who.id);
        // The customer and the agent see a second agent join (the widget's "… joined").
        await core.chatLog.postEvent(chat.id, 'agent-joined', who.name);
        log.info({ chatId, supervisorId: who.id }, 'supervisor barged in');
        team.invalidate();
      }
      return history((await storage.chats.get(chat.id)) ?? chat);
    },
    'supervisor:send': async (payload, { socket, claims, who }) => {
      const teams = supervisorOf(claims);
      const stored = await storage.chats.get(payload.chatId);
      // A participant since their barge-in, even while the agent's gadget is away (after a restart).
      const barged = stored !== null && (await hasBarged(stored.id, who.id));
      const chat = barged ? stored : await teamChat(teams, payload.chatId);
      if (!barged) throw new HybridChatError('FORBIDDEN', 'barge in before writing to this chat');
      if (chat.status !== 'active') {
        const earlier = await storage.messages.byClientId(chat.id, payload.clientId);
        if (earlier) return { message: earlier };
        throw new HybridChatError('CONFLICT', 'this chat has ended');
      }
      const { message } = await core.chatLog.post(
        chat,
        { chatId: chat.id, clientId: payload.clientId, from: who, kind: 'text', text: payload.text },
        socket.id,
      );
      return { message };
    },
    'supervisor:transfer': async ({ chatId, to }, { claims, who }) => {
      const teams = supervisorOf(claims);
      const chat = await teamChat(teams, chatId);
      if (chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
      if ('agentId' in to) {
        const target = members.get(to.agentId);
        if (!target || !teams.some((item) => item.id === target.teamId) || target.connections === 0) {
          throw new HybridChatError('NOT_FOUND', 'no such signed-in agent in your teams');
        }
      } else if (to.queue !== chat.queue && !transferQueues().includes(to.queue)) {
        throw new HybridChatError('NOT_FOUND', 'no such queue');
      }
      const moved = await forceTransfer(core, chat, to, who.name);
      await storage.participants.dropSupervisors(chat.id);
      bargedIn.delete(chat.id);
      // Moved to a queue, it is in no team: those who barged in watched it as participants until now.
      pruneMonitors(moved);
      team.invalidate();
      return { chat: await core.summaries.of(moved) };
    },
  };

  /** Queues a chat may be moved to besides its own: the configured ones, TRANSFER_QUEUES, the default. */
  const transferQueues = () => [
    ...new Set([...core.routing.configuredQueues(), ...core.config.transferQueues]),
  ];

  return {
    name: 'supervision',
    agentSocket: (socket, _who, claims) => connected(socket, claims),
    agentRequests,
    close: () => team.close(),
  };
}
