import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDesktopChatPort } from './port.ts';

afterEach(() => vi.unstubAllGlobals());

const config = {
  // Nothing listens here: the IM server cannot answer a user-directory question (XEP-0055).
  service: { primary: 'http://127.0.0.1:9/http-bind' },
  transport: 'bosh' as const,
  domain: 'finesse.test',
};

describe('Desktop Chat port', () => {
  it("searches the chat server's agent directory with the agent's session token", async () => {
    const asked: Array<{ url: string; authorization: string | null }> = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      asked.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      return Response.json({ agents: [{ id: '1004', name: 'Priya Shah' }] });
    });
    const port = createDesktopChatPort(config, { baseUrl: 'https://chat.test/', token: () => 'agent-token' });
    const chat = await port.create({ username: 'maria', password: 'secret' });

    expect(await chat.searchContacts('pri')).toEqual([{ jid: '1004@finesse.test', name: 'Priya Shah' }]);
    expect(asked).toEqual([
      { url: 'https://chat.test/api/agent/directory?q=pri', authorization: 'Bearer agent-token' },
    ]);
  });

  it('without the chat server finds only a typed address', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const chat = await createDesktopChatPort(config).create({ username: 'maria', password: 'secret' });

    expect(await chat.searchContacts('james@finesse.test')).toEqual([
      { jid: 'james@finesse.test', name: 'james@finesse.test' },
    ]);
    expect(fetch).not.toHaveBeenCalled();
  });
});
