/**
 * Finding a service by feature (XEP-0030 Service Discovery): the server itself and each of its
 * items are asked for their features, in that order; the first that has the feature is the service.
 * Used for HTTP File Upload (XEP-0363 section 3) and Jabber Search (XEP-0055).
 */
import { xml, type XmppElement } from '@xmpp/client';

const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';

/** The JID and disco#info answer of the first entity with `feature`, or null. */
export async function findService(
  request: (stanza: XmppElement) => Promise<XmppElement>,
  domain: string,
  feature: string,
): Promise<{ jid: string; info: XmppElement } | null> {
  // Not signed in, or no answer at all: the caller hears it (an item refusing is only a no).
  const items = await request(
    xml('iq', { type: 'get', to: domain }, xml('query', { xmlns: NS_DISCO_ITEMS })),
  );
  const jids = [
    domain,
    ...(items.getChild('query', NS_DISCO_ITEMS)?.getChildren('item') ?? []).flatMap((item) =>
      item.attrs['jid'] ? [item.attrs['jid']] : [],
    ),
  ];
  for (const jid of jids) {
    const info = await request(
      xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS_DISCO_INFO })),
    ).catch(() => null);
    const features = info?.getChild('query', NS_DISCO_INFO)?.getChildren('feature') ?? [];
    if (info && features.some((f) => f.attrs['var'] === feature)) return { jid, info };
  }
  return null;
}
