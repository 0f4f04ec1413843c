/**
 * Transfer, consult/conference, whisper and wrap-up as one feature: its socket events, its
 * part of chat summaries (the conference's members), and its routing hooks (a transfer's note on
 * offers, a wrap-up keeping the agent's slot after the end).
 */
import type { Core, Feature } from '../../core/feature.ts';
import { monitorRoom } from '../../sockets/rooms.ts';
import { createCollaboration } from './collaboration.ts';
import { createWrapUps } from './wrapUp.ts';

export async function collaborationFeature(core: Core): Promise<Feature> {
  const { config, storage, log } = core;
  const collaboration = createCollaboration({
    core,
    offerTimeoutMs: config.offerTimeoutMs,
    queues: () => [...new Set([...core.routing.configuredQueues(), ...config.transferQueues])],
    queueLabel: (queue) => core.routing.queue(queue).label,
  });
  const wrapUps = await createWrapUps({
    core,
    seconds: config.wrapUpSeconds,
    reasons: config.wrapUpReasons,
    reasonLabels: config.wrapUpReasonLabels,
    // Several nodes: a deadline whose timer ran on a lost node is found by the others.
    sweepMs: config.redisUrl ? 5000 : 0,
  });
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
      // Conference members take their slots again (the router restores owners only), and open
      // wrap-ups keep theirs.
      async restore(slots) {
        for (const chat of await storage.chats.active()) {
          for (const member of await storage.participants.members(chat.id))
            slots.attachChat(member.id, chat.id, member.name);
        }
        await wrapUps.restore(slots);
      },
    },
    agentRequests: {
      'agents:available': async (_payload, { who }) => collaboration.targets(who),
      'chat:transfer': (payload, { who }) => collaboration.transfer(who, payload),
      'chat:invite': (payload, { who }) => collaboration.invite(who, payload),
      'invite:accept': ({ chatId }, { who }) => collaboration.accept(who, chatId),
      'invite:decline': ({ chatId }, { who }) => collaboration.decline(who, chatId),
      'chat:leave': ({ chatId }, { who }) => collaboration.leave(who, chatId),
      'whisper:send': async (payload, { who }) => ({ whisper: await collaboration.whisper(who, payload) }),
      'whisper:list': async ({ chatId }, { who, socket }) => ({
        // A supervisor's socket is in the chat's monitor room only after supervision allowed it.
        whispers: socket.rooms.has(monitorRoom(chatId))
          ? await storage.collaboration.whispers(chatId)
          : await collaboration.whispers(who, chatId),
      }),
      'wrapup:list': (_payload, { who }) => wrapUps.list(who),
      'wrapup:start': async ({ chatId }, { who }) => ({ wrapUp: await wrapUps.start(who, chatId) }),
      'wrapup:submit': async (payload, { who }) => ({ wrapUp: await wrapUps.submit(who, payload) }),
    },
    close() {
      collaboration.close();
      wrapUps.close();
    },
  };
}
