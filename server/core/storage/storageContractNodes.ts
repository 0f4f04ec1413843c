/**
 * The part of the Storage contract (storageContract.ts) for engines whose database several
 * chat-server nodes share at once: two storages opened on one database write the same chat.
 * `describeStorage` runs it for engines with `sharedByNodes`, inside the engine's own suite.
 */
import { describe, expect, it } from 'vitest';
import type { NewMessage, Storage, StoredChat } from './storage.ts';

/** The contract suite's own helpers, so these tests open nodes and build chats and messages alike. */
export interface ContractHelpers {
  /** Opens the test's database once more: one more node. */
  open(): Promise<Storage>;
  /** Dana's open chat (her customer row written first). */
  startChat(storage: Storage): Promise<StoredChat>;
  /** A text message from Dana. */
  text(chatId: string, clientId: string): NewMessage;
}

export function describeTwoNodes({ open, startChat, text }: ContractHelpers): void {
  describe('two nodes on one database', () => {
    it('number one chat’s messages from both without gaps, and keep a retry on either to one seq', async () => {
      const [one, two] = [await open(), await open()];
      const chat = await startChat(one);
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          (index % 2 ? one : two).messages.append(text(chat.id, `m${index % 20}`)),
        ),
      );
      const fresh = results.filter((result) => !result.duplicate).map((result) => result.message.seq);
      expect(fresh.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      for (const result of results) {
        expect(result.message.seq).toBe(
          (await two.messages.byClientId(chat.id, result.message.clientId))?.seq,
        );
      }
    });

    it('start one open chat for a customer who starts on both at once', async () => {
      const [one, two] = [await open(), await open()];
      await one.customers.upsert('c1', 'Dana');
      const starts = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          (index % 2 ? one : two).chats.start({
            customerId: 'c1',
            startClientId: `s${index}`,
            queue: 'q',
            preChat: {},
          }),
        ),
      );
      expect(starts.filter((start) => start.created)).toHaveLength(1);
      expect(new Set(starts.map((start) => start.chat.id)).size).toBe(1);
    });
  });
}
