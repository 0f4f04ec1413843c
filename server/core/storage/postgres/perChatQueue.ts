/**
 * Runs a node's writes to one chat one after another, in the order they were asked for. Each
 * append takes a pooled connection before it can lock the chat's row, and connections come back
 * in no particular order; without this queue two messages a socket sent in order could get their
 * seqs the other way round. Writes to different chats still run side by side, and the row lock
 * orders this node's writes against other nodes'.
 */
export function createPerChatQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function serial<T>(chatId: string, work: () => Promise<T>): Promise<T> {
    const before = tails.get(chatId) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(chatId, tail);
    void tail.then(() => {
      if (tails.get(chatId) === tail) tails.delete(chatId);
    });
    return run;
  };
}
