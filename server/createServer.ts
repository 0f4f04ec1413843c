/**
 * The composition root of the chat server: Fastify and socket.io on one port, SQLite storage,
 * routing, and the `/customer` and `/agent` namespaces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cors from '@fastify/cors';
import Fastify from 'fastify';
import { Server } from 'socket.io';
import { createTokenSigner, loadTokenSecret } from './auth/tokens.ts';
import { createChatService, type ChatService } from './chatService.ts';
import { createCommunicationServer } from './finesse/communicationServer.ts';
import { createFinesseCluster } from './finesse/finesseCluster.ts';
import { subscribeToFinesse } from './finesse/xmppSubscription.ts';
import type { ServerConfig } from './config.ts';
import { createGadgetXml } from './http/gadgetXml.ts';
import { createOriginPolicy } from './http/origins.ts';
import { registerRoutes } from './http/routes.ts';
import { registerStaticFiles } from './http/staticFiles.ts';
import { createRouter, type Router } from './routing/router.ts';
import { createNamespaces } from './sockets/namespaces.ts';
import { createChatStore } from './store/chatStore.ts';
import { openDatabase } from './store/database.ts';

export interface ChatServer {
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  readonly io: Server;
}

/** socket.io pings every 25 s and waits 20 s; proxies must allow idle connections longer than that. */
const PING_INTERVAL_MS = 25_000;
const PING_TIMEOUT_MS = 20_000;

export interface ChatServerOptions {
  /** Where the JSON log lines go (default stdout); tests read them. */
  logStream?: NodeJS.WritableStream;
}

export async function createChatServer(
  config: ServerConfig,
  options: ChatServerOptions = {},
): Promise<ChatServer> {
  const version = (
    JSON.parse(readFileSync(join(config.rootDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 64 * 1024,
    trustProxy: false,
  });
  const db = openDatabase(config.dbPath);
  const store = createChatStore(db);
  const tokens = createTokenSigner(loadTokenSecret(config.tokenSecret, config.dataDir));
  // Both Finesse nodes' desktops host the gadget: the subscriber's too, after a failover.
  const origins = createOriginPolicy(config.finesseUrl, [
    ...(config.finesseSecondaryUrl ? [config.finesseSecondaryUrl] : []),
    ...config.allowedOrigins,
  ]);

  await app.register(cors, {
    origin: (origin, callback) =>
      callback(null, origin === undefined ? false : origins.allows(origin, undefined)),
    methods: ['GET', 'POST'],
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
  });

  const io = new Server(app.server, {
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    cors: { origin: (origin, callback) => callback(null, origins.allows(origin, undefined)) },
    allowRequest: (request, callback) => {
      const allowed = origins.allows(request.headers.origin, request.headers.host);
      if (!allowed)
        app.log.warn({ origin: request.headers.origin }, 'socket handshake from a foreign origin refused');
      callback(null, allowed);
    },
  });

  const namespaces = createNamespaces(io);
  // The service and the router call each other; the router is bound once both exist.
  const bound: { router?: Router } = {};
  const service: ChatService = createChatService({
    store,
    fanout: namespaces.fanout,
    defaultQueue: config.defaultQueue,
    router: () => bound.router as Router,
  });
  const finesse = createFinesseCluster({
    primaryUrl: config.finesseUrl,
    secondaryUrl: config.finesseSecondaryUrl,
    pollMs: config.finessePollMs,
    timeoutMs: config.finesseTimeoutMs,
    onAvailability: (available) => router.setFinesseAvailable(available),
    log: app.log,
  });
  // `server` sync: this server follows voice state and applies blending's voice changes itself.
  const communication =
    config.finesseSync === 'server'
      ? createCommunicationServer({
          finesseUrl: () => finesse.activeUrl(),
          timeoutMs: config.finesseTimeoutMs,
          subscribe: config.finesseXmpp ? subscribeToFinesse(config.finesseXmpp, app.log) : null,
          reportVoice: (agentId, voice) => router.reportVoice(agentId, voice),
          resyncMs: config.finesseResyncMs,
          log: app.log,
        })
      : null;
  const notifier = namespaces.routerNotifier(() => service);
  const router = createRouter({
    store,
    notifier: communication
      ? {
          ...notifier,
          voiceAction: (agentId, action) =>
            void communication
              .apply(agentId, action)
              .catch((error: unknown) =>
                app.log.warn({ err: error, agentId }, 'voice change for blending failed'),
              ),
        }
      : notifier,
    offerTimeoutMs: config.offerTimeoutMs,
    maxChatsPerAgent: config.maxChatsPerAgent,
    blending: {
      notReadyReasonLabel: config.blendingReasonLabel,
      ...(config.blendingReasonCodeId ? { notReadyReasonCodeId: config.blendingReasonCodeId } : {}),
    },
    postEvent: (chatId, event, text) => service.postEvent(chatId, event, text),
    log: app.log,
  });
  bound.router = router;
  namespaces.attach({
    tokens,
    service,
    router,
    log: app.log,
    voiceFromGadget: config.finesseSync === 'gadget',
  });

  const fallbackHostPort = `localhost:${config.port}`;
  registerRoutes(app, {
    config,
    db,
    store,
    tokens,
    finesseUrl: () => finesse.activeUrl(),
    voiceSync: config.finesseSync,
    onAgentSignedIn: (agentId, authorization) => communication?.track(agentId, authorization),
    gadgetXml: createGadgetXml(config.rootDir, config.chatHostPort, fallbackHostPort),
    version,
  });
  await registerStaticFiles(app, config);

  return {
    io,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      finesse.start();
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      return { url: `http://${host}:${port}`, port };
    },
    async close() {
      finesse.stop();
      communication?.stop();
      router.close();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await app.close();
      db.close();
    },
  };
}
