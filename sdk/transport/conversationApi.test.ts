import { describe, expect, it, vi } from 'vitest';
import { HybridChatError } from '../core/errors.ts';
import { createConversationApi } from './conversationApi.ts';

function fakeFetch(answer: () => Response) {
  return vi.fn<typeof fetch>(async () => answer());
}

describe('conversation API', () => {
  it('asks for the widget config with the queue and language in the query', async () => {
    const fetch = fakeFetch(() => Response.json({ queue: 'sales' }));
    const api = createConversationApi({ baseUrl: 'https://chat.example.com/prefix/', fetch });
    expect(await api.config({ queue: 'sales', locale: 'de' })).toEqual({ queue: 'sales' });
    expect(fetch.mock.calls[0]?.[0]).toBe(
      'https://chat.example.com/prefix/api/widget/config?queue=sales&locale=de',
    );
    await api.config({ queue: undefined, locale: undefined });
    expect(fetch.mock.calls[1]?.[0]).toBe('https://chat.example.com/prefix/api/widget/config');
  });

  it('sends the session token in a header, never in the URL', async () => {
    const fetch = fakeFetch(() => Response.json({ rating: { score: 5 } }));
    const api = createConversationApi({ baseUrl: 'https://chat.example.com', fetch });
    await api.rate('tok.en', 'chat/1', { score: 5 });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://chat.example.com/api/customer/chats/chat%2F1/rating');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok.en');
    expect(init?.body).toBe('{"score":5}');
  });

  it('takes the transcript file name from the server only when it is safe', async () => {
    const safe = createConversationApi({
      baseUrl: 'https://c.example',
      fetch: fakeFetch(
        () =>
          new Response('text', {
            headers: {
              'content-disposition': 'attachment; filename="chat-transcript-2025-03-14-1a2b3c4d.txt"',
            },
          }),
      ),
    });
    expect((await safe.transcript('t', 'c')).fileName).toBe('chat-transcript-2025-03-14-1a2b3c4d.txt');
    const odd = createConversationApi({
      baseUrl: 'https://c.example',
      fetch: fakeFetch(
        () => new Response('x', { headers: { 'content-disposition': 'attachment; filename="../x y.exe"' } }),
      ),
    });
    const file = await odd.transcript('t', 'c', { format: 'html' });
    expect(file.fileName).toBe('chat-transcript.html');
    expect(await file.blob.text()).toBe('x');
  });

  it('turns failures into typed errors', async () => {
    const limited = createConversationApi({
      baseUrl: 'https://c.example',
      fetch: fakeFetch(() =>
        Response.json({ error: { code: 'RATE_LIMITED', message: 'later' } }, { status: 429 }),
      ),
    });
    await expect(
      limited.leaveMessage({ clientId: 'x', name: 'A', email: 'a@b.cd', message: 'm' }),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    const proxy = createConversationApi({
      baseUrl: 'https://c.example',
      fetch: fakeFetch(() => new Response('<html>502</html>', { status: 502 })),
    });
    await expect(proxy.config({})).rejects.toMatchObject({ code: 'INTERNAL' });
    const down = createConversationApi({
      baseUrl: 'https://c.example',
      fetch: vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('fetch failed'))),
    });
    const error = await down.config({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HybridChatError);
    expect((error as HybridChatError).code).toBe('DISCONNECTED');
  });
});
