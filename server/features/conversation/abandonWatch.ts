/**
 * No ghost chats in the queue: a customer who closed the tab while waiting never comes back, and
 * an agent should not be offered their chat hours later. When a customer has had no connection
 * for `graceMs` (reloads, a second tab and short network drops stay well inside it), their
 * waiting chats end as if they had left. Active chats are left alone: the agent sees the
 * customer's silence and ends them. After a restart every waiting customer gets the same grace.
 */

export interface AbandonWatchOptions {
  graceMs: number;
  /** The customer's chats that are still waiting (queued or offered). */
  waitingChats(
    customerId: string,
  ): Array<{ id: string; customerName: string }> | Promise<Array<{ id: string; customerName: string }>>;
  /** Whether the customer is connected to another node (several nodes); they have not gone then. */
  connectedElsewhere?(customerId: string): Promise<boolean>;
  /** Ends the chat as the customer leaving it. */
  endChat(customerId: string, customerName: string, chatId: string): unknown;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export function createAbandonWatch(options: AbandonWatchOptions) {
  const connections = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const enabled = options.graceMs > 0;

  async function abandon(customerId: string): Promise<void> {
    timers.delete(customerId);
    if ((connections.get(customerId) ?? 0) > 0) return;
    // Unknown (Redis down) counts as there: a chat is not ended on a guess.
    if (await options.connectedElsewhere?.(customerId).catch(() => true)) return;
    for (const chat of await options.waitingChats(customerId)) {
      // Back meanwhile (the list was read while they reconnected): their chats stay.
      if ((connections.get(customerId) ?? 0) > 0) return;
      try {
        await options.endChat(customerId, chat.customerName, chat.id);
        options.log?.info({ chatId: chat.id }, 'waiting chat ended: the customer has gone');
      } catch (error) {
        options.log?.warn({ err: error, chatId: chat.id }, 'ending an abandoned chat failed');
      }
    }
  }

  function arm(customerId: string): void {
    if (!enabled || timers.has(customerId)) return;
    const timer = setTimeout(() => void abandon(customerId), options.graceMs);
    timer.unref?.();
    timers.set(customerId, timer);
  }

  return {
    connected(customerId: string): void {
      connections.set(customerId, (connections.get(customerId) ?? 0) + 1);
      const timer = timers.get(customerId);
      if (timer) clearTimeout(timer);
      timers.delete(customerId);
    },
    disconnected(customerId: string): void {
      const left = Math.max(0, (connections.get(customerId) ?? 0) - 1);
      if (left > 0) {
        connections.set(customerId, left);
        return;
      }
      connections.delete(customerId);
      arm(customerId);
    },
    /** A customer with a waiting chat and (as yet) no connection, e.g. after a restart. */
    watch(customerId: string): void {
      if ((connections.get(customerId) ?? 0) === 0) arm(customerId);
    },
    close(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type AbandonWatch = ReturnType<typeof createAbandonWatch>;
