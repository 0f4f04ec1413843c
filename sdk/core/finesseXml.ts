/**
 * Finesse REST XML → typed objects. The parser never expands entities or reads a DOCTYPE, so a
 * hostile document cannot blow up (billion laughs) or reach out (XXE); anything that does not
 * look like Finesse's XML is a `FinesseError`, never a crash.
 * Shapes: FINESSE.md, "REST API"; Cisco Finesse Web Services Developer Guide, User and ApiErrors.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FinesseError } from './errors.ts';

/** Finesse documents are small; anything larger is refused before parsing. */
export const MAX_FINESSE_XML = 256 * 1024;

export const VOICE_STATES = [
  'LOGIN',
  'LOGOUT',
  'NOT_READY',
  'READY',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
  'UNKNOWN',
] as const;
export type VoiceState = (typeof VOICE_STATES)[number];

export interface FinesseUser {
  loginId: string;
  loginName: string;
  firstName: string;
  lastName: string;
  extension: string;
  state: VoiceState;
  pendingState: VoiceState | null;
  reasonCodeId: string | null;
  stateChangeTime: string | null;
  teamId: string;
  teamName: string;
  roles: string[];
}

const parser = new XMLParser({
  processEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'role' || name === 'ApiError',
});

/** Parses a Finesse XML document; refuses DOCTYPEs, oversize and malformed input. */
export function parseFinesseXml(xml: string): Record<string, unknown> {
  if (xml.length > MAX_FINESSE_XML) throw new FinesseError('Finesse XML too large', 502, 'Invalid XML');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new FinesseError('Finesse XML with a DOCTYPE refused', 502, 'Invalid XML');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FinesseError(
      `malformed Finesse XML: ${valid.err.msg} (line ${valid.err.line})`,
      502,
      'Invalid XML',
    );
  }
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

const str = (value: unknown): string =>
  typeof value === 'string' ? decodeXmlText(value) : value == null ? '' : String(value);

export function toVoiceState(value: unknown): VoiceState {
  const state = str(value) as VoiceState;
  return VOICE_STATES.includes(state) ? state : 'UNKNOWN';
}

export function parseUser(xml: string): FinesseUser {
  const doc = parseFinesseXml(xml);
  const user = doc['User'];
  if (!user || typeof user !== 'object')
    throw new FinesseError('no <User> in the Finesse answer', 502, 'Invalid XML');
  const u = user as Record<string, unknown>;
  const loginId = str(u['loginId']);
  if (!loginId) throw new FinesseError('<User> without loginId', 502, 'Invalid XML');
  const roles = (u['roles'] as { role?: unknown[] } | undefined)?.role ?? [];
  const pending = str(u['pendingState']);
  const reason = str(u['reasonCodeId']);
  return {
    loginId,
    loginName: str(u['loginName']),
    firstName: str(u['firstName']),
    lastName: str(u['lastName']),
    extension: str(u['extension']),
    state: toVoiceState(u['state']),
    pendingState: pending ? toVoiceState(pending) : null,
    reasonCodeId: reason && reason !== '-1' ? reason : null,
    stateChangeTime: str(u['stateChangeTime']) || null,
    teamId: str(u['teamId']),
    teamName: str(u['teamName']),
    roles: roles.map(str).filter(Boolean),
  };
}

/** The first `<ApiError>` of an error answer, if the body is one. */
export function parseApiError(xml: string): { errorType: string; message: string } | null {
  try {
    const doc = parseFinesseXml(xml);
    const errors = (doc['ApiErrors'] as { ApiError?: Array<Record<string, unknown>> } | undefined)?.ApiError;
    const first = errors?.[0];
    if (!first) return null;
    return { errorType: str(first['ErrorType']), message: str(first['ErrorMessage']) };
  } catch {
    return null; // not an ApiErrors document: the caller reports the HTTP status instead
  }
}
