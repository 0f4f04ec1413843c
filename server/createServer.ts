/**
 * The composition root of the chat server: Fastify and socket.io on one port, SQLite storage,
 * routing, and the `/customer` and `/agent` namespaces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cors from '@fastify/cors';
import Fastify from 'fastify';
import { Server, type Namespace } from 'socket.io';
import { createTokenSigner, loadTokenSecret } from './auth/tokens.ts';
import { createChatService, type ChatService } from './chatService.ts';
import { createConversation } from './conversation/conversation.ts';
import { createCommunicationServer } from './finesse/communicationServer.ts';
import { createFinesseCluster } from './finesse/finesseCluster.ts';
import { subscribeToFinesse } from './finesse/xmppSubscription.ts';
import type { ServerConfig } from './config.ts';
import { createGadgetXml } from './http/gadgetXml.ts';
import { createOriginPolicy } from './http/origins.ts';
import { registerSecurityHeaders } from './http/securityHeaders.ts';
import { createProxyTrust } from './http/trustedProxies.ts';
import { registerRoutes } from './http/routes.ts';
import { registerStaticFiles } from './http/staticFiles.ts';
import { createRouter, type Router } from './routing/router.ts';
import { createSharing } from './sharing.ts';
import { createCollaborationFeature } from './collaboration/collaborationFeature.ts';
import { createNamespaces } from './sockets/namespaces.ts';
import { createForceTransfer } from './supervisor/forceTransfer.ts';
import { createSupervision } from './supervisor/supervision.ts';
import { createChatStore } from './store/chatStore.ts';
import { openDatabase } from './store/database.ts';
import type { MailTransport } from './mail/mailTransport.ts';
import { loadCannedMessages } from './canned/cannedMessages.ts';
import { registerCannedRoutes } from './canned/cannedRoutes.ts';
import { registerCustomerRoutes } from './customers/customerRoutes.ts';

export interface ChatServer {
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  readonly io: Server;
}

/**
 * Timeouts chosen to survive a reverse proxy (nginx defaults: proxy_read_timeout 60 s, upstream
 * keepalive_timeout 60 s; cloud load balancers idle out at 60 s too).
 * - socket.io pings every 25 s and waits 20 s for the pong: a WebSocket never idles longer than
 *   25 s, and a long-poll GET is held at most 25 s before the server answers it, so any proxy read
 *   or idle timeout above 45 s (the 60 s defaults) leaves connections alone, and a dead client is
 *   noticed within 45 s.
 * - HTTP keep-alive: the proxy reuses idle upstream connections for up to its keepalive timeout;
 *   if Node closed them first (its default is 5 s), a request sent on a connection Node is closing
 *   fails with a 502. So Node keeps them longer (65 s) than the proxy, and headersTimeout sits just
 *   above it (Node closes a connection that has not sent full headers within headersTimeout).
 */
const PING_INTERVAL_MS = 25_000;
const PING_TIMEOUT_MS = 20_000;
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
export const HEADERS_TIMEOUT_MS = 66_000;

export interface ChatServerOptions {
  /** Where the JSON log lines go (default stdout); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Sends transcript emails (default: MAIL_TRANSPORT, which logs them in the demo). */
  mailTransport?: MailTransport;
  /** How often waiting chats' wait estimates are refreshed (default 10 s; tests go faster). */
  waitRefreshMs?: number;
}

export async function createChatServer(
  config: ServerConfig,
  options: ChatServerOptions = {},
): Promise<ChatServer> {
  const version = (
    JSON.parse(readFileSync(join(config.rootDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const proxies = createProxyTrust(config.trustedProxies);
  // Read before anything opens: a mistake in the file stops the start with its path.
  const cannedMessages = loadCannedMessages(config.cannedMessagesFile);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 64 * 1024,
    // X-Forwarded-* only from TRUSTED_PROXIES: request.host/protocol/ip are then the browser's.
    trustProxy: proxies.fastify,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  });
  app.server.headersTimeout = HEADERS_TIMEOUT_MS;
  const db = openDatabase(config.dbPath);
  const store = createChatStore(db);
  const tokenSecret = loadTokenSecret(config.tokenSecret, config.dataDir);
  const tokens = createTokenSigner(tokenSecret);
  // Widget conversation: pre-chat settings, hours, leave-a-message, wait estimate, transcripts, CSAT.
  const conversation = createConversation({
    config,
    db,
    store,
    tokens,
    log: app.log,
    ...(options.mailTransport ? { mailTransport: options.mailTransport } : {}),
    ...(options.waitRefreshMs ? { waitRefreshMs: options.waitRefreshMs } : {}),
  });
  // Both Finesse nodes' desktops host the gadget: the subscriber's too, after a failover.
  const origins = createOriginPolicy(config.finesseUrl, [
    ...(config.finesseSecondaryUrl ? [config.finesseSecondaryUrl] : []),
    ...config.proxyOrigins,
    ...config.allowedOrigins,
  ]);

  await app.register(cors, {
    origin: (origin, callback) =>
      callback(null, origin === undefined ? false : origins.allows(origin, undefined)),
    methods: ['GET', 'POST'],
  });
  registerSecurityHeaders(app, {
    widget: config.widgetFrameAncestors,
    gadget: [config.finesseUrl, config.finesseSecondaryUrl, ...config.proxyOrigins]
      .filter((url): url is string => url !== undefined)
      .map((url) => new URL(url).origin),
  });

  const io = new Server(app.server, {
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    cors: { origin: (origin, callback) => callback(null, origins.allows(origin, undefined)) },
    allowRequest: (request, callback) => {
      // Same-origin as the browser saw it: the proxy's Host and scheme when a trusted proxy forwards.
      const allowed = origins.allows(
        request.headers.origin,
        proxies.host(request),
        proxies.forwardedProtocol(request),
      );
      if (!allowed)
        app.log.warn({ origin: request.headers.origin }, 'socket handshake from a foreign origin refused');
      callback(null, allowed);
    },
  });

  const namespaces = createNamespaces(io);
  // Transfer, consult/conference, whisper, wrap-up (server/collaboration).
  const collaboration = createCollaborationFeature({
    config,
    db,
    store,
    service: () => service,
    router: () => router,
    toAgents: namespaces.toAgents,
    // The supervisor module's monitor room (server/supervisor/supervision.ts).
    toMonitors: (chatId) => namespaces.agents.to(`monitor:${chatId}`),
    log: app.log,
  });
  namespaces.setChatMembers(collaboration.members);
  namespaces.onAgentConnection((socket, who) => collaboration.register(socket, who));
  // Supervisor team view, silent monitor, barge-in, forced transfer (server/supervisor).
  const supervision = createSupervision({
    agents: namespaces.agents as unknown as Namespace,
    store,
    router: () => router,
    service: () => service,
    log: app.log,
    transfer: createForceTransfer({
      db,
      store,
      router: () => router,
      service: () => service,
      agents: namespaces.agents as unknown as Namespace,
    }),
    queues: () => config.transferQueues,
  });
  // The namespace verified the token once; supervision reads its claims (role, teams) from there.
  namespaces.onAgentConnection((socket, _who, claims) => supervision.connected(socket, claims));
  const chatFanout = supervision.wrapFanout(namespaces.fanout);
  // Receipts and attachments (server/sharing.ts).
  const sharing = createSharing({
    config,
    db,
    store,
    tokens,
    tokenSecret,
    chatService: () => service,
    fanout: chatFanout,
    emitReceipt: (notice, chat) => namespaces.receipt(notice, chat),
  });
  // The service and the router call each other; the router is bound once both exist.
  const bound: { router?: Router } = {};
  const service: ChatService = createChatService({
    store,
    fanout: chatFanout,
    defaultQueue: config.defaultQueue,
    router: () => bound.router as Router,
    describe: (chat, queuePosition) => conversation.describe(chat, queuePosition),
    receipts: sharing.receipts,
    collaboration: () => collaboration.chatCollaboration,
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
  const notifier = supervision.wrapNotifier(namespaces.routerNotifier(() => service));
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
    holdAfterEnd: (chat) => collaboration.holdAfterEnd(chat),
    offerExtras: (chatId) => collaboration.offerExtras(chatId),
    offerAccepted: (chatId) => collaboration.offerAccepted(chatId),
    log: app.log,
  });
  bound.router = router;
  collaboration.bind();
  conversation.bind(router, service);
  namespaces.attach({
    tokens,
    service,
    router,
    log: app.log,
    voiceFromGadget: config.finesseSync === 'gadget',
    receipts: sharing.receiptService,
    customerHooks: {
      admitStart: (who, payload) => conversation.admitStart(who, payload),
      connected: (customerId) => conversation.customerConnected(customerId),
      disconnected: (customerId) => conversation.customerDisconnected(customerId),
    },
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
  conversation.registerRoutes(app);
  sharing.registerRoutes(app);
  // Agent desk (issue 6): canned messages and the customer panel.
  registerCannedRoutes(app, { tokens, messages: cannedMessages });
  registerCustomerRoutes(app, { db, store, tokens });
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
      collaboration.close();
      supervision.close();
      conversation.close();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await app.close();
      db.close();
    },
  };
}
