import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Readonly<Record<string, string>> = {
  '.xml': 'application/xml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * `GET /samples/<sample>/<file>`: the sample gadgets for integrators (`simulator/samples/`), served
 * as a gadget's own web server would, so a layout can include one
 * (`http://<simulator>/samples/sample-gadget/SampleGadget.xml`, its host in `SIM_GADGET_HOSTS`).
 * Plain files only: no directory listings, nothing outside the folder, known types only.
 */
export function sampleRoutes(app: FastifyInstance, root: string): void {
  app.get<{ Params: { '*': string } }>('/samples/*', async (request, reply) => {
    const relative = request.params['*'];
    const path = resolve(root, relative);
    const type = TYPES[extname(path).toLowerCase()];
    if (!type || !path.startsWith(root + sep) || relative.split('/').some((part) => part.startsWith('.')))
      return reply.code(404).type('text/plain').send('Not found');
    try {
      const body = await readFile(path);
      return reply
        .type(type)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    } catch {
      return reply.code(404).type('text/plain').send('Not found');
    }
  });
}
