/**
 * A chat's summary as its participants see it: what storage keeps, its live place in the queue, and
 * what features add (receipts, collaborators, wait estimate, rating…). Features register their part
 * once, when they are mounted (server/core/feature.ts).
 */
import type { ChatSummary } from '../../sdk/core/protocol.ts';
import type { RoutingPort } from './routing/routingPort.ts';
import type { Storage, StoredChat } from './storage/storage.ts';

/** A feature's part of a summary; `queuePosition` is the chat's live place, null when not waiting. */
export type SummaryExtra = (
  chat: StoredChat,
  queuePosition: number | null,
) => Partial<ChatSummary> | Promise<Partial<ChatSummary>>;

export function createSummaries(deps: {
  storage: Pick<Storage, 'chats'>;
  router: Pick<RoutingPort, 'queuePosition' | 'maxWaitReached'>;
}) {
  const extras: SummaryExtra[] = [];

  async function of(chat: StoredChat): Promise<ChatSummary> {
    const [queuePosition, maxWaitReached] = await Promise.all([
      deps.router.queuePosition(chat.id),
      deps.router.maxWaitReached(chat.id),
    ]);
    const parts = await Promise.all(extras.map((extra) => extra(chat, queuePosition)));
    const summary: ChatSummary = Object.assign({ ...chat }, ...parts, { queuePosition });
    if (maxWaitReached) summary.maxWaitReached = true;
    return summary;
  }

  return {
    extend(extra: SummaryExtra): void {
      extras.push(extra);
    },
    of,
    async byId(chatId: string): Promise<ChatSummary | null> {
      const chat = await deps.storage.chats.get(chatId);
      return chat ? of(chat) : null;
    },
  };
}

export type Summaries = ReturnType<typeof createSummaries>;
