/*
 * finesse.js, part 3: finesse.utilities.Utilities (Cisco Finesse JavaScript Library, "Utilities") and
 * finesse.cslogger.ClientLogger. Written from the documented behaviour, not from Cisco's code.
 */
import type { GadgetConfig, SimInternals, UtilitiesApi } from './types.ts';

declare const __sim: SimInternals;

/** "Basic …" for NON_SSO, "Bearer …" for SSO. The library's own requests use it on every version. */
__sim.authHeader = (config: Partial<GadgetConfig>): string => {
  const sso = config.systemAuthMode === 'SSO' || (!config.authorization && Boolean(config.authToken));
  return sso ? `Bearer ${config.authToken ?? ''}` : `Basic ${config.authorization ?? ''}`;
};

const utf8ToBase64 = (text: string): string =>
  btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(''));
const base64ToUtf8 = (text: string): string =>
  new TextDecoder().decode(Uint8Array.from(atob(text), (char) => char.charCodeAt(0)));

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A Finesse timestamp (`2026-12-07T06:00:00.000Z`, ISO 8601) as milliseconds; NaN when it is none. */
const extractTime = (timestamp: unknown): number => (timestamp ? Date.parse(String(timestamp)) : Number.NaN);

const Utilities: UtilitiesApi = {
  /** Cisco's `getAuthHeaderString(config)`, Finesse 11 and later (finesseJsSurface.ts). */
  getAuthHeaderString: (config) => __sim.authHeader(config),
  /** base64 of `id:password`, as `finesse.gadget.Config.authorization` holds it. */
  getUserAuthString: () => __sim.clientConfig?.authorization ?? '',
  isEmpty: (value) =>
    value === undefined ||
    value === null ||
    value === '' ||
    (typeof value === 'object' && Object.keys(value as object).length === 0),
  isNotEmpty: (value) => !Utilities.isEmpty(value),
  b64Encode: (text) => utf8ToBase64(String(text)),
  b64Decode: (text) => base64ToUtf8(String(text)),
  /** The last segment of a REST URI: `/finesse/api/Dialog/42` → `42`. */
  getId: (uri) =>
    String(uri ?? '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() ?? '',
  /** Two digits at least: `pad(7)` → `07`. */
  pad: (value) => String(value).padStart(2, '0'),
  getDOMParser: () => new DOMParser(),
  /** Escapes `& < > " '` for HTML, or with `decode` turns those entities back into characters. */
  translateHTMLEntities: (value, decode) =>
    decode
      ? String(value).replace(
          /&(amp|lt|gt|quot|#39);/g,
          (entity) => Object.keys(ENTITIES).find((char) => ENTITIES[char] === entity) ?? entity,
        )
      : String(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char),
  extractTime,
  /** A Finesse timestamp as a Date (invalid when the timestamp is empty). */
  convertTsToDate: (timestamp) => new Date(extractTime(timestamp)),
};
__sim.finesse.utilities = { Utilities };

// Cisco's sample gadgets start with `clientLogs = finesse.cslogger.ClientLogger`; a real desktop
// ships these logs to the server, the simulator writes them to the console.
__sim.finesse.cslogger = {
  ClientLogger: {
    init() {},
    log: (message) => console.debug('[finesse gadget]', message),
    error: (message) => console.error('[finesse gadget]', message),
  },
};
