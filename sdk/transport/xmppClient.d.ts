/**
 * The part of @xmpp/client 0.14 we use. The package ships no type declarations, so this describes
 * only what `finesseNotifications.ts`, the desktop chat (sdk/desktop-chat), its BOSH transport
 * (sdk/transport/bosh) and the simulator's XMPP publisher call, from the package's own sources
 * (client/index.js, client-core/lib/Client.js, connection/index.js, iq/caller.js, xml/index.js,
 * stream-management/index.js).
 */
declare module '@xmpp/client' {
  /** An ltx element: stanzas received, and what `xml()` builds. */
  export interface XmppElement {
    readonly name: string;
    readonly attrs: Record<string, string | undefined>;
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): XmppElement | undefined;
    getChildren(name: string, xmlns?: string): XmppElement[];
    getChildElements(): XmppElement[];
    text(): string;
    toString(): string;
  }

  export type XmppChild = XmppElement | string;

  /** xml/lib/Parser.js: a streaming parser; the first element is the root ('start'), its children
   * are emitted one by one ('element'), the root's end is 'end'. */
  export interface XmppParser {
    on(event: 'start' | 'element' | 'end', listener: (element: XmppElement) => void): this;
    on(event: 'error', listener: (error: unknown) => void): this;
    write(data: string): void;
  }

  export function xml(
    name: string,
    attrs?: Record<string, string | undefined> | null,
    ...children: XmppChild[]
  ): XmppElement;
  export namespace xml {
    const Parser: new () => XmppParser;
  }

  export interface XmppJid {
    bare(): XmppJid;
    toString(): string;
  }

  /** connection/index.js `_status` values. */
  export type XmppStatus =
    | 'offline'
    | 'connecting'
    | 'connect'
    | 'opening'
    | 'open'
    | 'online'
    | 'closing'
    | 'close'
    | 'disconnecting'
    | 'disconnect';

  export interface XmppClientOptions {
    /** `xmpp://host:port`, `xmpps://…`, `ws://…/ws` or `wss://…`. */
    service: string;
    domain?: string;
    username?: string;
    password?: string;
    resource?: string;
    /** Per-step stream timeout in ms (default 2000). */
    timeout?: number;
  }

  /** XMPPError / StanzaError / SASLError / TimeoutError all look like this. */
  export interface XmppError extends Error {
    condition?: string;
    text?: string;
    type?: string;
  }

  export interface XmppClient {
    readonly status: XmppStatus;
    readonly jid: XmppJid | null;
    readonly iqCaller: {
      /** Sends an iq and resolves with the `result` iq; rejects with a StanzaError or TimeoutError. */
      request(stanza: XmppElement, timeout?: number): Promise<XmppElement>;
    };
    readonly reconnect: {
      delay: number;
      stop(): void;
    };
    readonly iqCallee: {
      /** Answers iq sets of `ns`/`name`; a truthy return is a result, a falsy one service-unavailable. */
      set(
        ns: string,
        name: string,
        handler: (context: { stanza: XmppElement; element: XmppElement }) => unknown,
      ): void;
    };
    /** Transport classes, tried in order for the service (client-core/lib/Client.js). */
    readonly transports: object[];
    /** stream-management/index.js (XEP-0198). */
    readonly streamManagement: {
      enabled: boolean;
      id: string;
      /** 'resumed': a stream resumed; 'fail': a stanza never acknowledged by a stream that ended. */
      on(event: 'resumed', listener: () => void): void;
      on(event: 'fail' | 'ack', listener: (stanza: XmppElement) => void): void;
      off(event: string, listener: (...args: never[]) => void): void;
    };
    start(): Promise<XmppJid>;
    /** The steps of start(): open the transport to `service`, then the stream (connection/index.js). */
    connect(service: string): Promise<unknown>;
    open(options: { domain: string; lang?: string }): Promise<unknown>;
    /** Per-step stream timeout (ms). */
    timeout: number;
    stop(): Promise<unknown>;
    /** Drops the transport without signing out (connection/index.js). */
    disconnect(): Promise<unknown>;
    send(stanza: XmppElement): Promise<void>;
    on(event: 'status', listener: (status: XmppStatus) => void): this;
    on(event: 'error', listener: (error: XmppError) => void): this;
    on(event: 'stanza', listener: (stanza: XmppElement) => void): this;
    /** Top-level elements that are not stanzas: stream features, XEP-0198 acks. */
    on(event: 'nonza', listener: (element: XmppElement) => void): this;
    on(event: 'online', listener: (jid: XmppJid) => void): this;
    off(event: string, listener: (...args: never[]) => void): this;
  }

  export function client(options: XmppClientOptions): XmppClient;
}
