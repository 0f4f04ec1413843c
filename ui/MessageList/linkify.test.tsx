// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify.tsx';

afterEach(cleanup);

const links = (text: string) => {
  const { container } = render(<p>{linkify(text)}</p>);
  return { container, anchors: [...container.querySelectorAll('a')] };
};

describe('linkify', () => {
  it('links http and https addresses, safely, leaving the rest as text', () => {
    const { container, anchors } = links('See https://example.com/help?q=1, or http://x.test/a_(b)). Thanks');
    expect(container.textContent).toBe('See https://example.com/help?q=1, or http://x.test/a_(b)). Thanks');
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/help?q=1',
      'http://x.test/a_(b)',
    ]);
    for (const a of anchors) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    }
  });

  it('never links other schemes, and keeps markup as text', () => {
    const payload =
      'javascript:alert(1) data:text/html,<script>alert(1)</script> vbscript:x JAVASCRIPT://%0aalert(1) ' +
      '<a href="javascript:alert(1)">x</a> "><svg onload=alert(1)> file:///etc/passwd';
    const { container, anchors } = links(payload);
    expect(anchors).toEqual([]);
    expect(container.textContent).toBe(payload);
    expect(container.querySelector('script, svg, img')).toBeNull();
  });

  it('takes only the http(s) part of something that smuggles one in', () => {
    const { anchors } = links('javascript:alert("https://evil.test") and xhttps://no.test');
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['https://evil.test/']);
    expect(safeHref('https://')).toBeNull();
    expect(safeHref('https://exa mple.com')).toBeNull();
  });
});
