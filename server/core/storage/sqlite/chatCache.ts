/**
 * What every message needs, kept in memory: the chat (who may read and write it), its last seq, the
 * client ids of its messages (a retry is known without an index lookup) and its participants. This engine is the only writer of its file, so the cache is correct by
 * construction: each table module refreshes the entries it writes. After a restart it fills again
 * from the tables on first use; a failed commit empties it.
 */
import type { StoredChat } from '../storage.ts';

export interface ParticipantRow {
  role: 'customer' | 'agent' | 'supervisor';
  id: string;
  name: string;
  joinedAt: number;
  leftAt: number | null;
}

/** Ended chats kept (a customer may rate one, an agent open its panel); open chats are all kept. */
const ENDED_KEPT = 2000;

export function createChatCache() {
  const chats = new Map<string, StoredChat>();
  const ended = new Set<string>();
  const seqs = new Map<string, number>();
  const participants = new Map<string, ParticipantRow[]>();
  const clientIds = new Map<string, Set<string>>();

  function forget(id: string): void {
    chats.delete(id);
    ended.delete(id);
    seqs.delete(id);
    participants.delete(id);
    clientIds.delete(id);
  }

  return {
    /** The chat as last written; its `lastSeq` is kept current in place (a message is one more, never less). */
    chat: (id: string): StoredChat | undefined => chats.get(id),

    /** Keeps a chat as just read or written (its `lastSeq` seeds the seq counter). */
    keep(chat: StoredChat): StoredChat {
      chats.set(chat.id, chat);
      const known = seqs.get(chat.id);
      if (known === undefined || known < chat.lastSeq) seqs.set(chat.id, chat.lastSeq);
      else chat.lastSeq = known;
      if (chat.status === 'ended' && !ended.has(chat.id)) {
        ended.add(chat.id);
        if (ended.size > ENDED_KEPT) {
          const oldest = ended.values().next().value;
          if (oldest !== undefined) forget(oldest);
        }
      }
      return chat;
    },

    lastSeq: (id: string): number | undefined => seqs.get(id),
    setLastSeq(id: string, seq: number): void {
      seqs.set(id, seq);
      const chat = chats.get(id);
      if (chat) chat.lastSeq = seq;
    },

    /** Every client id of the chat's messages, once read (then kept up by each message stored). */
    clientIds: (chatId: string): Set<string> | undefined => clientIds.get(chatId),
    keepClientIds(chatId: string, ids: Set<string>): Set<string> {
      clientIds.set(chatId, ids);
      return ids;
    },

    participants: (chatId: string): ParticipantRow[] | undefined => participants.get(chatId),
    keepParticipants(chatId: string, rows: ParticipantRow[]): ParticipantRow[] {
      participants.set(chatId, rows);
      return rows;
    },
    /** The chat's participants changed: read them again next time. */
    dropParticipants(chatId: string): void {
      participants.delete(chatId);
    },

    /** A customer was renamed: their chats are read again (they carry the name). */
    dropCustomer(customerId: string): void {
      for (const [id, chat] of chats) if (chat.customer.id === customerId) chats.delete(id);
    },

    clear(): void {
      chats.clear();
      ended.clear();
      seqs.clear();
      participants.clear();
      clientIds.clear();
    },
  };
}

export type ChatCache = ReturnType<typeof createChatCache>;
