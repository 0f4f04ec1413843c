/**
 * Static files: the built gadget (`/gadget/`, loaded cross-origin by the Finesse desktop),
 * the widget app (`/widget/`), its loader (`/widget.js`) and the demo website (`/`).
 * Assets revalidate (ETag + no-cache) so a deployment is picked up at once; hashed chunks
 * are immutable. Who may frame the HTML pages is set for every response in securityHeaders.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function registerStaticFiles(
  app: FastifyInstance,
  dirs: { staticDir: string; publicDir: string },
): Promise<void> {
  const setHeaders = (reply: { header(name: string, value: string): unknown }, path: string) => {
    const hashed = /[.-][A-Za-z0-9_-]{8,}\.(js|css|woff2?|svg|png)$/.test(path) && path.includes('/assets/');
    reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  const gadgetDir = join(dirs.staticDir, 'gadget');
  const widgetDir = join(dirs.staticDir, 'widget');
  const loader = join(dirs.staticDir, 'widget.js');
  if (!existsSync(gadgetDir) || !existsSync(widgetDir) || !existsSync(loader)) {
    app.log.warn({ staticDir: dirs.staticDir }, 'built apps missing: run `npm run build`');
  }

  await app.register(fastifyStatic, { root: dirs.publicDir, prefix: '/', index: false, setHeaders });
  if (existsSync(gadgetDir)) {
    await app.register(fastifyStatic, {
      root: gadgetDir,
      prefix: '/gadget/',
      decorateReply: false,
      setHeaders,
    });
  }
  if (existsSync(widgetDir)) {
    await app.register(fastifyStatic, {
      root: widgetDir,
      prefix: '/widget/',
      decorateReply: false,
      setHeaders,
    });
  }
  app.get('/widget.js', (_request, reply) =>
    existsSync(loader)
      ? reply.header('Cache-Control', 'no-cache').sendFile('widget.js', dirs.staticDir)
      : reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'widget not built' } }),
  );
  app.get('/', (_request, reply) => reply.header('Cache-Control', 'no-cache').sendFile('demo/index.html'));
}
