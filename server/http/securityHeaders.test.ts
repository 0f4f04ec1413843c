import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { FINESSE_URL, useTestServer } from '../testing/testServer.ts';
import {
  contentSecurityPolicy,
  frameAncestorsFor,
  parseFrameAncestors,
  SCRIPT_POLICY,
  type FramePolicy,
} from './securityHeaders.ts';

describe('parseFrameAncestors', () => {
  it.each([
    ['*', ['*']],
    ["'none'", ["'none'"]],
    [
      'https://www.example.com, https://*.shop.example:8443',
      ['https://www.example.com', 'https://*.shop.example:8443'],
    ],
    ["'self' https:  www.example.com", ["'self'", 'https:', 'www.example.com']],
  ])('%j → %j', (value, expected) => {
    expect(parseFrameAncestors(value)).toEqual(expected);
  });

  it.each([
    ['https://a.example; script-src *', 'not a CSP source'],
    ['https://a.example/\r\nX-Evil: 1', 'not a CSP source'],
    ['"self"', 'not a CSP source'],
    ["'none' https://a.example", "'none' cannot be combined"],
    [' , ', 'empty'],
  ])('rejects %j (%s)', (value, message) => {
    expect(() => parseFrameAncestors(value)).toThrow(message);
  });

  it('comes from WIDGET_FRAME_ANCESTORS, default * (any website may embed the widget)', () => {
    expect(loadConfig({}).widgetFrameAncestors).toEqual(['*']);
    expect(loadConfig({ WIDGET_FRAME_ANCESTORS: 'https://www.example.com' }).widgetFrameAncestors).toEqual([
      'https://www.example.com',
    ]);
    expect(() => loadConfig({ WIDGET_FRAME_ANCESTORS: 'x;y' })).toThrow(/WIDGET_FRAME_ANCESTORS/);
  });
});

describe('frameAncestorsFor', () => {
  const policy: FramePolicy = {
    widget: ['https://www.example.com'],
    gadget: ['https://finesse1.internal.com:8445', 'https://finesse1.xyz.com', 'https://finesse1.xyz.com'],
  };

  it.each([
    ['/widget/', "frame-ancestors 'self' https://www.example.com"],
    ['/widget/index.html', "frame-ancestors 'self' https://www.example.com"],
    [
      '/gadget/page.html',
      "frame-ancestors 'self' https://finesse1.internal.com:8445 https://finesse1.xyz.com",
    ],
    ['/', "frame-ancestors 'self'"],
    ['/widgetry', "frame-ancestors 'self'"],
  ])('%s → %s', (path, expected) => {
    expect(frameAncestorsFor(path, policy)).toBe(expected);
  });

  it('puts the script policy before it, and gives the HTML transcript a policy of its own', () => {
    expect(SCRIPT_POLICY).toBe("script-src 'self'; object-src 'none'; base-uri 'self'");
    expect(contentSecurityPolicy('/widget/', policy)).toBe(
      `${SCRIPT_POLICY}; frame-ancestors 'self' https://www.example.com`,
    );
    const transcript = contentSecurityPolicy('/api/customer/chats/ch-1/transcript', policy);
    expect(transcript).toMatch(/^default-src 'none';/);
    expect(transcript).not.toMatch(/unsafe-eval|script-src/);
  });

  it("keeps * and 'none' as they are", () => {
    expect(frameAncestorsFor('/widget/', { ...policy, widget: ['*'] })).toBe('frame-ancestors *');
    expect(frameAncestorsFor('/widget/', { ...policy, widget: ["'none'"] })).toBe("frame-ancestors 'none'");
  });
});

// Built apps stand-ins, so that the test does not depend on `npm run build`.
const root = mkdtempSync(join(tmpdir(), 'hybrid-chat-csp-'));
const files: Record<string, string> = {
  'dist/widget/index.html': '<!doctype html><title>widget</title>',
  'dist/widget/assets/app-abcdef12.js': 'console.log(1)',
  'dist/widget.js': '/* loader */',
  'dist/gadget/gadget.js': '/* gadget */',
  'dist/gadget/help.html': '<!doctype html><title>help</title>',
  'public/demo/index.html': '<!doctype html><title>demo</title>',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Content-Security-Policy on the pages the chat server serves', () => {
  const getServer = useTestServer({
    staticDir: join(root, 'dist'),
    publicDir: join(root, 'public'),
    finesseSecondaryUrl: 'https://finesse2.internal.com:8445',
    proxyOrigins: ['https://finesse1.xyz.com'],
  });
  const csp = async (path: string) => {
    const response = await fetch(`${getServer().url}${path}`);
    expect(response.status).toBe(200);
    return response.headers.get('content-security-policy');
  };

  it('lets any website frame the widget by default', async () => {
    expect(await csp('/widget/')).toBe(`${SCRIPT_POLICY}; frame-ancestors *`);
  });

  it('lets only the Finesse desktops, direct and through the proxy, frame gadget pages', async () => {
    expect(await csp('/gadget/help.html')).toBe(
      `${SCRIPT_POLICY}; frame-ancestors 'self' ${FINESSE_URL} https://finesse2.internal.com:8445 https://finesse1.xyz.com`,
    );
  });

  it('keeps the demo site to itself', async () => {
    expect(await csp('/')).toBe(`${SCRIPT_POLICY}; frame-ancestors 'self'`);
  });

  it('leaves scripts and XML without a frame policy, and sends nosniff everywhere', async () => {
    for (const path of ['/widget.js', '/gadget/gadget.js', '/widget/assets/app-abcdef12.js', '/gadget.xml']) {
      const response = await fetch(`${getServer().url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toBeNull();
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('a restricted widget', () => {
  const getServer = useTestServer({
    staticDir: join(root, 'dist'),
    publicDir: join(root, 'public'),
    widgetFrameAncestors: ['https://www.example.com'],
  });

  it("is framed only by the listed sites and this server's own demo page", async () => {
    const response = await fetch(`${getServer().url}/widget/index.html`);
    expect(response.headers.get('content-security-policy')).toBe(
      `${SCRIPT_POLICY}; frame-ancestors 'self' https://www.example.com`,
    );
  });
});
