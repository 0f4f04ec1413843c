/**
 * The composition root of the chat server, read top to bottom: configuration files, the HTTP and
 * socket edges, the core (storage → domain events → chat log → routing → chats), the socket edge
 * that delivers the core's events, then the features in order, then the core's own routes. Each part
 * is created from the parts above it; nothing is used before it exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'socket.io';
import { createRevocations } from './auth/revocations.ts';
import { createTokenSigner, loadTokenSecret } from './auth/tokens.ts';
import type { ServerConfig } from './config.ts';
import { createChatLog } from './core/chatLog.ts';
import { createChatPublisher } from './core/chatPublisher.ts';
import { createChatService } from './core/chatService.ts';
import { createDomainEvents } from './core/events.ts';
import { mountFeatures, type Core, type Feature } from './core/feature.ts';
import { createFinesseCluster } from './core/finesseCluster.ts';
import { createRouter, type Router } from './core/routing/router.ts';
import { createRoutingModel } from './core/routing/routingConfig.ts';
import { localRouting } from './core/routing/routingPort.ts';
import { createClusterRouting } from './cluster/clusterRouting.ts';
import { connectRedis } from './cluster/redisClients.ts';
import { resyncAfterRedisOutage } from './cluster/resyncAfterOutage.ts';
import { createNodeQuestions } from './cluster/nodeQuestions.ts';
import { NO_OTHER_NODES_TO_ASK } from './core/otherNodes.ts';
import { createRedisPresence } from './cluster/redisPresence.ts';
import { NO_OTHER_NODES } from './features/presence/sharedPresence.ts';
import { createAdapter } from '@socket.io/redis-adapter';
import { securePrivateDataDir } from './core/storage/privateFiles.ts';
import { openStorage } from './core/storage/openStorage.ts';
import { createSummaries } from './core/summaries.ts';
import { collaborationFeature } from './features/collaboration/collaborationFeature.ts';
import { conversationFeature } from './features/conversation/conversationFeature.ts';
import type { MailTransport } from './features/conversation/mailTransport.ts';
import { loadCannedMessages } from './features/desk/cannedMessages.ts';
import { deskFeature } from './features/desk/deskFeature.ts';
import { directoryFeature } from './features/directory/directoryFeature.ts';
import { filesFeature } from './features/files/filesFeature.ts';
import { finesseSyncFeature } from './features/finesseSync/finesseSyncFeature.ts';
import { presenceFeature, type PresenceOptions } from './features/presence/presenceFeature.ts';
import { receiptsFeature } from './features/receipts/receiptsFeature.ts';
import { supervisionFeature } from './features/supervision/supervision.ts';
import { createTeamAccess } from './features/supervision/teamAccess.ts';
import { createGadgetXml } from './http/gadgetXml.ts';
import { createHttpApp } from './http/httpApp.ts';
import { createMetrics } from './http/metrics.ts';
import { registerMetricsRoute } from './http/metricsRoute.ts';
import { createOriginPolicy } from './http/origins.ts';
import { createReadiness, registerHealthProbes, type Readiness } from './http/readiness.ts';
import { registerRoutes } from './http/routes.ts';
import { registerSessionEndRoutes } from './http/sessionEnd.ts';
import { registerStaticFiles } from './http/staticFiles.ts';
import { createProxyTrust } from './http/trustedProxies.ts';
import { createRefusals } from './limits/refusals.ts';
import { createSocketGuard } from './limits/socketGuard.ts';
import { loadQueueFile, queuesNamedIn } from './queueFile.ts';
import { createSocketEdge } from './sockets/namespaces.ts';
import { createSocketServer } from './sockets/socketServer.ts';

export { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from './http/httpApp.ts';

export interface ChatServer {
  listen(): Promise<{ url: string; port: number }>;
  /**
   * A graceful stop: readiness fails, no new connections, every socket ends at the transport (its
   * client reconnects, to another node behind a load balancer, and resyncs its chats), then what
   * is in flight commits and storage closes. main.ts bounds it with SHUTDOWN_GRACE_S.
   */
  close(): Promise<void>;
  readonly io: Server;
  /** What `GET /health/ready` answers from (it fails from the first moment of close()). */
  readonly readiness: Pick<Readiness, 'probe'>;
  /** Whether this node runs routing now: always on one node; with several, while it holds the lease. */
  routingLeader(): boolean;
  /** The router's state where it runs (tests, diagnostics); null on a node that does not lead. */
  routingInspect(): ReturnType<Router['inspect']> | null;
}

export interface ChatServerOptions {
  /** Where the JSON log lines go (default stdout); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Sends transcript emails (default: MAIL_TRANSPORT, which logs them in the demo). */
  mailTransport?: MailTransport;
  /** How often waiting chats' wait estimates are refreshed (default 10 s; tests go faster). */
  waitRefreshMs?: number;
  /** Several nodes: how often waiting customers are watched again (default 30 s; tests go faster). */
  abandonSweepMs?: number;
  /** Grace periods before a customer or an agent counts as gone (defaults in presenceFeature.ts; tests go faster). */
  presence?: PresenceOptions;
}

export async function createChatServer(
  config: ServerConfig,
  options: ChatServerOptions = {},
): Promise<ChatServer> {
  // Configuration files first: a mistake in one stops the start with its path, before anything opens.
  const version = (
    JSON.parse(readFileSync(join(config.rootDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const queueFile = loadQueueFile({ json: config.queuesJson, file: config.queuesFile });
  const cannedMessages = loadCannedMessages(config.cannedMessagesFile);

  // Edges: HTTP and socket.io on one port. Both Finesse nodes' desktops (and the reverse proxy's
  // external origins) host the gadget, the subscriber's too after a failover.
  const proxies = createProxyTrust(config.trustedProxies);
  const origins = createOriginPolicy(config.finesseUrl, [
    ...(config.finesseSecondaryUrl ? [config.finesseSecondaryUrl] : []),
    ...config.proxyOrigins,
    ...config.allowedOrigins,
  ]);
  const app = await createHttpApp(config, { proxies, origins, logStream: options.logStream });
  const io = createSocketServer(app.server, { origins, proxies, log: app.log });

  // The core. DATA_DIR and what is in it are the server's user's alone (docs/security.md).
  securePrivateDataDir(config.dataDir);
  const storage = await openStorage(config, app.log);
  const tokenSecret = loadTokenSecret(config.tokenSecret, config.dataDir);
  // Signed-out tokens are refused until they expire (server/auth/revocations.ts).
  const revocations = createRevocations({ store: storage.revocations, log: app.log });
  await revocations.start();
  const tokens = createTokenSigner(tokenSecret, Date.now, (jti) => revocations.has(jti));
  const refusals = createRefusals(app.log);
  const events = createDomainEvents(app.log);
  const chatLog = createChatLog({ storage, events });
  const routing = createRoutingModel(queueFile);
  const newRouter = () =>
    createRouter({
      storage,
      events,
      routing,
      postJoined: (chatId, agentName) => chatLog.postEvent(chatId, 'agent-joined', agentName),
      offerTimeoutMs: config.offerTimeoutMs,
      maxChatsPerAgent: config.maxChatsPerAgent,
      blending: {
        notReadyReasonLabel: config.blendingReasonLabel,
        ...(config.blendingReasonCodeId ? { notReadyReasonCodeId: config.blendingReasonCodeId } : {}),
      },
      log: app.log,
    });
  // Several nodes (REDIS_URL): socket.io's rooms span them all, and one node at a time leads
  // routing while the others send it their routing calls (server/cluster/clusterRouting.ts).
  const redis = config.redisUrl ? connectRedis(config.redisUrl, app.log) : null;
  if (redis) io.adapter(createAdapter(redis.adapterPublisher, redis.adapterSubscriber));
  const cluster = redis
    ? await createClusterRouting({
        clients: redis,
        nodeId: config.nodeId,
        createRouter: newRouter,
        storage,
        log: app.log,
      })
    : null;
  const single = cluster ? null : await newRouter();
  const router = cluster ?? localRouting(single as Router);
  const questions = redis
    ? await createNodeQuestions({ clients: redis, nodeId: config.nodeId, log: app.log })
    : null;
  const summaries = createSummaries({ storage, router });
  // The queue's label (queue settings), so the agent sees the queue by name in their language.
  summaries.extend((chat) => {
    const label = routing.queue(chat.queue).label;
    return label === undefined ? {} : { queueLabel: label };
  });
  const publisher = createChatPublisher({ summaries, chatLog, events, log: app.log });
  const knownQueues = new Set([config.defaultQueue, ...config.transferQueues, ...queuesNamedIn(queueFile)]);
  const chats = createChatService({
    storage,
    router,
    chatLog,
    summaries,
    publisher,
    events,
    defaultQueue: config.defaultQueue,
    isKnownQueue: (queue) => knownQueues.has(queue),
  });
  // Publisher/subscriber failover: routing halts while no Finesse node answers SystemInfo.
  const finesse = createFinesseCluster({
    primaryUrl: config.finesseUrl,
    secondaryUrl: config.finesseSecondaryUrl,
    pollMs: config.finessePollMs,
    timeoutMs: config.finesseTimeoutMs,
    onAvailability: (available) => events.emit('finesseAvailability', { available }),
    log: app.log,
  });

  // Operations: readiness (storage now; a shared bus joins it when there is one) and the metrics.
  const readiness = createReadiness();
  readiness.add('storage', () => storage.ping());
  if (redis) readiness.add('redis', () => redis.ping());
  const metrics = createMetrics({
    io,
    router,
    events,
    refusals,
    finesseNode: () => finesse.activeNode(),
    pingStorage: () => storage.ping(),
    ...(redis && cluster
      ? { cluster: { pingRedis: () => redis.ping(), leading: () => cluster.leading() } }
      : {}),
  });

  // The socket edge: the core's socket events, and its domain events delivered to the rooms they concern.
  const sockets = createSocketEdge({
    io,
    tokens,
    chats,
    router,
    events,
    guard: createSocketGuard({
      limits: config.limits,
      refusals,
      clientAddress: (socket) => proxies.clientAddress(socket.request),
    }),
    log: app.log,
    voiceFromGadget: config.finesseSync === 'gadget',
    clustered: redis !== null,
    timeRequest: metrics.timeRequest,
  });
  revocations.onRevoke((jti) => sockets.sessionRevoked(jti));
  if (redis) {
    resyncAfterRedisOutage({
      clients: redis,
      namespaces: [sockets.customers, sockets.agents],
      chatsOf: (who) => chats.list(who),
      log: app.log,
    });
  }
  const core: Core = {
    ...{ config, storage, events, chatLog, routing, router, chats, summaries, publisher, tokens, refusals },
    log: app.log,
    notify: sockets.notify,
    teams: createTeamAccess(storage.chats),
    otherNodes: questions ?? NO_OTHER_NODES_TO_ASK,
    sharedPresence: redis
      ? createRedisPresence({ clients: redis, nodeId: config.nodeId, log: app.log })
      : NO_OTHER_NODES,
  };

  // Features, in order.
  const features: Feature[] = [
    receiptsFeature(core),
    presenceFeature(
      core,
      options.presence ?? {
        customerGraceMs: config.presenceGraceMs.customer,
        agentGraceMs: config.presenceGraceMs.agent,
      },
    ),
    filesFeature(core, tokenSecret),
    await collaborationFeature(core),
    supervisionFeature(core, sockets),
    await conversationFeature(core, {
      queueFile,
      mailTransport: options.mailTransport,
      waitRefreshMs: options.waitRefreshMs,
      abandonSweepMs: options.abandonSweepMs,
    }),
    deskFeature(core, cannedMessages),
    directoryFeature(core),
    ...(config.finesseSync === 'server' ? [finesseSyncFeature(core, finesse)] : []),
  ];
  await mountFeatures(features, { core, sockets, app });

  // The core's own routes, the operations routes, then the apps' files.
  registerRoutes(app, {
    config,
    storage,
    tokens,
    refusals,
    proxies,
    events,
    finesseUrl: () => finesse.activeUrl(),
    voiceSync: config.finesseSync,
    ...(cluster ? { cluster: { nodeId: config.nodeId, leading: () => cluster.leading() } } : {}),
    gadgetXml: createGadgetXml(
      config.rootDir,
      config.chatHostPort,
      `localhost:${config.port}`,
      config.desktopChatPrefs,
    ),
    version,
  });
  registerSessionEndRoutes(app, { tokens, revocations });
  registerHealthProbes(app, readiness);
  registerMetricsRoute(app, { metrics, token: config.metricsToken });
  await registerStaticFiles(app, config);

  // The graceful stop of close(). A second close() (a signal during a stop) waits for the first.
  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    readiness.drain();
    finesse.stop();
    // socket.io's close stops the listener and ends each socket's transport: the client sees a
    // "transport close" and reconnects by itself (https://socket.io/docs/v4/client-socket-instance/#disconnect).
    // Disconnect handlers run now, while the router and the features can still hear them.
    await new Promise<void>((resolve) => void io.close(() => resolve()));
    // Requests already received finish; their writes go into storage before it closes.
    await sockets.settled();
    await router.close();
    revocations.close();
    for (const feature of [...features].reverse()) await feature.close?.();
    await app.close();
    // Commits what is in flight (the open commit group) before the database closes.
    await storage.close();
    questions?.close();
    await redis?.close();
  }

  return {
    io,
    readiness,
    routingLeader: () => cluster?.leading() ?? true,
    routingInspect: () => (cluster ? cluster.leaderRouter() : single)?.inspect() ?? null,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      finesse.start();
      cluster?.start();
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      return { url: `http://${host}:${port}`, port };
    },
    close() {
      stopping ??= stop();
      return stopping;
    },
  };
}
