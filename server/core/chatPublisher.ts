/**
 * Sends a chat's new summary to everyone in it: the summary and its audience are computed, then the
 * `chatUpdated` event goes out (server/sockets/delivery.ts turns it into `chat:update`). A caller that
 * answers a request about the chat awaits `publish` first, so the update reaches every tab before
 * the answer does, as the answer's sender expects. Should two updates of one chat be computed out of
 * order, only the newer one is sent. The router's `chatChanged` events are published this way too.
 */
import type { ChatLog } from './chatLog.ts';
import type { DomainEventBus } from './events.ts';
import type { Summaries } from './summaries.ts';

export function createChatPublisher(deps: {
  summaries: Summaries;
  chatLog: Pick<ChatLog, 'audience'>;
  events: DomainEventBus;
  log: { warn(obj: object, msg: string): void };
}) {
  const { events } = deps;
  /** Per chat, the newest update asked for and the newest sent. */
  const versions = new Map<string, { asked: number; sent: number }>();

  /** `alsoTo`: agents no longer in the chat who must see how it looks now (a transfer's sender). */
  async function publish(chatId: string, alsoTo?: readonly string[]): Promise<void> {
    const version = versions.get(chatId) ?? { asked: 0, sent: 0 };
    const mine = ++version.asked;
    versions.set(chatId, version);
    const summary = await deps.summaries.byId(chatId);
    const audience = summary ? await deps.chatLog.audience(summary) : null;
    if (!summary || !audience || mine < version.sent) return;
    version.sent = mine;
    if (version.sent === version.asked) versions.delete(chatId);
    events.emit('chatUpdated', { summary, audience, alsoTo: alsoTo ?? [] });
  }

  events.on('chatChanged', ({ chatId, alsoTo }) => {
    void publish(chatId, alsoTo).catch((error: unknown) =>
      deps.log.warn({ err: error, chatId }, 'chat update not delivered'),
    );
  });

  return { publish };
}

export type ChatPublisher = ReturnType<typeof createChatPublisher>;
