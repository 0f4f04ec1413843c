/**
 * Finesse notifications → typed updates. Finesse publishes an `<Update>` document per pubsub item,
 * entity-escaped as the text of `<notification xmlns="http://jabber.org/protocol/pubsub">`
 * (Cisco Finesse Web Services Developer Guide, "Cisco Finesse
 * Notifications"). The escaped text is decoded once with `decodeXmlText` (predefined entities and
 * character references only) and the result goes through the hardened `parseFinesseXml`: no
 * DOCTYPE, no entity expansion, size-capped. Anything else is a `FinesseError`, never a crash.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FinesseError, HybridChatError } from './errors.ts';
import {
  decodeXmlText,
  dialogFromElement,
  dialogsFromElement,
  MAX_FINESSE_XML,
  parseFinesseXml,
  systemInfoFromElement,
  userFromElement,
  type FinesseApiError,
  type FinesseDialog,
  type FinesseSystemInfo,
  type FinesseUser,
} from './finesseXml.ts';

/** PUT: modified, POST: added, DELETE: removed (Finesse guide, "Notification Parameters"). */
export type FinesseUpdateEvent = 'PUT' | 'POST' | 'DELETE';

interface UpdateBase {
  event: FinesseUpdateEvent;
  /** The requestId of the REST request that caused it; null for unsolicited changes. */
  requestId: string | null;
  /** The resource that changed, e.g. `/finesse/api/User/1001` or `/finesse/api/Dialog/16804377`. */
  source: string;
}

/** What the `<data>` element held. */
export type FinesseUpdateData =
  | { kind: 'user'; user: FinesseUser }
  /** A dialog added to (POST) or removed from (DELETE) the user's collection. */
  | { kind: 'dialogs'; dialogs: FinesseDialog[] }
  /** A dialog of the user changed (PUT; source `/finesse/api/Dialog/{id}`). */
  | { kind: 'dialog'; dialog: FinesseDialog }
  | { kind: 'systemInfo'; systemInfo: FinesseSystemInfo }
  /** An asynchronous failure of a Dialog or Media request. */
  | { kind: 'apiErrors'; errors: FinesseApiError[] }
  /** Data this SDK does not read (Team, Queue, Media, …) or none (a deleted user). */
  | { kind: 'unknown'; element: string | null };

export type FinesseUpdate = UpdateBase & FinesseUpdateData;

export type FinesseUpdateKind = FinesseUpdate['kind'];

/** An update and the pubsub node it arrived on (a Dialog PUT's source is not its node). */
export type FinesseNotification = FinesseUpdate & { node: string };

type XmlObject = Record<string, unknown>;

const invalid = (message: string, cause?: unknown) =>
  new FinesseError(message, 502, 'Invalid XML', cause === undefined ? undefined : { cause });

const isObject = (value: unknown): value is XmlObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string => (typeof value === 'string' ? decodeXmlText(value) : '');

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];

const EVENTS: readonly string[] = ['PUT', 'POST', 'DELETE'] satisfies FinesseUpdateEvent[];

/**
 * Finesse's own samples name the data element in either case (`<user>` in the notification samples, `<User>` in
 * the guide's User sample, `<dialogs>`, `<Dialog>`), so both are read.
 */
function dataOf(data: XmlObject): FinesseUpdateData {
  const pick = (...names: string[]) => names.find((name) => name in data);
  const user = pick('user', 'User');
  if (user) return { kind: 'user', user: userFromElement(data[user]) };
  const dialogs = pick('dialogs', 'Dialogs');
  if (dialogs) return { kind: 'dialogs', dialogs: dialogsFromElement(data[dialogs]) };
  const dialog = pick('dialog', 'Dialog');
  if (dialog) return { kind: 'dialog', dialog: dialogFromElement(data[dialog]) };
  const info = pick('SystemInfo', 'systemInfo');
  if (info) return { kind: 'systemInfo', systemInfo: systemInfoFromElement(data[info]) };
  const errors = pick('apiErrors', 'ApiErrors');
  if (errors) return { kind: 'apiErrors', errors: apiErrorsOf(data[errors]) };
  return { kind: 'unknown', element: Object.keys(data)[0] ?? null };
}

/** `<apiErrors><apiError><errorType/>…` in notifications; REST spells them `ApiError`/`ErrorType`. */
function apiErrorsOf(element: unknown): FinesseApiError[] {
  const container = isObject(element) ? element : {};
  return asList(container['apiError'] ?? container['ApiError']).flatMap((item) => {
    if (!isObject(item)) return [];
    const field = (lower: string, upper: string) => text(item[lower] ?? item[upper]);
    const errorData = field('errorData', 'ErrorData');
    return [
      {
        errorType: field('errorType', 'ErrorType'),
        message: field('errorMessage', 'ErrorMessage'),
        ...(errorData ? { errorData } : {}),
      },
    ];
  });
}

/** Parses an `<Update>` document (already unescaped once). */
export function parseFinesseUpdate(xml: string): FinesseUpdate {
  const doc = parseFinesseXml(xml);
  const update = doc['Update'];
  if (!isObject(update)) throw invalid('no <Update> in the notification');
  const event = text(update['event']).trim().toUpperCase();
  // The guide's samples write the event in lower case (`<event>put</event>`), hence the upper-casing.
  if (!EVENTS.includes(event)) throw invalid(`<Update> with event "${event.slice(0, 20)}"`);
  const source = text(update['source']).trim();
  if (!source) throw invalid('<Update> without source');
  const base: UpdateBase = {
    event: event as FinesseUpdateEvent,
    requestId: text(update['requestId']).trim() || null,
    source,
  };
  const data = update['data'];
  if (data !== undefined && data !== '' && !isObject(data)) throw invalid('<data> is not an element');
  try {
    return { ...base, ...dataOf(isObject(data) ? data : {}) };
  } catch (error) {
    if (error instanceof HybridChatError) throw error;
    throw invalid('malformed <Update> data', error);
  }
}

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';

/** The escaped payload roughly doubles in size; the decoded `<Update>` is capped separately. */
export const MAX_NOTIFICATION_STANZA = 4 * MAX_FINESSE_XML;

const stanzaParser = new XMLParser({
  processEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'items',
});

/** The text of an element parsed with attributes (`{ '#text', '@_xmlns' }`) or without (a string). */
const elementText = (value: unknown): string =>
  typeof value === 'string' ? value : isObject(value) ? String(value['#text'] ?? '') : '';

const attribute = (value: unknown, name: string): string =>
  isObject(value) && typeof value[`@_${name}`] === 'string' ? (value[`@_${name}`] as string) : '';

/**
 * The `<Update>` payloads of a pubsub event message
 * (`<message><event xmlns="…pubsub#event"><items node="…"><item><notification>…`, XEP-0060 §7.1.2),
 * each decoded once. Null when the stanza is not a pubsub items event (retractions, purges, chat).
 */
export function pubsubNotificationItems(stanzaXml: string): { node: string; payloads: string[] } | null {
  if (stanzaXml.length > MAX_NOTIFICATION_STANZA) throw invalid('notification stanza too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(stanzaXml)) throw invalid('notification stanza with a DOCTYPE refused');
  const valid = XMLValidator.validate(stanzaXml);
  if (valid !== true) throw invalid(`malformed notification stanza: ${valid.err.msg}`);
  const doc = stanzaParser.parse(stanzaXml) as XmlObject;
  const message = doc['message'];
  const event = isObject(message) ? message['event'] : undefined;
  if (!isObject(event) || attribute(event, 'xmlns') !== NS_PUBSUB_EVENT) return null;
  const items = asList(event['items']).find(isObject);
  const node = attribute(items, 'node');
  if (!items || !node) return null;
  const payloads = asList(items['item']).flatMap((item) => {
    const notification = isObject(item) ? item['notification'] : undefined;
    if (notification === undefined) return [];
    const xmlns = attribute(notification, 'xmlns');
    if (xmlns && xmlns !== NS_PUBSUB) return [];
    return [decodeXmlText(elementText(notification))];
  });
  return { node, payloads };
}

/** Every update of a pubsub event message; throws `FinesseError` on the first malformed one. */
export function parseFinesseNotification(stanzaXml: string): FinesseNotification[] {
  const items = pubsubNotificationItems(stanzaXml);
  if (!items) return [];
  return items.payloads.map((payload) => ({ ...parseFinesseUpdate(payload), node: items.node }));
}
