/*
 * `/desktop/assets/js/jquery.min.js`: not jQuery. Cisco's sample gadgets wrap their code in
 * `(function ($) { … }(jQuery))` and run `$(fn)` on ready; our gadgets do not use jQuery at all.
 * This keeps such wrappers from throwing; anything more fails loudly, as it should.
 */
// Makes this file a module to TypeScript (its names stay out of the global scope); erased when served.
import type {} from './types.ts';

type Ready = (fn: () => void) => void;

const ready: Ready = (fn) => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => fn());
  else fn();
};

function jQuery(arg: unknown): unknown {
  if (typeof arg === 'function') return ready(arg as () => void);
  throw new Error('[simulator] jquery.min.js is a stub: use the DOM directly');
}
jQuery.fn = {};
jQuery.noop = () => undefined;
jQuery.extend = Object.assign;
jQuery.each = <T>(items: T[], fn: (index: number, item: T) => void) =>
  items.forEach((item, i) => fn(i, item));

const host = window as unknown as { jQuery?: unknown; $?: unknown };
host.jQuery ??= jQuery;
host.$ ??= jQuery;
