/**
 * The socket of xmpp.js's BOSH transport (boshTransport.ts): what xmpp.js writes becomes BOSH
 * requests (XEP-0206), what the server answers is handed to xmpp.js's stream parser as if it came
 * over one TCP stream. xmpp.js opens and closes streams by writing RFC 7395's `<open/>` and
 * `<close/>`: the first `<open/>` creates the session, later ones restart the stream (XEP-0206
 * section 5), `<close/>` terminates the session (XEP-0124 section 12).
 */
import type { XmppElement } from '@xmpp/client';
import { BoshSession } from './boshSession.ts';
import type { BoshError, BoshHttp, BoshSessionOptions } from './boshTypes.ts';
import { NS_FRAMING, parseBody, STREAM_FOOTER, streamHeader } from './boshXml.ts';
import { SocketEmitter } from './socketEmitter.ts';

export type BoshSocketOptions = Omit<BoshSessionOptions, 'url' | 'http'> & { readonly http?: BoshHttp };

/** Plain HTTP is taken as safe only on this machine, as xmpp.js's WebSocket transport does. */
function isSecure(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/** The default HTTP layer: `fetch` (browsers, Node 18+). */
export const fetchHttp: BoshHttp = async (url, body, signal) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body,
    signal,
  });
  return { status: response.status, body: await response.text() };
};

/** `<open …/>` or `<close …/>` of the framing namespace, else null (a stanza or nonza). */
function control(data: string): { name: 'open' | 'close'; attrs: Record<string, string | undefined> } | null {
  if (!/^<(open|close)\s/.test(data) || !data.includes(NS_FRAMING)) return null;
  // Wrapped so that parseBody reads it: the framing element becomes the single child.
  const wrapped = parseBody(`<body xmlns="http://jabber.org/protocol/httpbind">${data}</body>`);
  const element = wrapped.children[0];
  if (!element || element.attrs['xmlns'] !== NS_FRAMING) return null;
  return element.name === 'open' || element.name === 'close'
    ? { name: element.name, attrs: element.attrs }
    : null;
}

export class BoshSocket extends SocketEmitter {
  secure = false;
  url: string | null = null;
  readonly #options: BoshSocketOptions;
  #session: BoshSession | null = null;
  #closed = false;

  constructor(options: BoshSocketOptions = {}) {
    super();
    this.#options = options;
  }

  connect(url: string): void {
    this.url = url;
    this.secure = isSecure(url);
    this.#closed = false;
    this.#session = new BoshSession(
      { ...this.#options, url, http: this.#options.http ?? fetchHttp },
      {
        onStreamStart: (attrs) => this.emit('data', streamHeader(attrs)),
        onPayload: (children: readonly XmppElement[]) => {
          for (const child of children) this.emit('data', child.toString());
        },
        onTerminated: (error) => this.#terminated(error),
      },
    );
    // Nothing travels before the stream header names the domain: the socket is ready at once.
    queueMicrotask(() => this.emit('connect'));
  }

  write(data: string, done?: (error?: Error) => void): void {
    let failure: Error | undefined;
    try {
      const session = this.#session;
      if (!session || this.#closed) throw new Error('BOSH socket is not connected');
      const command = control(data);
      if (command?.name === 'open') {
        const to = command.attrs['to'] ?? '';
        const lang = command.attrs['xml:lang'];
        if (session.started) session.restart(to, lang);
        else session.start(to, lang);
      } else if (command?.name === 'close') {
        session.terminate();
      } else {
        session.send(data);
      }
    } catch (error) {
      failure = error as Error;
    }
    if (done) queueMicrotask(() => done(failure));
  }

  end(): void {
    this.#session?.abort();
    this.#session = null;
    this.#close(false);
  }

  #terminated(error: BoshError | null): void {
    if (error) {
      this.emit('error', error);
      this.#session = null;
      this.#close(true, error);
    } else {
      // The stream parser ends the stream; xmpp.js then calls end().
      this.emit('data', STREAM_FOOTER);
    }
  }

  #close(dirty: boolean, reason?: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.url = null;
    queueMicrotask(() => this.emit('close', dirty, reason));
  }
}
