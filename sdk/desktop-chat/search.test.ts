import { xml, type XmppElement } from '@xmpp/client';
import { describe, expect, it, vi } from 'vitest';
import { agentDirectory } from './directory.ts';
import { XmppStanzaError } from './errors.ts';
import { createSearch, NS_SEARCH, parseSearchResult, typedAddress } from './search.ts';

const discoInfo = (...features: string[]) =>
  xml(
    'iq',
    { type: 'result' },
    xml(
      'query',
      { xmlns: 'http://jabber.org/protocol/disco#info' },
      ...features.map((v) => xml('feature', { var: v })),
    ),
  );
const discoItems = (...jids: string[]) =>
  xml(
    'iq',
    { type: 'result' },
    xml(
      'query',
      { xmlns: 'http://jabber.org/protocol/disco#items' },
      ...jids.map((jid) => xml('item', { jid })),
    ),
  );

describe('contact search', () => {
  it('recognises a typed address', () => {
    expect(typedAddress(' Bob@IM.example.com ')).toBe('bob@im.example.com');
    expect(typedAddress('bob')).toBeNull();
    expect(typedAddress('bob smith@x.com')).toBeNull();
    expect(typedAddress('<b>@x.com')).toBeNull();
  });

  it('reads XEP-0055 items with first/last names, else the nick, else the address', () => {
    const result = xml(
      'iq',
      { type: 'result' },
      xml(
        'query',
        { xmlns: NS_SEARCH },
        xml('item', { jid: 'ann@x' }, xml('first', {}, 'Ann'), xml('last', {}, 'Lee')),
        xml('item', { jid: 'bob@x' }, xml('nick', {}, 'bobby')),
        xml('item', { jid: 'CID@x/phone' }),
        xml('item', {}),
      ),
    );
    expect(parseSearchResult(result)).toEqual([
      { jid: 'ann@x', name: 'Ann Lee' },
      { jid: 'bob@x', name: 'bobby' },
      { jid: 'cid@x', name: 'CID@x/phone' },
    ]);
  });

  it("uses the server's XEP-0055 service when it has one, the typed address first", async () => {
    const sent: XmppElement[] = [];
    const request = vi.fn(async (stanza: XmppElement) => {
      sent.push(stanza);
      const to = stanza.attrs['to'];
      if (stanza.getChild('query', 'http://jabber.org/protocol/disco#items')) return discoItems('search.x');
      if (stanza.getChild('query', 'http://jabber.org/protocol/disco#info'))
        return to === 'search.x' ? discoInfo(NS_SEARCH) : discoInfo();
      return xml(
        'iq',
        { type: 'result' },
        xml('query', { xmlns: NS_SEARCH }, xml('item', { jid: 'ann@x' }, xml('nick', {}, 'Ann'))),
      );
    });
    const directory = vi.fn();
    const search = createSearch({ request, domain: 'x', directory });
    expect(await search.searchContacts('ann@x')).toEqual([{ jid: 'ann@x', name: 'ann@x' }]);
    expect(await search.searchContacts('an')).toEqual([{ jid: 'ann@x', name: 'Ann' }]);
    expect(sent.at(-1)?.attrs['to']).toBe('search.x');
    expect(sent.at(-1)?.getChild('query', NS_SEARCH)?.getChild('nick')?.text()).toBe('an');
    expect(directory).not.toHaveBeenCalled();
    // Discovered once per session.
    expect(
      request.mock.calls.filter(([s]) => s.getChild('query', 'http://jabber.org/protocol/disco#items')),
    ).toHaveLength(1);
    expect(await search.searchContacts('   ')).toEqual([]);
  });

  it('takes a query the server will not search (too short: not-acceptable) as nothing found', async () => {
    const request = vi.fn(async (stanza: XmppElement) => {
      if (stanza.getChild('query', 'http://jabber.org/protocol/disco#items')) return discoItems();
      if (stanza.getChild('query', 'http://jabber.org/protocol/disco#info')) return discoInfo(NS_SEARCH);
      throw new XmppStanzaError('not-acceptable', 'All fields were empty or too short');
    });
    const search = createSearch({ request, domain: 'x', directory: undefined });
    expect(await search.searchContacts('a')).toEqual([]);
    request.mockImplementation(async (stanza: XmppElement) => {
      if (stanza.getChild('query', NS_SEARCH)) throw new XmppStanzaError('internal-server-error', undefined);
      return discoInfo(NS_SEARCH);
    });
    await expect(search.searchContacts('ab')).rejects.toMatchObject({ condition: 'internal-server-error' });
  });

  it('falls back to the directory option when the server has no search, and to nothing without it', async () => {
    const request = vi.fn(async (stanza: XmppElement) =>
      stanza.getChild('query', 'http://jabber.org/protocol/disco#items')
        ? discoItems('upload.x')
        : discoInfo('urn:xmpp:http:upload:0'),
    );
    const directory = vi.fn(async () => [{ jid: 'ann@x', name: 'Ann Lee' }]);
    expect(await createSearch({ request, domain: 'x', directory }).searchContacts('ann')).toEqual([
      { jid: 'ann@x', name: 'Ann Lee' },
    ]);
    expect(directory).toHaveBeenCalledWith('ann');
    expect(
      await createSearch({ request, domain: 'x', directory: undefined }).searchContacts('zed@y.com'),
    ).toEqual([{ jid: 'zed@y.com', name: 'zed@y.com' }]);
  });
});

describe('agent directory of the chat server', () => {
  it('asks with the session token and maps agent ids to addresses', async () => {
    const fetcher = vi.fn(async () =>
      Response.json({ agents: [{ id: 'Agent001', name: 'Ann' }, { id: 3 }] }),
    );
    const directory = agentDirectory({
      baseUrl: 'https://chat/',
      token: () => 't0k',
      domain: 'im.x',
      fetch: fetcher,
    });
    expect(await directory('a b')).toEqual([{ jid: 'agent001@im.x', name: 'Ann' }]);
    expect(fetcher).toHaveBeenCalledWith('https://chat/api/agent/directory?q=a%20b', {
      headers: { authorization: 'Bearer t0k' },
    });
    const refused = agentDirectory({
      baseUrl: 'https://chat',
      token: () => 't',
      domain: 'im.x',
      fetch: async () => new Response('{}', { status: 401 }),
    });
    await expect(refused('a')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      agentDirectory({ baseUrl: 'https://chat', token: () => null, domain: 'im.x' })('a'),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
