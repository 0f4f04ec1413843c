/**
 * Transfer, consult/conference, whisper and wrap-up (issue 6) as one feature: its socket events, its
 * part of chat summaries (the conference's members), and its routing hooks (a transfer's note on
 * offers, a wrap-up keeping the agent's slot after the end).
 */
import type { Core, Feature } from '../../core/feature.ts';
import { onRequest } from '../../sockets/handlers.ts';
import { monitorRoom } from '../../sockets/rooms.ts';
import { createCollaboration } from './collaboration.ts';
import { createWrapUps } from './wrapUp.ts';

export async function collaborationFeature(core: Core): Promise<Feature> {
  const { config, storage, router, log } = core;
  const collaboration = createCollaboration({
    core,
    offerTimeoutMs: config.offerTimeoutMs,
    queues: () => [...new Set([...core.routing.configuredQueues(), ...config.transferQueues])],
  });
  // Conference members take their slots again after a restart (the router restores owners only).
  for (const chat of await storage.chats.active()) {
    for (const member of await storage.participants.members(chat.id))
      router.attachChat(member.id, chat.id, member.name);
  }
  const wrapUps = await createWrapUps({ core, seconds: config.wrapUpSeconds, reasons: config.wrapUpReasons });
  core.events.on('chatEnded', ({ chat }) => {
    void collaboration
      .chatEnded(chat)
      .catch((error: unknown) =>
        log.warn({ err: error, chatId: chat.id }, 'ending a chat’s collaboration failed'),
      );
  });

  return {
    name: 'collaboration',
    summary: async (chat) => {
      const members = await storage.participants.members(chat.id);
      return members.length > 0 ? { collaborators: members } : {};
    },
    routing: {
      // A chat transferred to a queue carries its note and sender (stored: a restart keeps it).
      offerExtras: async (chatId) => {
        const queued = await storage.collaboration.queuedTransfer(chatId);
        return queued ? { invite: queued } : {};
      },
      // Taken from the queue: its note was read on the offer (and stays as a whisper), so a later
      // offer of the chat, after a supervisor moves it back to a queue, has none.
      offerAccepted: (chatId) =>
        void storage.collaboration.clearQueuedTransfer(chatId).catch(() => undefined),
      holdAfterEnd: (chat) => wrapUps.holdAfterEnd(chat),
    },
    agentSocket(socket, who) {
      onRequest(socket, 'agents:available', log, () => collaboration.targets(who));
      onRequest(socket, 'chat:transfer', log, (payload) => collaboration.transfer(who, payload));
      onRequest(socket, 'chat:invite', log, (payload) => collaboration.invite(who, payload));
      onRequest(socket, 'invite:accept', log, ({ chatId }) => collaboration.accept(who, chatId));
      onRequest(socket, 'invite:decline', log, ({ chatId }) => collaboration.decline(who, chatId));
      onRequest(socket, 'chat:leave', log, ({ chatId }) => collaboration.leave(who, chatId));
      onRequest(socket, 'whisper:send', log, async (payload) => ({
        whisper: await collaboration.whisper(who, payload),
      }));
      onRequest(socket, 'whisper:list', log, async ({ chatId }) => ({
        // A supervisor's socket is in the chat's monitor room only after supervision allowed it.
        whispers: socket.rooms.has(monitorRoom(chatId))
          ? await storage.collaboration.whispers(chatId)
          : await collaboration.whispers(who, chatId),
      }));
      onRequest(socket, 'wrapup:list', log, () => wrapUps.list(who));
      onRequest(socket, 'wrapup:start', log, async ({ chatId }) => ({
        wrapUp: await wrapUps.start(who, chatId),
      }));
      onRequest(socket, 'wrapup:submit', log, async (payload) => ({
        wrapUp: await wrapUps.submit(who, payload),
      }));
    },
    close() {
      collaboration.close();
      wrapUps.close();
    },
  };
}
