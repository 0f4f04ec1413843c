/*
 * finesse.js, part 2: XML to plain objects, the way finesse.js hands REST and notification
 * payloads to gadgets (`rsp.object.ApiErrors.ApiError.ErrorType`). An empty element is `null`, as
 * in Cisco's library (`<pendingState/>` → `pendingState: null`).
 */
import type { SimInternals, XmlObject, XmlValue } from './types.ts';

declare const __sim: SimInternals;

/** Adds a property without ever touching a prototype, whatever the element is called. */
function put(target: XmlObject, name: string, value: XmlValue): void {
  const previous = Object.hasOwn(target, name) ? target[name] : undefined;
  const next =
    previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  Object.defineProperty(target, name, { value: next, enumerable: true, writable: true, configurable: true });
}

function toValue(element: Element): XmlValue {
  const children = Array.from(element.children);
  if (children.length === 0 && element.attributes.length === 0) return element.textContent || null;
  const object: XmlObject = {};
  for (const attribute of Array.from(element.attributes)) put(object, `@${attribute.name}`, attribute.value);
  for (const child of children) put(object, child.tagName, toValue(child));
  if (children.length === 0 && element.textContent) put(object, '#text', element.textContent);
  return object;
}

__sim.xml = {
  parse(text) {
    if (!text.trim()) return null;
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const root = doc.documentElement;
    if (!root || doc.getElementsByTagName('parsererror').length > 0) return null;
    const object: XmlObject = {};
    put(object, root.tagName, toValue(root));
    return object;
  },
  text: (value) => (typeof value === 'string' ? value : ''),
  leaf: (value) => (typeof value === 'string' ? value : null),
  object: (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}),
  list: (value) =>
    value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value],
};
