/**
 * Web addresses in message text as links, safely: only `http:` and `https:` URLs become links
 * (never `javascript:`, `data:`, `vbscript:` or anything else), each opens in a new tab without
 * giving the page a handle on ours (`noopener noreferrer`) and without vouching for it (`nofollow`).
 * Everything else stays React text, so nothing a participant typed is ever parsed as HTML.
 */
import type { ReactNode } from 'react';

// Starts at a word boundary: `xhttps://…` or `javascript:…https://` do not smuggle a scheme in front.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?'")\]}]$/;

function trimTrailing(raw: string): string {
  let url = raw;
  while (TRAILING.test(url)) {
    // Keep a closing parenthesis the address opened itself: https://en.wikipedia.org/wiki/Foo_(bar)
    if (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) >= (url.match(/\)/g)?.length ?? 0)) break;
    url = url.slice(0, -1);
  }
  return url;
}

/** The address to link to, or null when it is not a well-formed http(s) URL. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `text` as React nodes, with its http(s) addresses as links. */
export function linkify(text: string, className = 'ui-msg__link'): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = trimTrailing(match[0]);
    const href = safeHref(raw);
    if (!href || raw.length <= 'https://'.length) continue;
    const start = match.index;
    if (start > last) nodes.push(text.slice(last, start));
    nodes.push(
      <a key={start} className={className} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {raw}
      </a>,
    );
    last = start + raw.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}
