import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { BrowserScripts } from '../browserScripts.ts';
import { DESKTOP_CSP, renderDesktopShell, type DesktopConfig } from '../desktopShell.ts';
import { absentFinesseJsNames } from '../finesseJsSurface.ts';
import { versionAtLeast, type FinesseVersion } from '../finesseVersions.ts';

export interface DesktopRoutesOptions {
  readonly config: DesktopConfig;
  /** Desktop modules (`simulator/desktop/*.ts`). */
  readonly desktopScripts: BrowserScripts;
  /** finesse.js parts (`simulator/desktop/finesse/*.ts`). */
  readonly finesseScripts: BrowserScripts;
  readonly stylesheet: string;
  /** Served to gadgets as `/desktop/assets/js/finesse.js` instead of ours (`SIM_FINESSE_JS`). */
  readonly finesseJsPath?: string | undefined;
  /** The Finesse release played now (read per request: `/sim/api/finesse-version` changes it). */
  readonly finesseVersion: () => FinesseVersion;
}

/** The simulator's finesse.js for the desktop page itself, whatever gadgets get. */
export const DESKTOP_FINESSE_JS_PATH = '/desktop/assets/sim/finesse.js';

/**
 * Finesse serves finesse.js and jQuery to gadgets at `/desktop/assets/js/` from 10.6(1) on (Cisco's
 * finesse-sample-code, "Cisco Finesse JavaScript Library"): on 10.5 those paths answer 404.
 */
export const GADGET_ASSETS_SINCE = '10.6';

/**
 * On a Finesse without them, where README ("Finesse 10.5") has the administrator upload Cisco's
 * library and jQuery for our gadget (Finesse's third-party gadget folder); served on every release.
 */
export const UPLOADED_LIBRARY_DIR = '/3rdpartygadget/files/hybrid-chat/';

/**
 * finesse.js parts, concatenated in this order into one classic script, as Cisco ships it
 * (`/desktop/assets/js/finesse.js`, also `finesse.min.js`).
 */
export const FINESSE_JS_FILES = [
  'namespace.ts',
  'xmlObject.ts',
  'utilities.ts',
  'config.ts',
  'rest.ts',
  'notifications.ts',
  'clientServices.ts',
  'containerServices.ts',
  'dialog.ts',
  'user.ts',
  'surface.ts',
];

const JS = 'text/javascript; charset=utf-8';

/** jQuery 3, as the Finesse desktop ships a 3.x (which minor is a guess; gadgets use the 3.x API). */
const JQUERY_PATH = createRequire(import.meta.url).resolve('jquery/dist/jquery.min.js');
let jquery: Promise<string> | undefined;

function sendScript(reply: FastifyReply, code: string): FastifyReply {
  return reply
    .type(JS)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .send(code);
}

/** The agent desktop at `/desktop/` and the Finesse assets gadgets load from it. */
export function desktopRoutes(app: FastifyInstance, options: DesktopRoutesOptions): void {
  const { config, desktopScripts, finesseScripts } = options;

  app.get('/', async (_request, reply) => reply.redirect('/desktop/', 302));
  app.get('/desktop', async (_request, reply) => reply.redirect('/desktop/', 302));

  app.get('/desktop/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', DESKTOP_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(renderDesktopShell(config)),
  );

  app.get('/desktop/desktop.css', async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await readFile(options.stylesheet, 'utf8')),
  );

  app.get<{ Params: { file: string } }>('/desktop/app/:file', async (request, reply) => {
    const code = await desktopScripts.module(request.params.file);
    if (code === undefined) return reply.code(404).type('text/plain').send('Not found');
    return sendScript(reply, code);
  });

  // The library of the version played: the names that release lacks are removed (surface.ts).
  const ownFinesseJs = async (_request: unknown, reply: FastifyReply) => {
    const absent = JSON.stringify(absentFinesseJsNames(options.finesseVersion()));
    return sendScript(
      reply,
      await finesseScripts.classicScript(FINESSE_JS_FILES, `__sim.absent = ${absent};\n`),
    );
  };
  // Bring your own: read at every request, so a replaced file shows on the next gadget load.
  const { finesseJsPath } = options;
  const finesseJs = finesseJsPath
    ? async (_request: unknown, reply: FastifyReply) =>
        sendScript(reply, await readFile(finesseJsPath, 'utf8'))
    : ownFinesseJs;
  // Finesse serves jQuery to gadgets beside finesse.js (Cisco's finesse-sample-code README: import both
  // the JavaScript library and jQuery); the real one, from the `jquery` package (MIT).
  const jQuery = async (_request: unknown, reply: FastifyReply) => {
    jquery ??= readFile(JQUERY_PATH, 'utf8');
    return reply
      .type(JS)
      .header('cache-control', 'max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(await jquery);
  };
  // Only on the releases that have them (GADGET_ASSETS_SINCE).
  const fromFinesse =
    (handler: (request: unknown, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (request: unknown, reply: FastifyReply) =>
      versionAtLeast(options.finesseVersion(), GADGET_ASSETS_SINCE)
        ? handler(request, reply)
        : reply
            .code(404)
            .type('text/plain')
            .send(`Not found (Finesse serves this from ${GADGET_ASSETS_SINCE}(1) on)`);

  app.get(DESKTOP_FINESSE_JS_PATH, ownFinesseJs);
  app.get('/desktop/assets/js/finesse.js', fromFinesse(finesseJs));
  app.get('/desktop/assets/js/finesse.min.js', fromFinesse(finesseJs));
  app.get('/desktop/assets/js/jquery.min.js', fromFinesse(jQuery));
  app.get(`${UPLOADED_LIBRARY_DIR}finesse.js`, finesseJs);
  app.get(`${UPLOADED_LIBRARY_DIR}jquery.min.js`, jQuery);
}
