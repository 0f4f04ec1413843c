/**
 * The archive catch-up (archive.ts) against a scripted server: where a session learns the archive
 * ends, what it asks after a drop, paging, another server that does not know the place, and
 * results it must not trust.
 */
import { xml, type XmppElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { createArchive, NS_MAM } from './archive.ts';
import { NS_DISCO_INFO } from './disco.ts';
import { XmppStanzaError } from './errors.ts';

const OWN = 'ann@x';
const NS_RSM = 'http://jabber.org/protocol/rsm';

interface Stored {
  readonly id: string;
  readonly body: string;
}

/** A server whose archive holds `stored`; records each query; `knows` false: ids are unknown there. */
function fakeServer(stored: Stored[], { offered = true, knows = true, pageSize = 2 } = {}) {
  const queries: { after?: string; before: boolean; start?: string; max: string }[] = [];
  const delivered: { body: string; at: number | undefined }[] = [];
  const archive = createArchive({
    ownBare: () => OWN,
    pageSize,
    now: () => Date.parse('2026-12-07T10:00:00Z'),
    deliver: (message, at) => delivered.push({ body: message.getChild('body')?.text() ?? '', at }),
    async request(stanza) {
      const query = stanza.getChild('query', NS_MAM);
      if (!query) {
        const features = offered ? [xml('feature', { var: NS_MAM })] : [];
        return xml('iq', { type: 'result' }, xml('query', { xmlns: NS_DISCO_INFO }, ...features));
      }
      const set = query.getChild('set', NS_RSM);
      const after = set?.getChild('after')?.text();
      const start = query
        .getChild('x')
        ?.getChildren('field')
        .find((f) => f.attrs['var'] === 'start')
        ?.getChild('value')
        ?.text();
      const max = Number(set?.getChild('max')?.text());
      const before = set?.getChild('before') !== undefined;
      queries.push({ ...(after ? { after } : {}), ...(start ? { start } : {}), before, max: String(max) });
      if (after && (!knows || !stored.some((s) => s.id === after))) {
        throw new XmppStanzaError('item-not-found', undefined);
      }
      const from = after ? stored.findIndex((s) => s.id === after) + 1 : 0;
      const page = before ? stored.slice(-max) : stored.slice(from, from + max);
      for (const item of page) {
        archive.stanza(resultMessage(query.attrs['queryid'] ?? '', item));
      }
      const complete = before || from + max >= stored.length;
      const last = page.at(-1)?.id;
      return xml(
        'iq',
        { type: 'result' },
        xml(
          'fin',
          { xmlns: NS_MAM, complete: String(complete) },
          xml('set', { xmlns: NS_RSM }, ...(last ? [xml('last', {}, last)] : [])),
        ),
      );
    },
  });
  return { archive, queries, delivered };
}

function resultMessage(queryid: string, item: Stored, from?: string): XmppElement {
  return xml(
    'message',
    { to: `${OWN}/desk`, ...(from ? { from } : {}) },
    xml(
      'result',
      { xmlns: NS_MAM, queryid, id: item.id },
      xml(
        'forwarded',
        { xmlns: 'urn:xmpp:forward:0' },
        xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2026-12-07T09:59:00Z' }),
        xml(
          'message',
          { from: 'bob@x/pc', to: OWN, type: 'chat', id: `m-${item.id}` },
          xml('body', {}, item.body),
        ),
      ),
    ),
  );
}

const live = (archiveId: string) =>
  xml(
    'message',
    { from: 'bob@x/pc', type: 'chat' },
    xml('body', {}, 'live'),
    xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: OWN, id: archiveId }),
  );

const items = (...ids: string[]): Stored[] => ids.map((id) => ({ id, body: `body ${id}` }));

describe('the archive catch-up', () => {
  it('learns where the archive ends on a first session, delivering nothing', async () => {
    const { archive, queries, delivered } = fakeServer(items('a1', 'a2', 'a3'));
    await archive.sessionStarted();
    expect(queries).toEqual([{ before: true, max: '1' }]);
    expect(delivered).toEqual([]);
  });

  it('after a drop, asks for everything after that place, page by page', async () => {
    const stored = items('a1', 'a2');
    const { archive, queries, delivered } = fakeServer(stored);
    await archive.sessionStarted();
    stored.push(...items('a3', 'a4', 'a5'));
    archive.dropped();
    await archive.sessionStarted();
    expect(queries.slice(1)).toEqual([
      { after: 'a2', before: false, max: '2' },
      { after: 'a4', before: false, max: '2' },
    ]);
    expect(delivered.map((d) => d.body)).toEqual(['body a3', 'body a4', 'body a5']);
    expect(delivered[0]?.at).toBe(Date.parse('2026-12-07T09:59:00Z'));
  });

  it('moves its place on with the stanza-id of each live message', async () => {
    const stored = items('a1');
    const { archive, queries } = fakeServer(stored);
    await archive.sessionStarted();
    stored.push(...items('a2', 'a3'));
    expect(archive.stanza(live('a2'))).toBe(false); // a live message goes on to the client
    await archive.sessionStarted();
    expect(queries.at(-1)).toEqual({ after: 'a2', before: false, max: '2' });
  });

  it('ignores a stanza-id set by anyone but our own server', async () => {
    const stored = items('a1');
    const { archive, queries } = fakeServer(stored);
    await archive.sessionStarted();
    const forged = xml(
      'message',
      { from: 'bob@x/pc', type: 'chat' },
      xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'bob@x', id: 'zzz' }),
    );
    archive.stanza(forged);
    await archive.sessionStarted();
    expect(queries.at(-1)?.after).toBe('a1');
  });

  it('asks another server (which does not know the place) from a minute before the drop', async () => {
    const stored = items('a1');
    const { archive, queries, delivered } = fakeServer(stored, { knows: false });
    await archive.sessionStarted();
    stored.push(...items('b1'));
    archive.dropped();
    await archive.sessionStarted();
    expect(queries.slice(1)).toEqual([
      { after: 'a1', before: false, max: '2' },
      { start: '2026-12-07T09:59:00.000Z', before: false, max: '2' },
    ]);
    expect(delivered.map((d) => d.body)).toEqual(['body a1', 'body b1']);
  });

  it('takes results only of its own queries and only from its own account', async () => {
    const { archive, delivered } = fakeServer(items('a1'));
    await archive.sessionStarted();
    // Not ours: consumed (never shown as a live message) but not delivered.
    expect(archive.stanza(resultMessage('mam-99', { id: 'f1', body: 'forged' }))).toBe(true);
    expect(delivered).toEqual([]);
  });

  it('refuses a result for a query under way that comes from someone else', async () => {
    const delivered: string[] = [];
    const archive: ReturnType<typeof createArchive> = createArchive({
      ownBare: () => OWN,
      deliver: (message) => delivered.push(message.getChild('body')?.text() ?? ''),
      async request(stanza) {
        const query = stanza.getChild('query', NS_MAM);
        if (!query) {
          return xml('iq', {}, xml('query', { xmlns: NS_DISCO_INFO }, xml('feature', { var: NS_MAM })));
        }
        const queryid = query.attrs['queryid'] ?? '';
        archive.stanza(resultMessage(queryid, { id: 'f1', body: 'forged' }, 'mallory@x/pc'));
        archive.stanza(resultMessage(queryid, { id: 'a2', body: 'genuine' }, OWN));
        return xml('iq', {}, xml('fin', { xmlns: NS_MAM, complete: 'true' }));
      },
    });
    await archive.sessionStarted(); // learns the end (no place yet): nothing delivered
    archive.dropped();
    await archive.sessionStarted(); // no place was learnt (no <last/>): asks from the drop's time
    expect(delivered).toEqual(['genuine']);
  });

  it('does nothing where the server offers no archive', async () => {
    const { archive, queries } = fakeServer(items('a1'), { offered: false });
    await archive.sessionStarted();
    archive.dropped();
    await archive.sessionStarted();
    expect(queries).toEqual([]);
  });

  it('after sign-out, starts afresh: the next session only learns the end', async () => {
    const { archive, queries, delivered } = fakeServer(items('a1', 'a2'));
    await archive.sessionStarted();
    archive.forget();
    await archive.sessionStarted();
    expect(queries).toEqual([
      { before: true, max: '1' },
      { before: true, max: '1' },
    ]);
    expect(delivered).toEqual([]);
  });

  it('stops after the most pages it may ask', async () => {
    const stored = items('a1');
    const { archive, queries } = fakeServer(stored, { pageSize: 1 });
    await archive.sessionStarted();
    stored.push(...Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, body: `${i}` })));
    await archive.sessionStarted();
    expect(queries.length - 1).toBe(10);
  });
});
