/**
 * Typing indicators, both ways. Ours: a `typing: true` at most every `repeatMs` while keys are
 * pressed (so the other side's expiry keeps being refreshed) and a `typing: false` once input
 * stops. Theirs: each notice lives `ttlMs`, so a peer that vanished mid-word does not type forever.
 */
import type { ParticipantRef } from './protocol.ts';

type Timer = ReturnType<typeof setTimeout>;

export interface TypingSenderOptions {
  send(chatId: string, typing: boolean): void;
  /** Stop after this long without input. */
  idleMs: number;
  /** Repeat `typing: true` at most this often. */
  repeatMs: number;
  now?: () => number;
}

export interface TypingSender {
  input(chatId: string): void;
  /** Sends `typing: false` if we said we were typing. */
  stop(chatId: string): void;
  /** Forgets every chat without sending anything (the connection is gone). */
  reset(): void;
}

export function createTypingSender({
  send,
  idleMs,
  repeatMs,
  now = Date.now,
}: TypingSenderOptions): TypingSender {
  const chats = new Map<string, { sentAt: number; idle: Timer }>();

  function stop(chatId: string): void {
    const state = chats.get(chatId);
    if (!state) return;
    clearTimeout(state.idle);
    chats.delete(chatId);
    send(chatId, false);
  }

  return {
    input(chatId) {
      const state = chats.get(chatId);
      let sentAt = state?.sentAt ?? -Infinity;
      if (state) clearTimeout(state.idle);
      if (now() - sentAt >= repeatMs) {
        sentAt = now();
        send(chatId, true);
      }
      chats.set(chatId, { sentAt, idle: setTimeout(() => stop(chatId), idleMs) });
    },
    stop,
    reset() {
      for (const state of chats.values()) clearTimeout(state.idle);
      chats.clear();
    },
  };
}

export interface RemoteTypingOptions {
  ttlMs: number;
  onChange(chatId: string, typing: ParticipantRef[]): void;
}

export interface RemoteTyping {
  set(chatId: string, who: ParticipantRef, typing: boolean): void;
  clear(chatId?: string): void;
}

const keyOf = (ref: ParticipantRef) => `${ref.role}:${ref.id}`;

export function createRemoteTyping({ ttlMs, onChange }: RemoteTypingOptions): RemoteTyping {
  const chats = new Map<string, Map<string, { ref: ParticipantRef; expiry: Timer }>>();

  function publish(chatId: string): void {
    const entries = chats.get(chatId);
    onChange(chatId, entries ? [...entries.values()].map((entry) => entry.ref) : []);
    if (entries?.size === 0) chats.delete(chatId);
  }

  function remove(chatId: string, key: string): void {
    const entry = chats.get(chatId)?.get(key);
    if (!entry) return;
    clearTimeout(entry.expiry);
    chats.get(chatId)?.delete(key);
    publish(chatId);
  }

  return {
    set(chatId, who, typing) {
      const key = keyOf(who);
      if (!typing) return remove(chatId, key);
      let entries = chats.get(chatId);
      if (!entries) {
        entries = new Map();
        chats.set(chatId, entries);
      }
      const existing = entries.get(key);
      if (existing) clearTimeout(existing.expiry);
      entries.set(key, { ref: existing?.ref ?? who, expiry: setTimeout(() => remove(chatId, key), ttlMs) });
      if (!existing) publish(chatId);
    },
    clear(chatId) {
      for (const id of chatId === undefined ? [...chats.keys()] : [chatId]) {
        const entries = chats.get(id);
        if (!entries) continue;
        for (const entry of entries.values()) clearTimeout(entry.expiry);
        entries.clear();
        publish(id);
      }
    },
  };
}
