import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { loadAgentsFile, parseAgents, type AgentInput } from './agents.ts';
import { createBrowserScripts } from './browserScripts.ts';
import { createGadgetFetcher } from './container/gadgetFetcher.ts';
import type { PrefRewriter } from './container/prefs.ts';
import type { DeploymentConfig, SimulatorContext } from './context.ts';
import type { DesktopConfig } from './desktopShell.ts';
import { userElement, updateXml, userUri } from './finesseXml.ts';
import { createNodeRegistry, type FinesseNodeOptions, type NodeName, type NodeRegistry } from './nodes.ts';
import { createNotificationHub, type NotificationHub } from './notificationHub.ts';
import { createReasonCodeCatalog, type ReasonCode } from './reasonCodes.ts';
import { containerRoutes } from './routes/containerRoutes.ts';
import { desktopRoutes } from './routes/desktopRoutes.ts';
import { finesseRoutes } from './routes/finesseRoutes.ts';
import { notificationRoutes } from './routes/notificationRoutes.ts';
import { simRoutes } from './routes/simRoutes.ts';
import { createUserStore, type UserStore } from './users.ts';

export interface SimulatorOptions {
  /** Default 8445 (Finesse's port, FINESSE.md); 0 picks a free port. */
  readonly port?: number;
  /** Default 0.0.0.0. */
  readonly host?: string;
  /** The chat server; the desktop's layout loads `${chatServerUrl}/gadget.xml`. Default http://localhost:8444. */
  readonly chatServerUrl?: string;
  /** Overrides the gadget spec URL (default `${chatServerUrl}/gadget.xml`). */
  readonly gadgetUrl?: string;
  /** Agent definitions, or the path of an agents JSON file. Default `simulator/agents.json`. */
  readonly agents?: readonly AgentInput[] | string;
  readonly reasonCodes?: readonly ReasonCode[];
  /** More `host:port` values gadget specs may be fetched from (the chat server's is always allowed). */
  readonly allowedGadgetHosts?: readonly string[];
  readonly xmppDomain?: string;
  readonly nodes?: { readonly primary?: FinesseNodeOptions; readonly secondary?: FinesseNodeOptions };
  /** Pref rewrite steps for the gadget container (see `container/prefs.ts`). */
  readonly prefRewriters?: readonly PrefRewriter[];
  /** Fastify/pino logger options; `false` (the default) is quiet, as tests want. */
  readonly logger?: FastifyServerOptions['logger'];
  readonly now?: () => Date;
  /** The `fetch` used for gadget specs (tests pass a fake). */
  readonly fetch?: typeof fetch;
  readonly gadgetCacheMs?: number;
}

export interface Simulator {
  readonly app: FastifyInstance;
  readonly users: UserStore;
  readonly nodes: NodeRegistry;
  readonly hub: NotificationHub;
  /** Starts listening; resolves with the base URL (e.g. http://localhost:8445). */
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
  /** Stops or restarts a Finesse node (a stopped node's REST API answers 503). */
  setNodeUp(name: NodeName, up: boolean): void;
  /** Every user signed out, every node up. */
  reset(): void;
}

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The composition root: builds the stores and wires the route plugins onto one Fastify app. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const now = options.now ?? (() => new Date());
  const chatServerUrl = options.chatServerUrl ?? 'http://localhost:8444';
  const gadgetUrl = options.gadgetUrl ?? new URL('/gadget.xml', chatServerUrl).href;
  const agents =
    typeof options.agents === 'string' || options.agents === undefined
      ? loadAgentsFile(options.agents)
      : parseAgents({ agents: options.agents });

  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  const reasonCodes = createReasonCodeCatalog(options.reasonCodes);
  const users = createUserStore({ agents, reasonCodes, now });
  const primary = options.nodes?.primary ?? { host: 'localhost' };
  const nodes = createNodeRegistry({ primary, secondary: options.nodes?.secondary });
  const hub = createNotificationHub((error) => app.log.warn({ err: error }, 'notification listener failed'));
  const xmppDomain = options.xmppDomain ?? primary.host;
  const deployment: DeploymentConfig = {
    deploymentType: 'UCCE',
    systemAuthMode: 'NON_SSO',
    xmppDomain,
    xmppPubSubDomain: `pubsub.${xmppDomain}`,
  };
  const ctx: SimulatorContext = { users, reasonCodes, nodes, hub, deployment, now };

  // Every user change becomes an `<Update>` on the user's node (FINESSE.md, Notifications).
  users.on('change', ({ user, requestId }) => {
    const source = userUri(user.agent.id);
    hub.publish(
      source,
      updateXml({ data: userElement(user, reasonCodes, 'user'), event: 'PUT', requestId, source }),
    );
  });

  const desktopConfig: DesktopConfig = {
    productName: 'Cisco Finesse (simulated)',
    locale: 'en_US',
    deployment,
    tabs: [
      {
        id: 'home',
        label: 'Home',
        gadgets: [{ id: 'chat', title: 'Hybrid Chat', url: gadgetUrl, testId: 'desktop.gadget.chat' }],
      },
    ],
  };
  const fetcher = createGadgetFetcher({
    allowedHosts: [
      new URL(chatServerUrl).host,
      new URL(gadgetUrl).host,
      ...(options.allowedGadgetHosts ?? []),
    ],
    fetch: options.fetch,
    cacheMs: options.gadgetCacheMs,
  });

  const reset = (): void => {
    users.reset();
    nodes.reset();
  };

  app.register(async (scope) => finesseRoutes(scope, ctx), { prefix: '/finesse/api' });
  app.register(async (scope) => simRoutes(scope, ctx, reset), { prefix: '/sim/api' });
  app.register(async (scope) => notificationRoutes(scope, ctx));
  app.register(async (scope) =>
    containerRoutes(scope, {
      fetcher,
      scripts: createBrowserScripts(here('./container/runtime')),
      rewriters: options.prefRewriters ?? [],
    }),
  );
  app.register(async (scope) =>
    desktopRoutes(scope, {
      config: desktopConfig,
      desktopScripts: createBrowserScripts(here('./desktop')),
      finesseScripts: createBrowserScripts(here('./desktop/finesse')),
      stylesheet: here('./desktop/desktop.css'),
    }),
  );

  return {
    app,
    users,
    nodes,
    hub,
    async listen() {
      const host = options.host ?? '0.0.0.0';
      await app.listen({ port: options.port ?? 8445, host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : (options.port ?? 8445);
      nodes.setListeningPort(port);
      const shown =
        host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shown}:${port}` };
    },
    close: () => app.close(),
    setNodeUp: (name, up) => void nodes.setUp(name, up),
    reset,
  };
}

/** Creates and starts a simulator (port 0 for a free one); for `scripts/start.ts` and e2e tests. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator & { url: string }> {
  const simulator = createSimulator(options);
  const { url } = await simulator.listen();
  return { ...simulator, url };
}
