import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Why an XML document was refused; callers turn it into a 400 (REST) or a 502 (gadget fetch). */
export class XmlRejectedError extends Error {
  readonly reason: 'too-large' | 'doctype' | 'malformed';

  constructor(reason: XmlRejectedError['reason'], message: string) {
    super(message);
    this.name = 'XmlRejectedError';
    this.reason = reason;
  }
}

export interface SafeXmlOptions {
  /** Refuse documents longer than this many characters. */
  maxLength: number;
  /** Keep attributes (as `@_name`); REST bodies do not need them. */
  attributes?: boolean;
  /** Element names that are always arrays, even with a single occurrence. */
  arrays?: readonly string[];
}

const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;

/**
 * Parses untrusted XML (PUT bodies, fetched gadget specs) without ever expanding entities:
 * a DOCTYPE or ENTITY declaration outside CDATA is refused outright (no billion laughs, no XXE),
 * entity processing is off in the parser, and `decodeXmlText` only knows the five predefined
 * entities and character references. Values stay strings.
 */
export function parseXmlSafely(xml: string, options: SafeXmlOptions): Record<string, unknown> {
  if (xml.length > options.maxLength) {
    throw new XmlRejectedError('too-large', `XML longer than ${options.maxLength} characters`);
  }
  // HTML inside a gadget's CDATA may well start with <!DOCTYPE html>; only markup outside counts.
  const markup = xml.replace(CDATA, '');
  if (/<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(markup)) {
    throw new XmlRejectedError('doctype', 'DOCTYPE and entity declarations are not accepted');
  }
  // Without a DTD only the predefined entities and character references exist (XML 1.0 §4.6).
  if (/&(?!(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/.test(markup)) {
    throw new XmlRejectedError('malformed', 'malformed XML: undeclared entity or bare "&"');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new XmlRejectedError('malformed', `malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const arrays = new Set(options.arrays ?? []);
  const parser = new XMLParser({
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    ignoreAttributes: !options.attributes,
    attributeNamePrefix: '@_',
    cdataPropName: '#cdata',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    maxNestedTags: 32,
    isArray: (name) => arrays.has(name),
  });
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new XmlRejectedError('malformed', `malformed XML: ${(error as Error).message}`);
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and numeric character references, nothing else. */
export function decodeXmlText(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/**
 * The text of a parsed element: a plain value, or the `#text`/`#cdata` parts of a mixed one.
 * Text is entity-decoded; CDATA is taken verbatim, as XML defines.
 */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return decodeXmlText(node);
  if (typeof node !== 'object') return String(node);
  const record = node as Record<string, unknown>;
  const text = record['#text'];
  const cdata = record['#cdata'];
  const parts = [typeof text === 'string' ? decodeXmlText(text) : ''];
  for (const chunk of Array.isArray(cdata) ? cdata : [cdata]) {
    if (typeof chunk === 'string') parts.push(chunk);
  }
  return parts.join('');
}
