/**
 * A tiny XML writer: documents are trees of `XmlElement`, and every text and attribute value is
 * escaped on output, so no caller can forget to (agents' names such as O'Brien, labels with `&`).
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlChild[];
}

/** Text (escaped when written), an element, or nothing (skipped, so optional parts read inline). */
export type XmlChild = XmlElement | string | number | boolean | null | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function el(name: string, ...children: XmlChild[]): XmlElement {
  return elWithAttributes(name, {}, ...children);
}

export function elWithAttributes(
  name: string,
  attributes: Record<string, string>,
  ...children: XmlChild[]
): XmlElement {
  // Names come from our code, never from requests; a bad one is a programming error.
  for (const n of [name, ...Object.keys(attributes)]) {
    if (!NAME.test(n)) throw new Error(`[simulator xml] invalid XML name: ${n}`);
  }
  return { name, attributes, children };
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text and attribute values. Characters XML 1.0 forbids (most C0 controls, lone surrogates)
 * are dropped rather than written, so the output always parses.
 */
export function escapeXml(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c] ?? c)
  );
}

function renderNode(node: XmlElement): string {
  const attrs = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  const inner = node.children
    .map((child) => {
      if (child === null || child === undefined) return '';
      if (typeof child === 'object') return renderNode(child);
      return escapeXml(String(child));
    })
    .join('');
  return inner === '' ? `<${node.name}${attrs}/>` : `<${node.name}${attrs}>${inner}</${node.name}>`;
}

/** Renders an element; `declaration` prefixes the `<?xml …?>` line as Finesse's responses have. */
export function renderXml(root: XmlElement, options: { declaration?: boolean } = {}): string {
  const body = renderNode(root);
  return options.declaration ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}` : body;
}
