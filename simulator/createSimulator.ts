import { createServer, type RequestListener, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { loadAgentsFile, parseAgents, type AgentInput } from './agents.ts';
import { createAuthenticator, type Credentials } from './auth.ts';
import { createBrowserScripts } from './browserScripts.ts';
import { createCallEngine, type CallEngine } from './calls.ts';
import { createChatConfigStore, type ChatConfigStore, type ChatServerSettings } from './chatConfig.ts';
import { createGadgetFetcher } from './container/gadgetFetcher.ts';
import { createMakeRequestProxy } from './container/makeRequestProxy.ts';
import { requestFacts } from './reverseProxy/requestFacts.ts';
import type { PrefRewriter } from './container/prefs.ts';
import type { DeploymentConfig, SimulatorContext } from './context.ts';
import { layoutPrefs, resolveLayout, type DesktopLayoutInput, type LayoutPreset } from './desktopLayout.ts';
import type { DesktopConfig } from './desktopShell.ts';
import { dialogUpdateXml, userDialogsUri } from './dialogs.ts';
import { updateXml, userElement, userUri } from './finesseXml.ts';
import { createNodeCluster, type NodeCluster } from './nodeListeners.ts';
import { createNodeRegistry, type FinesseNode, type FinesseNodeOptions, type NodeName } from './nodes.ts';
import { createNotificationHub, userNodes, type NotificationHub } from './notificationHub.ts';
import { attachXmppPublisher, type XmppPublisher } from './xmpp/publisher.ts';
import { createReasonCodeCatalog, type ReasonCode } from './reasonCodes.ts';
import {
  createReverseProxy,
  type ReverseProxy,
  type ReverseProxyOptions,
} from './reverseProxy/reverseProxy.ts';
import { containerRoutes } from './routes/containerRoutes.ts';
import { desktopRoutes } from './routes/desktopRoutes.ts';
import { makeRequestRoutes } from './routes/makeRequestRoutes.ts';
import { sampleRoutes } from './routes/sampleRoutes.ts';
import { finesseRoutes } from './routes/finesseRoutes.ts';
import { notificationRoutes } from './routes/notificationRoutes.ts';
import { guardSimApi } from './routes/simApiAccess.ts';
import { simRoutes } from './routes/simRoutes.ts';
import { ssoRoutes } from './routes/ssoRoutes.ts';
import { createSsoTokenStore, type SystemAuthMode } from './ssoTokens.ts';
import { createUserStore, type UserStore } from './users.ts';
import {
  checkFinesseModes,
  FINESSE_RELEASE_NAMES,
  parseFinesseVersion,
  type FinesseVersion,
} from './finesseVersions.ts';

export interface SimulatorOptions {
  /** The publisher's port. Default 8445 (Finesse's port); 0 picks a free port. */
  readonly port?: number;
  /** The subscriber's port (0: a free one). Without it the cluster has no subscriber listener. */
  readonly secondaryPort?: number;
  /** Default 127.0.0.1 (this machine only); both nodes listen on it. */
  readonly host?: string;
  /**
   * Lets `/sim/api` answer peers other than loopback that send it in `X-Sim-Api-Token`
   * (routes/simApiAccess.ts). Without it only this machine may use the test control.
   */
  readonly simApiToken?: string;
  /** The chat server; the desktop's layout loads `${chatServerUrl}/gadget.xml`. Default http://localhost:8444. */
  readonly chatServerUrl?: string;
  /** Overrides the gadget spec URL (default `${chatServerUrl}/gadget.xml`). */
  readonly gadgetUrl?: string;
  /**
   * The desktop's tabs and their gadgets (`desktopLayout.ts`): a preset name (`two-tabs`, …) or a
   * layout. Default: Home with the chat gadget. Gadget URLs must be on the allowed gadget hosts.
   */
  readonly layout?: DesktopLayoutInput | LayoutPreset;
  /** Agent definitions, or the path of an agents JSON file. Default `simulator/agents.json`. */
  readonly agents?: readonly AgentInput[] | string;
  readonly reasonCodes?: readonly ReasonCode[];
  /**
   * More `host:port` values gadget specs may be fetched from (the chat server's is always allowed);
   * `SIM_GADGET_HOSTS`. Server-side `gadgets.io.makeRequest` may reach them too.
   */
  readonly allowedGadgetHosts?: readonly string[];
  /** `host:port` values only `gadgets.io.makeRequest` may reach (`SIM_MAKE_REQUEST_HOSTS`). */
  readonly makeRequestHosts?: readonly string[];
  /** Bounds of server-side makeRequest; defaults 10 s and 1 MiB. */
  readonly makeRequest?: { readonly timeoutMs?: number; readonly maxResponseBytes?: number };
  /**
   * A finesse.js file (e.g. copied from a real Finesse server) served to every gadget at
   * `/desktop/assets/js/finesse.js` instead of the simulator's (`SIM_FINESSE_JS`). The desktop page
   * keeps the simulator's own library.
   */
  readonly finesseJsPath?: string;
  readonly xmppDomain?: string;
  /** Hosts (and reported ports) of the nodes in SystemInfo; both default to `localhost`. */
  readonly nodes?: { readonly primary?: FinesseNodeOptions; readonly secondary?: FinesseNodeOptions };
  /** Default NON_SSO. SSO: every agent signs in through the simulated IdP; HYBRID: agents.json `sso`. */
  readonly authMode?: SystemAuthMode;
  /** SSO access token lifetime; default one hour. */
  readonly ssoTokenTtlMs?: number;
  /** The administrator (configuration APIs such as `GET /finesse/api/ReasonCodes`). Default admin/admin. */
  readonly admin?: Credentials;
  readonly deploymentType?: 'UCCE' | 'UCCX';
  /**
   * The Finesse release presented (`10.5`, `11.6`, `12.0`, `12.5`, `12.6`; default 12.6): its finesse.js
   * names, and SSO / VPN-less only where it has them (finesseVersions.ts). Throws FinesseVersionError.
   */
  readonly finesseVersion?: FinesseVersion | string;
  /** Pref rewrite steps for the gadget container (see `container/prefs.ts`), after the reverse-proxy one. */
  readonly prefRewriters?: readonly PrefRewriter[];
  /**
   * VPN-less access (docs/requirements.md): proxy-config map URLs (`mapUrls`, in the order added, the last one
   * wins), their update frequency (`pollMs`), the allowed proxies (`allowedHosts`). See
   * `reverseProxy/reverseProxy.ts`; `/sim/api/reverse-proxy` changes them at run time.
   */
  readonly reverseProxy?: ReverseProxyOptions;
  /**
   * Desktop Chat Server Settings at start (`PUT /finesse/api/ChatConfig` changes them): the IM
   * servers' URLs, e.g. `http://127.0.0.1:5280/http-bind`; passed to the chat gadget as its Desktop
   * Chat prefs (chatConfig.ts). Invalid URLs fail the start.
   */
  readonly desktopChat?: Partial<ChatServerSettings>;
  /** Fastify/pino logger options; `false` (the default) is quiet, as tests want. */
  readonly logger?: FastifyServerOptions['logger'];
  readonly now?: () => Date;
  /** The `fetch` used for gadget specs (tests pass a fake). */
  readonly fetch?: typeof fetch;
  readonly gadgetCacheMs?: number;
  /**
   * Publish notifications into a real XMPP server's pubsub as Finesse does (for a chat server in
   * `server` sync mode); without it they only reach the simulator's own finesse.js.
   */
  readonly xmpp?: { service: string; domain: string; adminJid: string; password: string };
}

export interface Simulator {
  readonly app: FastifyInstance;
  readonly users: UserStore;
  readonly calls: CallEngine;
  readonly nodes: NodeCluster;
  readonly hub: NotificationHub;
  readonly reverseProxy: ReverseProxy;
  /** The Finesse release presented now. */
  finesseVersion(): FinesseVersion;
  readonly chatConfig: ChatConfigStore;
  /** Starts both nodes' listeners; resolves with their base URLs (e.g. http://localhost:8445). */
  listen(): Promise<{ url: string; secondaryUrl: string | undefined }>;
  close(): Promise<void>;
  /** Stops a node (its listener refuses connections) or starts it again on the same port. */
  setNodeUp(name: NodeName, up: boolean): Promise<FinesseNode>;
  /** Every user signed out and every call gone, every node up, every SSO token forgotten. */
  reset(): Promise<void>;
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

  // Both nodes' servers hand requests to the one app (one cluster, one state); see nodeListeners.ts.
  let handler: RequestListener | undefined;
  const app = Fastify({
    logger: options.logger ?? false,
    serverFactory: (fastifyHandler) => {
      handler = fastifyHandler;
      return createServer(fastifyHandler);
    },
  });
  const servers = new Map<NodeName, Server>([['primary', app.server]]);
  const ports = new Map<NodeName, number>([['primary', options.port ?? 8445]]);
  if (options.secondaryPort !== undefined) {
    servers.set(
      'secondary',
      createServer((request, response) => handler?.(request, response)),
    );
    ports.set('secondary', options.secondaryPort);
  }

  const reasonCodes = createReasonCodeCatalog(options.reasonCodes);
  const users = createUserStore({ agents, reasonCodes, now });
  const primary = options.nodes?.primary ?? { host: 'localhost' };
  const secondary =
    options.nodes?.secondary ?? (servers.has('secondary') ? { host: primary.host } : undefined);
  const nodes = createNodeRegistry({ primary, secondary });
  const host = options.host ?? '127.0.0.1';
  const cluster = createNodeCluster({ registry: nodes, servers, ports, host });
  const hub = createNotificationHub((error) => app.log.warn({ err: error }, 'notification listener failed'));
  const xmppDomain = options.xmpp?.domain ?? options.xmppDomain ?? primary.host;
  const deploymentType = options.deploymentType ?? 'UCCE';
  const deployment: DeploymentConfig = {
    deploymentType,
    systemAuthMode: options.authMode ?? 'NON_SSO',
    xmppDomain,
    xmppPubSubDomain: `pubsub.${xmppDomain}`,
  };
  const release = { version: parseFinesseVersion(options.finesseVersion, 'finesseVersion') };
  const proxy = options.reverseProxy;
  checkFinesseModes({
    version: release.version,
    deploymentType,
    authMode: deployment.systemAuthMode,
    reverseProxy: Boolean(proxy?.mapUrls?.length || proxy?.allowedHosts?.length),
  });
  const calls = createCallEngine({ users, agents, deploymentType, now });
  const tokens = createSsoTokenStore({ now, accessTtlMs: options.ssoTokenTtlMs });
  const auth = createAuthenticator({
    users,
    mode: deployment.systemAuthMode,
    tokens,
    admin: options.admin ?? { login: 'admin', password: 'admin' },
  });
  const reverseProxy = createReverseProxy({ ...options.reverseProxy, now, log: app.log });
  const chatConfig = createChatConfigStore(options.desktopChat);
  const ctx: SimulatorContext = {
    agents,
    users,
    calls,
    reasonCodes,
    nodes,
    cluster,
    hub,
    auth,
    tokens,
    deployment,
    reverseProxy,
    release,
    chatConfig,
    now,
  };

  // Every user change becomes an `<Update>` on the user's node…
  users.on('change', ({ user, requestId }) => {
    const source = userUri(user.agent.id);
    hub.publish(
      source,
      updateXml({ data: userElement(user, reasonCodes, 'user'), event: 'PUT', requestId, source }),
    );
  });
  // …and every dialog change one on the user's Dialogs node (Cisco "Dialog Notification").
  calls.on('dialog', ({ userId, event, dialog, requestId }) =>
    hub.publish(userDialogsUri(userId), dialogUpdateXml({ userId, event, dialog, requestId })),
  );

  const allowedGadgetHosts = [
    new URL(chatServerUrl).host,
    new URL(gadgetUrl).host,
    ...(options.allowedGadgetHosts ?? []),
  ];
  const desktopConfig: DesktopConfig = {
    // Read per page: the version can change at run time (`/sim/api/finesse-version`).
    get productName() {
      return `Cisco Finesse ${FINESSE_RELEASE_NAMES[release.version]} (simulated)`;
    },
    locale: 'en_US',
    deployment,
    tabs: resolveLayout(options.layout, { gadgetUrl, allowedHosts: allowedGadgetHosts }),
  };
  const fetcher = createGadgetFetcher({
    allowedHosts: allowedGadgetHosts,
    fetch: options.fetch,
    cacheMs: options.gadgetCacheMs,
  });

  const chatGadget = new URL(gadgetUrl);
  chatGadget.hash = '';
  const isChatGadget = (specUrl: URL) => {
    const url = new URL(specUrl);
    url.hash = '';
    return url.href === chatGadget.href;
  };

  const reset = async (): Promise<void> => {
    calls.reset();
    users.reset();
    tokens.reset();
    await cluster.reset();
  };

  app.register(async (scope) => finesseRoutes(scope, ctx), { prefix: '/finesse/api' });
  app.register(
    async (scope) => {
      guardSimApi(scope, options.simApiToken); // loopback peers only, or SIM_API_TOKEN (simApiAccess.ts)
      simRoutes(scope, ctx, reset);
    },
    { prefix: '/sim/api' },
  );
  app.register(async (scope) => ssoRoutes(scope, ctx));
  app.register(async (scope) => notificationRoutes(scope, ctx));
  app.register(async (scope) =>
    containerRoutes(scope, {
      fetcher,
      scripts: createBrowserScripts(here('./container/runtime')),
      rewriters: [...reverseProxy.rewriters, ...(options.prefRewriters ?? [])],
      deployment,
      layoutPrefs: (mid, specUrl) => {
        const own = layoutPrefs(desktopConfig.tabs, mid, specUrl);
        // The desktop hands its Desktop Chat Server Settings to the chat gadget; a layout's own prefs win.
        return isChatGadget(specUrl) ? new Map([...chatConfig.prefs(), ...own]) : own;
      },
      externalUrl: reverseProxy.externalUrl,
      pageOrigin: reverseProxy.pageOrigin,
    }),
  );
  const makeRequestProxy = createMakeRequestProxy({
    allowedHosts: () => [...allowedGadgetHosts, ...(options.makeRequestHosts ?? [])],
    app,
    fetch: options.fetch,
    ...options.makeRequest,
  });
  app.register(async (scope) =>
    makeRequestRoutes(scope, {
      proxy: makeRequestProxy,
      pageAuthority: (request) => reverseProxy.pageOrigin(requestFacts(request.raw)).authority,
      ownPorts: () =>
        (['primary', 'secondary'] as const).flatMap((name) => {
          const url = cluster.url(name);
          return url ? [Number(new URL(url).port)] : [];
        }),
    }),
  );
  app.register(async (scope) => sampleRoutes(scope, here('./samples')));
  app.register(async (scope) =>
    desktopRoutes(scope, {
      finesseJsPath: options.finesseJsPath,
      config: desktopConfig,
      desktopScripts: createBrowserScripts(here('./desktop')),
      finesseScripts: createBrowserScripts(here('./desktop/finesse')),
      stylesheet: here('./desktop/desktop.css'),
      finesseVersion: () => release.version,
    }),
  );

  let publisher: XmppPublisher | undefined;

  return {
    app,
    users,
    calls,
    nodes: cluster,
    hub,
    reverseProxy,
    finesseVersion: () => release.version,
    chatConfig,
    async listen() {
      await app.ready();
      await reverseProxy.start(); // the first map poll is done before the first request arrives
      await cluster.listen();
      if (options.xmpp) {
        publisher = attachXmppPublisher(hub, {
          ...options.xmpp,
          pubsubDomain: deployment.xmppPubSubDomain,
          nodes: agents.flatMap((agent) => userNodes(agent.id)),
          onError: (error) => app.log.warn({ err: error }, 'XMPP publisher'),
        });
        await publisher.ready;
      }
      return { url: cluster.url('primary') ?? '', secondaryUrl: cluster.url('secondary') };
    },
    async close() {
      reverseProxy.close();
      await publisher?.close();
      await app.close(); // ends the notification streams first (preClose)
      await cluster.close();
    },
    setNodeUp: (name, up) => cluster.set(name, { up }),
    reset,
  };
}

/** Creates and starts a simulator (port 0 for a free one); for `scripts/start.ts` and e2e tests. */
export async function startSimulator(
  options: SimulatorOptions = {},
): Promise<Simulator & { url: string; secondaryUrl: string | undefined }> {
  const simulator = createSimulator(options);
  const urls = await simulator.listen();
  return { ...simulator, ...urls };
}
