/**
 * File offers in chat messages, built and read. An offer is a chat message whose body is the
 * download URL (what a client without file support shows), with the URL as out-of-band data
 * (XEP-0066) and the file's name, size and type as file metadata (XEP-0446). Accepting or
 * declining is answered with a message of our own namespace: only Desktop Chat clients offer it,
 * as Cisco's Desktop Chat transfers files only between its own users.
 */
import { xml, type XmppElement } from '@xmpp/client';
import { NS_DISCO_INFO } from './disco.ts';
import { NS_CHATSTATES, NS_RECEIPTS } from './stanzas.ts';
import type { FileAnswer } from './types.ts';

export const NS_UPLOAD = 'urn:xmpp:http:upload:0';
export const NS_OOB = 'jabber:x:oob';
export const NS_FILE_METADATA = 'urn:xmpp:file:metadata:0';
export const NS_FILE_ANSWER = 'urn:hybrid-chat:desktop-chat:file-answer:0';

export interface OfferedFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly url: string;
}

export function fileOfferMessage(to: string, id: string, file: OfferedFile): XmppElement {
  return xml(
    'message',
    { to, id, type: 'chat' },
    xml('body', {}, file.url),
    xml('x', { xmlns: NS_OOB }, xml('url', {}, file.url)),
    xml(
      'file',
      { xmlns: NS_FILE_METADATA },
      xml('name', {}, file.name),
      xml('size', {}, String(file.size)),
      xml('media-type', {}, file.type || 'application/octet-stream'),
    ),
    xml('active', { xmlns: NS_CHATSTATES }),
    xml('request', { xmlns: NS_RECEIPTS }),
  );
}

/**
 * The file a message offers, or undefined. The URL must be http(s) (nothing else is opened by the
 * agent's page); a name is cut to its last path segment.
 */
export function parseFileOffer(message: XmppElement): OfferedFile | undefined {
  const url = message.getChild('x', NS_OOB)?.getChild('url')?.text().trim() ?? '';
  const meta = message.getChild('file', NS_FILE_METADATA);
  if (!meta || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  const size = Number(meta.getChild('size')?.text());
  const rawName = meta.getChild('name')?.text() ?? '';
  const name = rawName.split(/[/\\]/).pop()?.trim() || 'file';
  const type = meta.getChild('media-type')?.text().trim() || 'application/octet-stream';
  return { name, size: Number.isSafeInteger(size) && size >= 0 ? size : 0, type, url };
}

export function fileAnswerMessage(to: string, messageId: string, answer: FileAnswer): XmppElement {
  return xml(
    'message',
    { to, type: 'chat' },
    xml('answer', { xmlns: NS_FILE_ANSWER, id: messageId, answer }),
  );
}

export function parseFileAnswer(message: XmppElement): { id: string; answer: FileAnswer } | undefined {
  const element = message.getChild('answer', NS_FILE_ANSWER);
  const id = element?.attrs['id'];
  const answer = element?.attrs['answer'];
  if (!id || (answer !== 'accepted' && answer !== 'declined')) return undefined;
  return { id, answer };
}

/** A slot request (XEP-0363 section 4). */
export function slotRequest(to: string, file: { name: string; size: number; type: string }): XmppElement {
  return xml(
    'iq',
    { type: 'get', to },
    xml('request', {
      xmlns: NS_UPLOAD,
      filename: file.name,
      size: String(file.size),
      'content-type': file.type || 'application/octet-stream',
    }),
  );
}

export interface Slot {
  readonly put: string;
  readonly get: string;
  /** Headers to send with the PUT; XEP-0363 section 5 allows only these three. */
  readonly headers: Readonly<Record<string, string>>;
}

const PUT_HEADERS = new Set(['authorization', 'cookie', 'expires']);

export function parseSlot(result: XmppElement): Slot | null {
  const slot = result.getChild('slot', NS_UPLOAD);
  const put = slot?.getChild('put');
  const get = slot?.getChild('get')?.attrs['url'];
  if (!put?.attrs['url'] || !get) return null;
  const headers: Record<string, string> = {};
  for (const header of put.getChildren('header')) {
    const name = header.attrs['name'] ?? '';
    // Newlines would split the header: dropped (section 5).
    if (PUT_HEADERS.has(name.toLowerCase())) headers[name] = header.text().replace(/[\r\n]/g, '');
  }
  return { put: put.attrs['url'], get, headers };
}

/** The upload service's max-file-size from its disco#info form (XEP-0363 section 4), if any. */
export function maxFileSize(info: XmppElement): number | undefined {
  for (const form of info.getChild('query', NS_DISCO_INFO)?.getChildren('x', 'jabber:x:data') ?? []) {
    const field = form.getChildren('field').find((f) => f.attrs['var'] === 'max-file-size');
    const value = Number(field?.getChild('value')?.text());
    if (Number.isSafeInteger(value) && value > 0) return value;
  }
  return undefined;
}
