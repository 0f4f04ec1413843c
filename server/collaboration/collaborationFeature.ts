/**
 * Transfer, consult/conference, whisper and wrap-up, wired once (issue 6): their storage, the
 * router's hooks (a transfer's note on offers, wrap-up holding a slot), the chat service's view of
 * conference members, and the agent-namespace events. createServer.ts hands over what exists.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Socket } from 'socket.io';
import type { AgentServerToClientEvents } from '../../sdk/core/protocol.ts';
import type { ChatService, Principal } from '../chatService.ts';
import type { ServerConfig } from '../config.ts';
import type { Router } from '../routing/router.ts';
import { onRequest, type HandlerLog } from '../sockets/handlers.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import { createCollabStore } from './collabStore.ts';
import { createCollaboration, type AgentEmit } from './collaboration.ts';
import { createWrapUps, type WrapUps } from './wrapUp.ts';

export interface CollaborationDeps {
  config: Pick<ServerConfig, 'offerTimeoutMs' | 'wrapUpSeconds' | 'wrapUpReasons' | 'transferQueues'>;
  db: DatabaseSync;
  store: ChatStore;
  service: () => ChatService;
  router: () => Router;
  /** The agent namespace's emitter to these agents' rooms (server/sockets/namespaces.ts). */
  toAgents: (agentIds: string[]) => { emit(event: string, ...args: unknown[]): unknown };
  /** Supervisors silently monitoring a chat (server/supervisor), who see its whispers too. */
  toMonitors?: (chatId: string) => { emit(event: string, ...args: unknown[]): unknown };
  log: HandlerLog;
}

export function createCollaborationFeature(deps: CollaborationDeps) {
  const collab = createCollabStore(deps.db);
  const emit: AgentEmit = (agentIds, event, ...args) => {
    if (agentIds.length > 0) deps.toAgents(agentIds).emit(event as keyof AgentServerToClientEvents, ...args);
    // Whispers are for supervisors too: those monitoring the chat get them live.
    if (event === 'chat:whisper' && deps.toMonitors) {
      const [whisper] = args as Parameters<AgentServerToClientEvents['chat:whisper']>;
      deps.toMonitors(whisper.chatId).emit(event, whisper);
    }
  };
  const collaboration = createCollaboration({
    store: deps.store,
    collab,
    service: deps.service,
    router: deps.router,
    emit,
    offerTimeoutMs: deps.config.offerTimeoutMs,
    queues: () => deps.config.transferQueues,
  });
  let wrapUps: WrapUps | null = null;
  const need = (): WrapUps => {
    if (!wrapUps) throw new Error('[hybrid-chat] collaboration used before bind()');
    return wrapUps;
  };

  return {
    chatCollaboration: collaboration.chatCollaboration,
    /** Conference members of a chat, for the namespaces' fanout. */
    members: (chatId: string) => collaboration.memberIds(chatId),
    offerExtras: (chatId: string) => collaboration.offerExtras(chatId),
    offerAccepted: (chatId: string) => collaboration.offerAccepted(chatId),
    /** The router's hook when a chat ends: members leave; wrap-up may keep the owner's slot. */
    holdAfterEnd(chat: StoredChat): boolean {
      collaboration.chatEnded(chat.id);
      return need().holdAfterEnd(chat);
    },

    /** Once the router exists: conferences and open wrap-ups from before a restart take their slots again. */
    bind(): void {
      // Conference members take their slots again after a restart (the router rebuilds owners only).
      for (const chat of deps.store.activeChats()) {
        for (const member of collab.members(chat.id))
          deps.router().attachChat(member.id, chat.id, member.name);
      }
      wrapUps = createWrapUps({
        store: deps.store,
        collab,
        router: deps.router,
        emit,
        seconds: deps.config.wrapUpSeconds,
        reasons: deps.config.wrapUpReasons,
      });
    },

    register(socket: Socket, who: Principal): void {
      const { log } = deps;
      onRequest(socket, 'agents:available', log, () => collaboration.targets(who));
      onRequest(socket, 'chat:transfer', log, (payload) => collaboration.transfer(who, payload));
      onRequest(socket, 'chat:invite', log, (payload) => collaboration.invite(who, payload));
      onRequest(socket, 'invite:accept', log, ({ chatId }) => collaboration.accept(who, chatId));
      onRequest(socket, 'invite:decline', log, ({ chatId }) => collaboration.decline(who, chatId));
      onRequest(socket, 'chat:leave', log, ({ chatId }) => collaboration.leave(who, chatId));
      onRequest(socket, 'whisper:send', log, (payload) => ({ whisper: collaboration.whisper(who, payload) }));
      onRequest(socket, 'whisper:list', log, ({ chatId }) => ({
        // A supervisor's socket is in the chat's monitor room only after their module allowed it.
        whispers: socket.rooms.has(`monitor:${chatId}`)
          ? collab.whispers(chatId)
          : collaboration.whispers(who, chatId),
      }));
      onRequest(socket, 'wrapup:list', log, () => need().list(who));
      onRequest(socket, 'wrapup:start', log, ({ chatId }) => ({ wrapUp: need().start(who, chatId) }));
      onRequest(socket, 'wrapup:submit', log, (payload) => ({ wrapUp: need().submit(who, payload) }));
    },

    close(): void {
      collaboration.close();
      wrapUps?.close();
    },
  };
}
