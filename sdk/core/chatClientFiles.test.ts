import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeChatServer } from '../testing/index.ts';
import { createChatClient } from './chatClient.ts';
import type { FilePort } from './clientFiles.ts';
import { HybridChatError } from './errors.ts';
import type { ParticipantRef } from './protocol.ts';

const customer: ParticipantRef = { role: 'customer', id: 'cust-1', name: 'Ada' };
const agent: ParticipantRef = { role: 'agent', id: 'agent-1', name: 'Bob' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A file port over the fake server: stores a `file` message once per clientId, as the HTTP upload does. */
function setup(failures: HybridChatError[] = []) {
  const server = createFakeChatServer();
  const chat = server.createChat({ customer, agent });
  let uploads = 0;
  let links = 0;
  let progress: ((sent: number, total: number) => void) | undefined;
  let release: () => void = () => {};
  const port: FilePort = {
    async upload({ chatId, clientId, name, body, onProgress }) {
      uploads++;
      progress = onProgress;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      const failure = failures.shift();
      if (failure) throw failure;
      return server.storeMessage(chatId, {
        from: customer,
        clientId,
        kind: 'file',
        text: name,
        file: { id: `f-${clientId}`, name, size: body.size, type: 'image/png' },
      });
    },
    async link(_chatId, fileId) {
      links++;
      return { url: `http://chat.test/api/files/${fileId}?n=${links}`, expiresAt: Date.now() + 300_000 };
    },
  };
  const client = createChatClient({ transport: server.transport(customer), self: customer, files: port });
  return {
    server,
    chatId: chat.id,
    client,
    port,
    uploads: () => uploads,
    progress: (sent: number) => progress?.(sent, PNG.length),
    release: () => release(),
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('chat client attachments', () => {
  it('shows a file as pending with progress, then as the stored message', async () => {
    const { client, chatId, progress, release } = setup();
    client.connect();
    await settle();

    const pending = await client.sendFile(chatId, new Blob([PNG]), 'holiday photo.png');
    expect(pending).toMatchObject({ kind: 'file', delivery: 'pending', uploaded: 0, seq: null });
    expect(pending.file).toEqual({ id: '', name: 'holiday photo.png', size: PNG.length, type: 'image/png' });
    progress(6);
    expect(client.getState().chats[chatId]?.messages[0]?.uploaded).toBe(6);

    release();
    await settle();
    const [stored] = client.getState().chats[chatId]?.messages ?? [];
    expect(stored).toMatchObject({ kind: 'file', seq: 1, delivery: 'sent', clientId: pending.clientId });
    expect(stored?.file?.id).toBe(`f-${pending.clientId}`);
    expect(client.getState().chats[chatId]?.messages).toHaveLength(1);
  });

  it('refuses too large files and wrong types before uploading anything', async () => {
    const { client, chatId, uploads } = setup();
    client.connect();
    await settle();
    const big = new Blob([PNG, new Uint8Array(10 * 1024 * 1024)]);
    await expect(client.sendFile(chatId, big, 'big.png')).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    const html = new Blob(['<html><script>alert(1)</script></html>']);
    await expect(client.sendFile(chatId, html, 'cat.png')).rejects.toMatchObject({ code: 'FILE_TYPE' });
    await expect(client.sendFile(chatId, new Blob(['let x = 1;']), 'x.js')).rejects.toMatchObject({
      code: 'FILE_TYPE',
    });
    expect(uploads()).toBe(0);
    expect(client.getState().chats[chatId]?.messages).toEqual([]);
  });

  it('marks a refused upload failed with its code, and a retry stores it once with the same client id', async () => {
    const { client, chatId, release, uploads, server } = setup([
      new HybridChatError('TIMEOUT', 'the upload took too long'),
    ]);
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    client.connect();
    await settle();

    const pending = await client.sendFile(chatId, new Blob([PNG]), 'a.png');
    release();
    await settle();
    expect(client.getState().chats[chatId]?.messages[0]).toMatchObject({
      delivery: 'failed',
      errorCode: 'TIMEOUT',
    });
    expect(errors).toEqual(['TIMEOUT']);

    client.retry(chatId, pending.clientId);
    expect(client.getState().chats[chatId]?.messages[0]?.delivery).toBe('pending');
    release();
    await settle();
    expect(uploads()).toBe(2);
    expect(server.messages(chatId).map((m) => m.clientId)).toEqual([pending.clientId]);
    expect(client.getState().chats[chatId]?.messages[0]).toMatchObject({ delivery: 'sent', seq: 1 });
  });

  it('caches signed links while they have time left, and fetches a new one after', async () => {
    const { client, chatId } = setup();
    const first = await client.fileUrl(chatId, 'f1');
    expect((await client.fileUrl(chatId, 'f1')).url).toBe(first.url);
    await vi.advanceTimersByTimeAsync(290_000);
    expect((await client.fileUrl(chatId, 'f1')).url).not.toBe(first.url);
  });

  it('refuses attachments when the client has no file port', async () => {
    const server = createFakeChatServer();
    const chat = server.createChat({ customer, agent });
    const client = createChatClient({ transport: server.transport(customer), self: customer });
    client.track(chat);
    await expect(client.sendFile(chat.id, new Blob([PNG]), 'a.png')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
