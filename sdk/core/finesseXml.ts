/**
 * Finesse REST XML → typed objects. The parser never expands entities or reads a DOCTYPE, so a
 * hostile document cannot blow up (billion laughs) or reach out (XXE); anything that does not
 * look like Finesse's XML is a `FinesseError`, never a crash. Unknown states become 'UNKNOWN'.
 * Shapes: Cisco Finesse Web Services Developer Guide (User, Dialog,
 * ReasonCode, SystemInfo, ApiErrors).
 *
 * Two levels: `parseX(xml)` reads a whole REST answer; `xFromElement(obj)` reads one element already
 * parsed by `parseFinesseXml`, e.g. the `<user>` or `<dialogs>` inside a notification's
 * `<Update><data>`. Element readers accept a list element either as one
 * object or as an array, so they also work on objects from a parser configured differently.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FinesseError, HybridChatError } from './errors.ts';
import {
  callTypeOf,
  toDialogState,
  toVoiceState,
  type FinesseDialog,
  type FinesseNodeInfo,
  type FinesseParticipant,
  type FinesseReasonCode,
  type FinesseSystemInfo,
  type VoiceState,
} from './finesseTypes.ts';

export { toVoiceState, VOICE_STATES } from './finesseTypes.ts';
export type { FinesseDialog, FinesseReasonCode, FinesseSystemInfo, VoiceState } from './finesseTypes.ts';

/** Finesse documents are small; anything larger is refused before parsing. */
export const MAX_FINESSE_XML = 256 * 1024;

export interface FinesseUser {
  loginId: string;
  loginName: string;
  firstName: string;
  lastName: string;
  extension: string;
  state: VoiceState;
  pendingState: VoiceState | null;
  reasonCodeId: string | null;
  /** The `<ReasonCode>` Finesse embeds for NOT_READY/LOGOUT with a reason; its label feeds blending. */
  reasonCode: FinesseReasonCode | null;
  stateChangeTime: string | null;
  teamId: string;
  teamName: string;
  roles: string[];
  /** A supervisor's teams (`<teams><Team><id/><name/></Team></teams>`); empty for an agent. */
  teams?: Array<{ id: string; name: string }>;
}

/** Elements that repeat inside their parent; always arrays after parsing. */
const LIST_ELEMENTS = new Set([
  'role',
  'ApiError',
  'Dialog',
  'Participant',
  'action',
  'CallVariable',
  'ReasonCode',
  'Team',
]);

const parser = new XMLParser({
  processEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => LIST_ELEMENTS.has(name),
});

const invalid = (message: string) => new FinesseError(message, 502, 'Invalid XML');

/** Parses a Finesse XML document; refuses DOCTYPEs, oversize and malformed input. */
export function parseFinesseXml(xml: string): Record<string, unknown> {
  if (xml.length > MAX_FINESSE_XML) throw invalid('Finesse XML too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw invalid('Finesse XML with a DOCTYPE refused');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw invalid(`malformed Finesse XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parser.parse(xml) as Record<string, unknown>;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes XML's five predefined entities and character references. The parser leaves entities
 * alone (so no DOCTYPE-declared entity can ever expand); text values are decoded here instead.
 */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (match, ref: string) => {
    if (!ref.startsWith('#')) return PREDEFINED[ref] ?? match;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : match;
  });
}

/** XML 1.0 `Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (lone surrogates fail). */
function isXmlText(text: string): boolean {
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000;
    if (!ok) return false;
  }
  return true;
}

/** Escapes text for an XML element body; refuses characters XML cannot carry. */
export function escapeXmlText(text: string): string {
  if (!isXmlText(text)) throw new HybridChatError('BAD_REQUEST', 'text with characters XML cannot carry');
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Fields of a User PUT (LOGIN with extension, READY, NOT_READY/LOGOUT with a reason). */
export interface UserUpdate {
  state: 'LOGIN' | 'READY' | 'NOT_READY' | 'LOGOUT';
  extension?: string;
  reasonCodeId?: string;
}

/** The body of `PUT /finesse/api/User/{id}`, e.g. `<User><state>NOT_READY</state><reasonCodeId>16</reasonCodeId></User>`. */
export function userUpdateXml(update: UserUpdate): string {
  const field = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<${name}>${escapeXmlText(value)}</${name}>`;
  return `<User>${field('state', update.state)}${field('extension', update.extension)}${field('reasonCodeId', update.reasonCodeId)}</User>`;
}

type XmlObject = Record<string, unknown>;

const isObject = (value: unknown): value is XmlObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text of a leaf; '' for absent leaves and for elements where text was expected. */
const str = (value: unknown): string =>
  typeof value === 'string'
    ? decodeXmlText(value)
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';

/** A repeated element as a list, whether the parser gave one object, an array or '' (empty parent). */
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];

/** The element's object; a one-element array (a root named in LIST_ELEMENTS) is unwrapped. */
const objectOf = (value: unknown): XmlObject | null => {
  const first = Array.isArray(value) ? value[0] : value;
  return isObject(first) ? first : null;
};

/** A container element (`<roles>`, `<Dialogs>`): '' when empty, an object otherwise. */
const container = (value: unknown, what: string): XmlObject => {
  if (value === '' || value === undefined || value === null) return {};
  const obj = objectOf(value);
  if (!obj) throw invalid(`<${what}> is not an element list`);
  return obj;
};

function requireObject(value: unknown, what: string): XmlObject {
  const obj = objectOf(value);
  if (!obj) throw invalid(`no <${what}> element`);
  return obj;
}

function rootOf(xml: string, name: string): unknown {
  const doc = parseFinesseXml(xml);
  if (!(name in doc)) throw invalid(`no <${name}> in the Finesse answer`);
  return doc[name];
}

/**
 * The `<ReasonCode>` inside a User. Cisco's User notification sample carries only uri, code and
 * label (no id), so the id falls back to `reasonCodeId`, then to the uri's last segment.
 */
function embeddedReasonCode(reason: XmlObject | null, reasonCodeId: string): FinesseReasonCode | null {
  if (!reason) return null;
  const uri = str(reason['uri']);
  const fromUri = /\/ReasonCode\/([^/]+)$/.exec(uri)?.[1] ?? '';
  const id = str(reason['id']) || (reasonCodeId !== '-1' ? reasonCodeId : '') || fromUri;
  return id ? reasonCodeFromElement({ ...reason, id }) : null;
}

/** A `<User>` (REST) or `<user>` (notification) element. */
export function userFromElement(element: unknown): FinesseUser {
  const u = requireObject(element, 'User');
  const loginId = str(u['loginId']);
  if (!loginId) throw invalid('<User> without loginId');
  const pending = str(u['pendingState']);
  const reasonId = str(u['reasonCodeId']);
  const reason = objectOf(u['ReasonCode']);
  return {
    loginId,
    loginName: str(u['loginName']),
    firstName: str(u['firstName']),
    lastName: str(u['lastName']),
    extension: str(u['extension']),
    state: toVoiceState(str(u['state'])),
    pendingState: pending ? toVoiceState(pending) : null,
    reasonCodeId: reasonId && reasonId !== '-1' ? reasonId : null,
    reasonCode: embeddedReasonCode(reason, reasonId),
    stateChangeTime: str(u['stateChangeTime']) || null,
    teamId: str(u['teamId']),
    teamName: str(u['teamName']),
    roles: list(container(u['roles'], 'roles')['role']).map(str).filter(Boolean),
    teams: list(container(u['teams'], 'teams')['Team']).flatMap((team) => {
      const t = objectOf(team);
      const id = t ? str(t['id']) : '';
      return t && id ? [{ id, name: str(t['name']) }] : [];
    }),
  };
}

export function parseUser(xml: string): FinesseUser {
  return userFromElement(rootOf(xml, 'User'));
}

function participantFromElement(element: unknown): FinesseParticipant {
  const p = requireObject(element, 'Participant');
  return {
    mediaAddress: str(p['mediaAddress']),
    state: str(p['state']) || 'UNKNOWN',
    actions: list(container(p['actions'], 'actions')['action']).map(str).filter(Boolean),
  };
}

function callVariablesOf(mediaProperties: XmlObject): Record<string, string> {
  const variables = list(container(mediaProperties['callvariables'], 'callvariables')['CallVariable']);
  // Object.fromEntries defines own properties, so a variable named __proto__ cannot pollute anything.
  return Object.fromEntries(
    variables.flatMap((variable) => {
      const v = objectOf(variable);
      const name = v ? str(v['name']) : '';
      return v && name ? [[name, str(v['value'])] as const] : [];
    }),
  );
}

/** A `<Dialog>` element (REST, or inside a dialog notification). */
export function dialogFromElement(element: unknown): FinesseDialog {
  const d = requireObject(element, 'Dialog');
  const id = str(d['id']);
  if (!id) throw invalid('<Dialog> without id');
  const media = container(d['mediaProperties'], 'mediaProperties');
  const rawCallType = str(media['callType']);
  return {
    id,
    mediaType: str(d['mediaType']),
    fromAddress: str(d['fromAddress']),
    toAddress: str(d['toAddress']),
    state: toDialogState(str(d['state'])),
    callType: callTypeOf(rawCallType),
    rawCallType,
    participants: list(container(d['participants'], 'participants')['Participant']).map(
      participantFromElement,
    ),
    callVariables: callVariablesOf(media),
  };
}

/** A `<Dialogs>` element (REST) or the `<dialogs>` of a notification; `<Dialog>` children. */
export function dialogsFromElement(element: unknown): FinesseDialog[] {
  const d = container(element, 'Dialogs');
  return list(d['Dialog'] ?? d['dialog']).map(dialogFromElement);
}

export function parseDialogs(xml: string): FinesseDialog[] {
  return dialogsFromElement(rootOf(xml, 'Dialogs'));
}

export function parseDialog(xml: string): FinesseDialog {
  return dialogFromElement(rootOf(xml, 'Dialog'));
}

/** A `<ReasonCode>` element. */
export function reasonCodeFromElement(element: unknown): FinesseReasonCode {
  const r = requireObject(element, 'ReasonCode');
  const id = str(r['id']);
  if (!id) throw invalid('<ReasonCode> without id');
  const category = str(r['category']);
  return {
    id,
    code: str(r['code']),
    label: str(r['label']),
    category: category === 'NOT_READY' || category === 'LOGOUT' ? category : 'UNKNOWN',
    forAll: str(r['forAll']).toLowerCase() === 'true',
    uri: str(r['uri']),
  };
}

/** A `<ReasonCodes>` element; `<ReasonCode>` children. */
export function reasonCodesFromElement(element: unknown): FinesseReasonCode[] {
  return list(container(element, 'ReasonCodes')['ReasonCode']).map(reasonCodeFromElement);
}

export function parseReasonCodes(xml: string): FinesseReasonCode[] {
  return reasonCodesFromElement(rootOf(xml, 'ReasonCodes'));
}

function port(value: unknown): number | null {
  const n = Number(str(value) || Number.NaN);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

function nodeFromElement(element: unknown): FinesseNodeInfo | null {
  const n = objectOf(element);
  const host = n ? str(n['host']) : '';
  if (!n || !host) return null;
  return { host, httpsPort: port(n['httpsPort']), xmppPort: port(n['xmppPort']) };
}

/** A `<SystemInfo>` element (REST, or the SystemInfo notification). */
export function systemInfoFromElement(element: unknown): FinesseSystemInfo {
  const s = requireObject(element, 'SystemInfo');
  const status = str(s['status']);
  const authMode = str(s['systemAuthMode']);
  return {
    status: status === 'IN_SERVICE' || status === 'OUT_OF_SERVICE' ? status : 'UNKNOWN',
    statusReason: str(s['statusReason']),
    deploymentType: str(s['deploymentType']),
    xmppDomain: str(s['xmppDomain']),
    xmppPubSubDomain: str(s['xmppPubSubDomain']),
    primaryNode: nodeFromElement(s['primaryNode']),
    secondaryNode: nodeFromElement(s['secondaryNode']),
    systemAuthMode:
      authMode === 'NON_SSO' || authMode === 'SSO' || authMode === 'HYBRID' ? authMode : 'UNKNOWN',
    currentTimestamp: str(s['currentTimestamp']) || null,
  };
}

export function parseSystemInfo(xml: string): FinesseSystemInfo {
  return systemInfoFromElement(rootOf(xml, 'SystemInfo'));
}

export interface FinesseApiError {
  errorType: string;
  message: string;
  /** Present when Finesse sent a non-empty `<ErrorData>` (e.g. the offending field). */
  errorData?: string;
}

/** The first `<ApiError>` of an `<ApiErrors>` element. */
export function apiErrorFromElement(element: unknown): FinesseApiError | null {
  const errors = objectOf(element);
  const first = errors ? objectOf(list(errors['ApiError'])[0]) : null;
  if (!first) return null;
  const errorData = str(first['ErrorData']);
  return {
    errorType: str(first['ErrorType']),
    message: str(first['ErrorMessage']),
    ...(errorData ? { errorData } : {}),
  };
}

/** The first `<ApiError>` of an error answer, if the body is one. */
export function parseApiError(xml: string): FinesseApiError | null {
  try {
    return apiErrorFromElement(parseFinesseXml(xml)['ApiErrors']);
  } catch {
    return null; // not an ApiErrors document: the caller reports the HTTP status instead
  }
}
