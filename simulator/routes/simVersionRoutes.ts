import type { FastifyInstance } from 'fastify';
import type { SimulatorContext } from '../context.ts';
import {
  checkFinesseModes,
  FINESSE_RELEASE_NAMES,
  FinesseVersionError,
  finesseModes,
  parseFinesseVersion,
} from '../finesseVersions.ts';

/**
 * `/sim/api/finesse-version`: which Finesse release the simulator plays, and a switch to another one
 * (so one chat server can be tested against every version in turn). Gadgets see the new version's
 * finesse.js when they load it next (reload the desktop).
 */
export function simVersionRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const describe = () => {
    const { version } = ctx.release;
    return {
      version,
      release: FINESSE_RELEASE_NAMES[version],
      modes: finesseModes(version, ctx.deployment.deploymentType),
    };
  };

  app.get('/finesse-version', async () => describe());

  // Adding proxy-config URIs or allowed proxies is configuring VPN-less access: only where it exists.
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'POST' || !/\/reverse-proxy\/(config-uris|allowed-hosts)$/.test(path)) return;
    const { version } = ctx.release;
    if (finesseModes(version, ctx.deployment.deploymentType).vpnLess) return;
    return reply.code(400).send({
      error: `Finesse ${FINESSE_RELEASE_NAMES[version]} (${ctx.deployment.deploymentType}) has no VPN-less access`,
    });
  });

  app.post<{ Body: { version?: unknown } | null }>('/finesse-version', async (request, reply) => {
    try {
      const version = parseFinesseVersion(request.body?.version ?? null, 'version');
      const proxy = ctx.reverseProxy.status();
      checkFinesseModes({
        version,
        deploymentType: ctx.deployment.deploymentType,
        authMode: ctx.deployment.systemAuthMode,
        reverseProxy: proxy.configUris.length > 0 || proxy.allowedHosts.length > 0,
      });
      ctx.release.version = version;
      return describe();
    } catch (error) {
      if (error instanceof FinesseVersionError) return reply.code(400).send({ error: error.message });
      throw error;
    }
  });
}
