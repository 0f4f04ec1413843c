/**
 * A Finesse notification as the desktop publishes it on the hub for Cisco's finesse.js in the
 * gadgets: `{ content, object }`, `object` being the XML as plain data the way that library reads
 * it (`update.object.Update.data.user.state`): an element with only text is its text, an empty one
 * is `null`, a repeated child becomes an array, attributes are `@name`. Our reading of the Cisco
 * JavaScript Library's documented payloads, written here from that description.
 */
export type XmlData = string | null | XmlRecord | XmlData[];
export interface XmlRecord {
  [name: string]: XmlData;
}

function put(target: XmlRecord, name: string, value: XmlData): void {
  const previous = Object.hasOwn(target, name) ? target[name] : undefined;
  const next =
    previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  // defineProperty: an element called __proto__ stays data.
  Object.defineProperty(target, name, { value: next, enumerable: true, writable: true, configurable: true });
}

function elementData(element: Element): XmlData {
  const children = Array.from(element.children);
  const text = children.length === 0 ? (element.textContent ?? '') : '';
  if (children.length === 0 && element.attributes.length === 0) return text.trim() === '' ? null : text;
  const record: XmlRecord = {};
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.name !== 'xmlns') put(record, `@${attribute.name}`, attribute.value);
  }
  for (const child of children) put(record, child.tagName, elementData(child));
  if (children.length === 0 && text.trim() !== '') put(record, '#text', text);
  return record;
}

/** `{ Root: … }` for an XML document, or undefined when the text is not XML. */
export function xmlToObject(xml: string): XmlRecord | undefined {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagName('parsererror').length > 0) return undefined;
  const record: XmlRecord = {};
  put(record, root.tagName, elementData(root));
  return record;
}
