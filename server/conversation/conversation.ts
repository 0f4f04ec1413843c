/**
 * The composition root of the widget conversation on the server (issue 5 "Conversation"):
 * per-queue pre-chat fields and business hours, leave-a-message, the live wait estimate, the
 * transcript (download and email), CSAT, and the end of abandoned waiting chats. createServer
 * wires it in three places: the chat summary (`describe`), the customer sockets (`admitStart`,
 * connection counts) and the HTTP routes.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ChatSummary, StartChatPayload } from '../../sdk/core/protocol.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import type { ChatService, Principal } from '../chatService.ts';
import type { ServerConfig } from '../config.ts';
import { createAbandonWatch, type AbandonWatch } from '../continuity/abandonWatch.ts';
import { createLogMailTransport, type MailTransport } from '../mail/mailTransport.ts';
import { registerOfflineRoutes } from '../offline/offlineRoutes.ts';
import { createAdmission, type Admission } from '../queues/admission.ts';
import { createQueueDirectory } from '../queues/queueSettings.ts';
import { registerWidgetConfigRoute } from '../queues/widgetConfigRoute.ts';
import type { Router } from '../routing/router.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import { createConversationStore } from '../store/conversationStore.ts';
import { registerTranscriptRoutes } from '../transcripts/transcriptRoutes.ts';
import { createWaitAnnouncer } from '../waiting/waitAnnouncer.ts';
import { createWaitEstimator } from '../waiting/waitEstimator.ts';
import { registerRatingRoutes } from './ratingRoutes.ts';

export interface ConversationOptions {
  config: ServerConfig;
  db: DatabaseSync;
  store: ChatStore;
  tokens: TokenSigner;
  log: FastifyBaseLogger;
  /** Replaces the configured transport (MAIL_TRANSPORT): a deployment's own, or a test's. */
  mailTransport?: MailTransport;
  /** How often waiting chats' estimates are looked at again (default 10 s). */
  waitRefreshMs?: number;
}

export function createConversation(options: ConversationOptions) {
  const { config, store, log } = options;
  const conversations = createConversationStore(options.db);
  const queues = createQueueDirectory({
    json: config.queuesJson,
    file: config.queuesFile,
    whenUnstaffed: config.whenUnstaffed,
  });
  const estimator = createWaitEstimator({ history: (queue) => conversations.history(queue) });
  const mail = options.mailTransport ?? (config.mailTransport === 'log' ? createLogMailTransport(log) : null);
  const bound: { router?: Router; service?: ChatService; admission?: Admission; watch?: AbandonWatch } = {};
  let stopAnnouncer = () => {};

  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('[hybrid-chat] conversation used before bind()');
    return value;
  };

  return {
    conversations,
    queues,

    /** Extra summary fields: the expected wait while waiting, the rating once given. */
    describe(chat: StoredChat, queuePosition: number | null): Partial<ChatSummary> {
      const router = bound.router;
      const estimatedWait =
        router && queuePosition !== null
          ? estimator.estimate(chat.queue, queuePosition, router.staffing())
          : null;
      const rating = chat.status === 'ended' ? conversations.rating(chat.id) : null;
      return { ...(estimatedWait ? { estimatedWait } : {}), ...(rating ? { rating } : {}) };
    },

    /** Once the router and the service exist (they need `describe` first). */
    bind(router: Router, service: ChatService): void {
      bound.router = router;
      bound.service = service;
      bound.admission = createAdmission({
        queues,
        defaultQueue: config.defaultQueue,
        staffedAgents: () => router.staffing().agents,
      });
      const watch = createAbandonWatch({
        graceMs: config.waitingAbandonS * 1000,
        waitingChats: (customerId) =>
          store
            .customerChats(customerId)
            .filter((chat) => chat.status === 'queued' || chat.status === 'offered')
            .map((chat) => ({ id: chat.id, customerName: chat.customer.name })),
        endChat: (customerId, name, chatId) =>
          service.end({ role: 'customer', id: customerId, name }, chatId),
        log,
      });
      bound.watch = watch;
      for (const chat of store.waitingChats()) watch.watch(chat.customer.id);
      const announcer = createWaitAnnouncer({
        waitingChatIds: () => store.waitingChats().map((chat) => chat.id),
        estimate: (chatId) => {
          const chat = store.getChat(chatId);
          return chat ? service.summary(chat).estimatedWait : null;
        },
        broadcast: (chatId) => service.broadcast(chatId),
        intervalMs: options.waitRefreshMs ?? 10_000,
      });
      announcer.start();
      stopAnnouncer = () => announcer.stop();
    },

    admitStart(who: Principal, payload: StartChatPayload): StartChatPayload {
      return need(bound.admission).admitStart(who, payload);
    },

    customerConnected(customerId: string): void {
      bound.watch?.connected(customerId);
    },
    customerDisconnected(customerId: string): void {
      bound.watch?.disconnected(customerId);
    },

    registerRoutes(app: FastifyInstance): void {
      const deps = {
        config,
        store,
        conversations,
        tokens: options.tokens,
        queues,
        get admission() {
          return need(bound.admission);
        },
        get service() {
          return need(bound.service);
        },
        mail,
        log,
      };
      registerWidgetConfigRoute(app, deps);
      registerOfflineRoutes(app, deps);
      registerTranscriptRoutes(app, deps);
      registerRatingRoutes(app, deps);
    },

    close(): void {
      stopAnnouncer();
      bound.watch?.close();
    },
  };
}

export type Conversation = ReturnType<typeof createConversation>;
