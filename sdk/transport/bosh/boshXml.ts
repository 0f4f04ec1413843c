/**
 * The `<body/>` wrappers of BOSH: the requests a client sends (XEP-0124 "Bidirectional-streams Over
 * Synchronous HTTP", sections 7-12; XEP-0206 "XMPP Over BOSH", sections 4-6) and the parsing of the
 * server's responses. No network here.
 */
import { xml, type XmppElement } from '@xmpp/client';

export const NS_HTTPBIND = 'http://jabber.org/protocol/httpbind';
export const NS_XBOSH = 'urn:xmpp:xbosh';
export const NS_STREAMS = 'http://etherx.jabber.org/streams';
/** RFC 7395's framing elements: how xmpp.js's connection asks a transport to open or close a stream. */
export const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

const escapeAttr = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `<body attrs>payload</body>`; attributes left undefined are omitted. */
export function bodyXml(
  attrs: Record<string, string | number | undefined>,
  payload: readonly string[] = [],
): string {
  const list = Object.entries<string | number | undefined>({ xmlns: NS_HTTPBIND, ...attrs })
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttr(String(value))}"`)
    .join('');
  return payload.length === 0 ? `<body${list}/>` : `<body${list}>${payload.join('')}</body>`;
}

export interface SessionRequest {
  readonly rid: number;
  readonly to: string;
  readonly lang?: string | undefined;
  /** Longest time (s) the server may hold a request open (XEP-0124 section 7). */
  readonly wait: number;
  /** Requests the server may keep waiting at once. */
  readonly hold: number;
}

/** The session creation request (XEP-0124 section 7, XEP-0206 section 4). */
export function sessionRequest(r: SessionRequest): string {
  return bodyXml({
    content: 'text/xml; charset=utf-8',
    hold: r.hold,
    rid: r.rid,
    to: r.to,
    ver: '1.11',
    wait: r.wait,
    'xml:lang': r.lang,
    'xmlns:xmpp': NS_XBOSH,
    'xmpp:version': '1.0',
  });
}

/** A stream restart after SASL (XEP-0206 section 5): no payload allowed. */
export function restartRequest(rid: number, sid: string, to: string, lang?: string): string {
  return bodyXml({ rid, sid, to, 'xml:lang': lang, 'xmlns:xmpp': NS_XBOSH, 'xmpp:restart': 'true' });
}

export function payloadRequest(rid: number, sid: string, payload: readonly string[]): string {
  return bodyXml({ rid, sid }, payload);
}

/** Ends the session (XEP-0124 section 12), carrying whatever is still to send. */
export function terminateRequest(rid: number, sid: string, payload: readonly string[]): string {
  return bodyXml({ rid, sid, type: 'terminate' }, payload);
}

export interface BoshResponse {
  readonly attrs: Readonly<Record<string, string | undefined>>;
  /** The wrapped stanzas and stream elements, each with the `<body/>` as parent (for namespaces). */
  readonly children: readonly XmppElement[];
}

/** Parses one HTTP response; throws on anything but a well-formed httpbind `<body/>`. */
export function parseBody(text: string): BoshResponse {
  const parser = new xml.Parser();
  let root: XmppElement | null = null;
  let ended = false;
  const children: XmppElement[] = [];
  let failure: unknown = null;
  parser.on('start', (element: XmppElement) => (root = element));
  parser.on('element', (element: XmppElement) => children.push(element));
  parser.on('end', () => (ended = true));
  parser.on('error', (error: unknown) => (failure ??= error));
  parser.write(text);
  const body = root as XmppElement | null;
  if (failure || !body || !ended) throw new Error('BOSH response is not well-formed XML', { cause: failure });
  if (body.name !== 'body' || body.attrs['xmlns'] !== NS_HTTPBIND) {
    throw new Error(`BOSH response is <${body.name}>, not an httpbind <body/>`);
  }
  return { attrs: body.attrs, children };
}

/** Reads a numeric attribute; undefined when absent or not a non-negative number. */
export function numberAttr(
  attrs: Readonly<Record<string, string | undefined>>,
  name: string,
): number | undefined {
  const raw = attrs[name];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** The stream header handed to xmpp.js's stream parser when a (re)started stream's response comes. */
export function streamHeader(attrs: Readonly<Record<string, string | undefined>>): string {
  const from = attrs['from'] ? ` from="${escapeAttr(attrs['from'])}"` : '';
  const id = attrs['sid'] ? ` id="${escapeAttr(attrs['sid'])}"` : '';
  return `<stream:stream xmlns="jabber:client" xmlns:stream="${NS_STREAMS}" version="1.0"${from}${id}>`;
}

export const STREAM_FOOTER = '</stream:stream>';
