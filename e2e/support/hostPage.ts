/**
 * A customer's website for the widget specs: a tiny static server on a loopback port of its own (so
 * the page and the chat server are different origins, as in production) that serves host pages with
 * the headers a spec gives (a strict Content-Security-Policy…), the demo site's assets (`/demo/…`)
 * and its own copy of the built loader (for a page whose chat server is down).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import { freePort } from './stack.ts';

const LOADER = resolve(import.meta.dirname, '../../dist/widget.js');
const PUBLIC = resolve(import.meta.dirname, '../../public');
const TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
};

export interface HostPageSpec {
  html: string;
  headers?: Record<string, string>;
}

export interface HostSite {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Serves `html` at `path`; `/widget.js` is always the built loader. */
  page(path: string, spec: HostPageSpec): string;
  close(): Promise<void>;
}

export async function startHostSite(): Promise<HostSite> {
  const pages = new Map<string, HostPageSpec>();
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/widget.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(readFileSync(LOADER));
      return;
    }
    if (path.startsWith('/demo/') && !path.includes('..')) {
      try {
        const body = readFileSync(resolve(PUBLIC, `.${path}`));
        response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
      return;
    }
    const spec = pages.get(path);
    if (!spec) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...spec.headers });
    response.end(spec.html);
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    page(path, spec) {
      pages.set(path, spec);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A plain shop page: a heading, a button the spec can click, and whatever goes in `body`. */
export function shopPage(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop · Checkout</title>${head}</head><body>
<main><h1>Checkout</h1><p>Your basket holds two items.</p></main>
${body}</body></html>`;
}

/**
 * The demo website (public/demo) as a customer would embed the widget: the loader from the chat
 * server with `attributes`, and a viewport that covers a phone's notch (so safe areas apply).
 */
export function demoPage(chatUrl: string, attributes = ''): string {
  const html = readFileSync(resolve(PUBLIC, 'demo/index.html'), 'utf8');
  return html
    .replace('width=device-width, initial-scale=1', 'width=device-width, initial-scale=1, viewport-fit=cover')
    .replace(
      '<script async src="/widget.js" data-queue="default"></script>',
      `<script async src="${chatUrl}/widget.js" data-queue="default"${attributes}></script>`,
    );
}
