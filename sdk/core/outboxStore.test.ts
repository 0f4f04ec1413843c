/** The outbox's persistence port over a Web-Storage-like store. */
import { describe, expect, it } from 'vitest';
import type { LocalMessage } from './chatTypes.ts';
import { createKeyValueOutboxStore, type KeyValueStore } from './outboxStore.ts';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const message = (clientId: string, sentAt = 1000): LocalMessage => ({
  chatId: 'chat-1',
  seq: null,
  clientId,
  from: { role: 'customer', id: 'cust-1', name: 'Ada' },
  kind: 'text',
  text: `text ${clientId}`,
  sentAt,
  delivery: 'pending',
});

describe('createKeyValueOutboxStore', () => {
  it('keeps the waiting messages in order and gives them back as pending', () => {
    const storage = memoryStore();
    const store = createKeyValueOutboxStore({ storage: () => storage, key: 'outbox', now: () => 2000 });

    store.save([message('a'), { ...message('b'), delivery: 'failed', error: 'x' }]);

    expect(store.load()).toEqual([message('a'), message('b')]);
    store.save([]);
    expect(storage.data.has('outbox')).toBe(false);
    expect(store.load()).toEqual([]);
  });

  it('leaves out malformed and stale entries, and survives garbage', () => {
    const storage = memoryStore();
    const store = createKeyValueOutboxStore({
      storage: () => storage,
      key: 'outbox',
      maxAgeMs: 60_000,
      now: () => 100_000,
    });
    storage.setItem(
      'outbox',
      JSON.stringify({ v: 1, messages: [message('old', 1), { text: 'no ids' }, message('fresh', 90_000)] }),
    );
    expect(store.load().map((m) => m.clientId)).toEqual(['fresh']);

    storage.setItem('outbox', '{not json');
    expect(store.load()).toEqual([]);
  });

  it('writes nothing while no storage is given (no consent yet), and ignores a refusing one', () => {
    let storage: KeyValueStore | null = null;
    const store = createKeyValueOutboxStore({ storage: () => storage, key: 'outbox' });
    store.save([message('a')]);
    expect(store.load()).toEqual([]);

    storage = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => store.save([message('a')])).not.toThrow();
  });
});
