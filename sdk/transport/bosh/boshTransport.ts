/**
 * BOSH (XEP-0124, XEP-0206) as an xmpp.js transport. xmpp.js picks, for each connect, the first of
 * `client.transports` whose `socketParameters(service)` accepts the service; a transport is a
 * class whose prototype carries the stream framing (`headerElement`, `header`, `footerElement`,
 * `footer`), `send`/`sendMany` (called with the client as `this`), and the `Socket` and `Parser`
 * classes (see @xmpp/client-core's Client and @xmpp/websocket in xmpp.js). Use:
 *
 *   const xmpp = client({ service: 'https://im.example.com:7443/http-bind', … });
 *   addBoshTransport(xmpp, { wait: 30 });
 */
import { xml, type XmppClient, type XmppElement } from '@xmpp/client';
import { BoshSocket, type BoshSocketOptions } from './boshSocket.ts';
import { NS_FRAMING } from './boshXml.ts';

/** The part of xmpp.js's connection that `send` uses. */
interface SendingEntity {
  write(data: string): Promise<void>;
  emit(event: 'send', element: XmppElement): boolean;
}

export interface BoshTransportClass {
  readonly prototype: object;
}

export function createBoshTransport(options: BoshSocketOptions = {}): BoshTransportClass {
  class Socket extends BoshSocket {
    constructor() {
      super(options);
    }
  }

  class ConnectionBosh {
    socketParameters(service: string): string | undefined {
      return /^https?:\/\//i.test(service) ? service : undefined;
    }
    headerElement(): XmppElement {
      return xml('open', { xmlns: NS_FRAMING, version: '1.0' });
    }
    header(element: XmppElement): string {
      return element.toString();
    }
    footerElement(): XmppElement {
      return xml('close', { xmlns: NS_FRAMING });
    }
    footer(element: XmppElement): string {
      return element.toString();
    }
    async send(this: SendingEntity, element: XmppElement): Promise<void> {
      // XEP-0206 section 6: stanzas inside <body/> carry the jabber:client namespace themselves.
      element.attrs['xmlns'] ??= 'jabber:client';
      await this.write(element.toString());
      this.emit('send', element);
    }
    async sendMany(this: SendingEntity, elements: readonly XmppElement[]): Promise<void> {
      for (const element of elements) await ConnectionBosh.prototype.send.call(this, element);
    }
  }
  Object.assign(ConnectionBosh.prototype, { Socket, Parser: xml.Parser });
  return ConnectionBosh;
}

/** Lets an xmpp.js client connect to `http://` and `https://` BOSH services. */
export function addBoshTransport(client: XmppClient, options: BoshSocketOptions = {}): void {
  client.transports.push(createBoshTransport(options));
}
