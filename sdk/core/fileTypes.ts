/**
 * What a chat accepts as an attachment, decided from the bytes themselves (magic numbers), never
 * from the name or the Content-Type a client claims: images (PNG, JPEG, GIF, WebP), PDF and plain
 * UTF-8 text. Markup (HTML, SVG, XML) is refused even though it is text, and so are names with an
 * extension that a browser or a desktop would run. The server decides with these functions; the
 * apps call the same ones first, so that a customer learns at once that a file cannot be sent.
 * Browser- and Node-safe (Uint8Array, TextDecoder).
 */
import type { FileType } from './protocol.ts';

/** The extensions each type may carry in a display name; the first is added when none fits. */
export const FILE_EXTENSIONS: Readonly<Record<FileType, readonly string[]>> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log'],
};

/** For file pickers (`accept`): a hint only; what counts is `sniffFileType`. */
export const FILE_ACCEPT = Object.entries(FILE_EXTENSIONS)
  .flatMap(([type, extensions]) => [type, ...extensions.map((extension) => `.${extension}`)])
  .join(',');

/** Raster images a browser may show inline (`<img>`); everything else is downloaded. */
export function isInlineImage(type: string): boolean {
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/gif' || type === 'image/webp';
}

/** How many leading bytes `sniffFileType` needs to decide for a partial read (the apps' early check). */
export const SNIFF_BYTES = 4096;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');

/** Markup anywhere near the start: a browser that ignored our headers could render it. */
const MARKUP = /<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|style|img|a\s)/i;
// C0 controls other than tab, line feed, form feed and carriage return, and DEL: not plain text.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/**
 * The type of a file from its first bytes, or null when it is not one we accept. `complete`: the
 * bytes are the whole file (the server); otherwise a prefix of it (an early check in the browser),
 * where a UTF-8 sequence cut at the end is not held against it.
 */
export function sniffFileType(bytes: Uint8Array, complete = true): FileType | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  return isPlainText(complete ? bytes : bytes.subarray(0, SNIFF_BYTES), complete) ? 'text/plain' : null;
}

function isPlainText(bytes: Uint8Array, complete: boolean): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
  } catch {
    return false; // not UTF-8: binary, or a legacy encoding we do not guess at
  }
  if (BINARY.test(text)) return false;
  const head = text.replace(/^\uFEFF/, '').slice(0, SNIFF_BYTES);
  return !head.trimStart().startsWith('<') && !MARKUP.test(head);
}

/** Extensions that run or render as a page when opened: refused whatever the content. */
const ACTIVE_EXTENSIONS = new Set([
  'htm', 'html', 'xhtml', 'shtml', 'svg', 'svgz', 'xml', 'xsl', 'js', 'mjs', 'cjs', 'jsx', 'ts', 'hta',
  'php', 'asp', 'aspx', 'jsp', 'exe', 'msi', 'dll', 'com', 'scr', 'bat', 'cmd', 'ps1', 'vbs', 'wsf',
  'sh', 'jar', 'swf', 'lnk', 'reg', 'url', 'desktop', 'mht', 'mhtml',
]); // prettier-ignore

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** Whether a name's extension is one that runs (`.html`, `.svg`, `.js`, `.exe` …). */
export function hasActiveExtension(name: string): boolean {
  return ACTIVE_EXTENSIONS.has(extensionOf(name.trim().replace(/[.\s]+$/, '')));
}

const MAX_NAME = 120;
// Controls, path separators, and bidirectional overrides that make `gpj.exe` read as `exe.jpg`.
// Markup characters stay: names are only ever rendered as text, and browsers adapt a download name.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f/\\\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A display name safe to store, show (as text) and offer as a download name: no path, no control or
 * direction-override characters, no leading dots, at most 120 characters (keeping the extension),
 * and ending in an extension that fits the sniffed `type` (`notes.html` sent as text becomes
 * `notes.html.txt`). Never used as a path on the server: files are stored under random ids.
 */
export function safeFileName(raw: string, type: FileType): string {
  let name = raw
    .normalize('NFC')
    .replace(UNSAFE_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const allowed = FILE_EXTENSIONS[type];
  if (!allowed.includes(extensionOf(name))) name = `${name || 'file'}.${allowed[0]}`;
  if (name.length > MAX_NAME) {
    const extension = extensionOf(name);
    name = `${name.slice(0, MAX_NAME - extension.length - 2).trimEnd()}….${extension}`;
  }
  return name;
}

/** `1.2 MB`, `340 KB`, `12 B` (units are the same in every language the apps speak). */
export function formatFileSize(bytes: number, language = 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
