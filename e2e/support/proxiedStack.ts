/**
 * The product behind a real reverse proxy, as an administrator would set it up (docs/requirements.md):
 * a proxy-config map hosted on a web server and polled by the (simulated) Finesse, nginx configured by
 * `hybrid-chat proxy nginx`, the chat server trusting the proxy and allowing the external desktop origin.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatedNginxConfig, makeCertificates, startNginx, type RunningNginx } from './nginx.ts';
import { freePort, startStack, type Stack } from './stack.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const FINESSE_HOST = 'finesse.vpnless.test';
export const CHAT_HOST = 'chat.vpnless.test';

export interface ProxiedStack {
  readonly stack: Stack;
  readonly nginx: RunningNginx;
  /** Origins on the internet side of the proxy. */
  readonly external: { finesse: string; chat: string; xmpp: readonly string[] };
  /** The LAN side: the desktop's own address and the gadget's default chat host:port. */
  readonly lan: { finesse: string; chatHostPort: string };
  readonly mapText: string;
  stop(): Promise<void>;
}

async function serveMap(port: number, text: () => string | null): Promise<Server> {
  const server = createServer((request, response) => {
    const body = request.url === '/proxymap.txt' ? text() : null;
    response.writeHead(body === null ? 404 : 200, { 'content-type': 'text/plain' }).end(body ?? '');
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return server;
}

export interface ProxiedStackOptions {
  /** false: deletes the Upgrade/Connection lines from the generated config (so socket.io stays on polling). */
  readonly websocket: boolean;
  /** More environment for the chat server and the simulator. */
  readonly env?: Record<string, string>;
  readonly simEnv?: Record<string, string>;
  /**
   * Desktop Chat's IM servers (internal host:port), each mapped to `im<n>.vpnless.test:<port>` and
   * given to `--xmpp`; their external host:ports are `external.xmpp`, in this order.
   */
  readonly xmpp?: readonly string[];
}

export async function startProxiedStack({
  websocket,
  env = {},
  simEnv = {},
  xmpp = [],
}: ProxiedStackOptions): Promise<ProxiedStack> {
  const [finessePort, chatPort, mapPort] = [await freePort(), await freePort(), await freePort()];
  const imHosts: string[] = [];
  for (const [index] of xmpp.entries()) imHosts.push(`im${index + 1}.vpnless.test:${await freePort()}`);
  const external = {
    finesse: `https://${FINESSE_HOST}:${finessePort}`,
    chat: `https://${CHAT_HOST}:${chatPort}`,
    xmpp: imHosts,
  };
  let mapText: string | null = null;
  const mapServer = await serveMap(mapPort, () => mapText);
  const prefix = mkdtempSync(join(tmpdir(), 'hybrid-chat-nginx-'));
  const cleanups: Array<() => Promise<void> | void> = [
    () => new Promise<void>((done) => mapServer.close(() => done())),
    () => rmSync(prefix, { recursive: true, force: true }),
  ];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const stack = await startStack({
      env: { TRUSTED_PROXIES: '127.0.0.1', ALLOWED_ORIGINS: external.finesse, ...env },
      simEnv: {
        SIM_PROXY_MAP_URLS: `http://127.0.0.1:${mapPort}/proxymap.txt`,
        SIM_PROXY_MAP_POLL_MS: '250',
        SIM_PROXY_ALLOWED_HOSTS: '127.0.0.1',
        ...simEnv,
      },
    });
    cleanups.push(() => stack.stop());
    const lanChat = new URL(stack.chatUrl).host;
    const lanFinesse = new URL(stack.simUrl).host;
    mapText = [
      '# internal host:port = external host:port',
      `${lanFinesse}=${FINESSE_HOST}:${finessePort}`,
      `${lanChat}=${CHAT_HOST}:${chatPort}`,
      ...xmpp.map((internal, index) => `${internal}=${imHosts[index]}`),
      '',
    ].join('\n');
    const mapFile = join(prefix, 'proxymap.txt');
    writeFileSync(mapFile, mapText);
    const imNames = imHosts.map((hostPort) => hostPort.split(':')[0] ?? '');
    makeCertificates(join(prefix, 'certs'), [FINESSE_HOST, CHAT_HOST, ...imNames]);
    let config = generatedNginxConfig({ root: ROOT, mapFile, prefix, chats: [lanChat], xmpp });
    if (!websocket) {
      const before = config;
      config = config.replace(/^\s*proxy_set_header\s+(Upgrade|Connection)\b.*\n/gm, '');
      if (config === before)
        throw new Error('the generated config had no Upgrade/Connection lines to remove');
    }
    const imPorts = imHosts.map((hostPort) => Number(hostPort.split(':')[1]));
    const nginx = await startNginx(prefix, config, [finessePort, chatPort, ...imPorts]);
    cleanups.push(() => nginx.stop());
    await waitForMap(stack.simUrl, CHAT_HOST);
    return {
      stack,
      nginx,
      external,
      lan: { finesse: stack.simUrl, chatHostPort: lanChat },
      mapText,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The simulator polls the map on its own schedule; wait until it has one that names the chat host. */
async function waitForMap(simUrl: string, host: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${simUrl}/sim/api/reverse-proxy/map`).catch(() => null);
    if (response?.ok && (await response.text()).includes(host)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the simulator did not load the proxy-config map within 10 s');
}
