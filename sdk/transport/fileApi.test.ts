import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../core/protocol.ts';
import { createFileApi } from './fileApi.ts';

const stored: ChatMessage = {
  chatId: 'chat 1',
  seq: 4,
  clientId: 'c-1',
  from: { role: 'customer', id: 'cust-1', name: 'Ada' },
  kind: 'file',
  text: 'a.png',
  file: { id: 'f1', name: 'a.png', size: 3, type: 'image/png' },
  sentAt: 1,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function setup(answer: () => Promise<Response>) {
  const fetch = vi.fn<typeof globalThis.fetch>(answer);
  const api = createFileApi({
    baseUrl: 'https://proxy.test/chat/',
    token: () => 'tok',
    fetch,
    useXhr: false,
  });
  return { api, fetch };
}

describe('file API', () => {
  it('uploads raw bytes with the session token and returns the stored message', async () => {
    const { api, fetch } = setup(async () => json(200, { message: stored }));
    const progress = vi.fn();
    const body = new Blob([new Uint8Array([1, 2, 3])]);
    const message = await api.upload({
      chatId: 'chat 1',
      clientId: 'c-1',
      name: 'a b.png',
      body,
      onProgress: progress,
    });
    expect(message).toEqual(stored);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://proxy.test/chat/api/chats/chat%201/files?clientId=c-1&name=a+b.png');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({
      authorization: 'Bearer tok',
      'content-type': 'application/octet-stream',
    });
    expect(init?.body).toBe(body);
    expect(progress).toHaveBeenCalledWith(3, 3);
  });

  it("turns the server's refusals into typed errors", async () => {
    const refusal = setup(async () => json(415, { error: { code: 'FILE_TYPE', message: 'no svg' } }));
    await expect(
      refusal.api.upload({ chatId: 'c', clientId: 'x', name: 'a.svg', body: new Blob(['<svg/>']) }),
    ).rejects.toMatchObject({ code: 'FILE_TYPE', message: 'no svg' });
    // A proxy's bare 413 page is still "too large".
    const proxy = setup(async () => new Response('<html>413</html>', { status: 413 }));
    await expect(
      proxy.api.upload({ chatId: 'c', clientId: 'x', name: 'a.png', body: new Blob(['x']) }),
    ).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    const down = setup(async () => Promise.reject(new TypeError('fetch failed')));
    await expect(down.api.link('c', 'f')).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('resolves a signed link against the server URL, proxy prefix included', async () => {
    const { api, fetch } = setup(async () => json(200, { path: '/api/files/f1?exp=9&sig=s', expiresAt: 9 }));
    expect(await api.link('chat 1', 'f1')).toEqual({
      url: 'https://proxy.test/chat/api/files/f1?exp=9&sig=s',
      expiresAt: 9,
    });
    expect(fetch.mock.calls[0]?.[0]).toBe('https://proxy.test/chat/api/chats/chat%201/files/f1/link');
    expect(fetch.mock.calls[0]?.[1]?.headers).toMatchObject({ authorization: 'Bearer tok' });
  });
});
