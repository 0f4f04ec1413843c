/**
 * The widget conversation on the server: per-queue pre-chat fields and business hours,
 * leave-a-message, the live wait estimate, the transcript (download and email), CSAT, and the end of
 * abandoned waiting chats. It checks every `chat:start`, adds the estimate and the rating to chat
 * summaries, counts customers' connections, and serves its HTTP routes.
 */
import type { Core, Feature } from '../../core/feature.ts';
import type { QueueFile } from '../../queueFile.ts';
import { createAbandonWatch } from './abandonWatch.ts';
import { createAdmission } from './admission.ts';
import { createLogMailTransport, type MailTransport } from './mailTransport.ts';
import { registerOfflineRoutes } from './offlineRoutes.ts';
import { createQueueDirectory } from './queueSettings.ts';
import { registerRatingRoutes } from './ratingRoutes.ts';
import { registerTranscriptRoutes } from './transcriptRoutes.ts';
import { createWaitAnnouncer } from './waitAnnouncer.ts';
import { createWaitEstimator } from './waitEstimator.ts';
import { registerWidgetConfigRoute } from './widgetConfigRoute.ts';

export interface ConversationOptions {
  queueFile: QueueFile;
  /** Replaces the configured transport (MAIL_TRANSPORT): a deployment's own, or a test's. */
  mailTransport?: MailTransport | undefined;
  /** How often waiting chats' estimates are looked at again (default 10 s). */
  waitRefreshMs?: number | undefined;
  /**
   * Several nodes: how often every waiting customer is watched again (default 30 s), so that the
   * customers of a node that is gone are abandoned by the others after the grace.
   */
  abandonSweepMs?: number | undefined;
}

export async function conversationFeature(core: Core, options: ConversationOptions): Promise<Feature> {
  const { config, storage, router, log } = core;
  const queues = createQueueDirectory({ queueFile: options.queueFile, whenUnstaffed: config.whenUnstaffed });
  const estimator = createWaitEstimator({ history: (queue) => storage.conversation.history(queue) });
  const mail = options.mailTransport ?? (config.mailTransport === 'log' ? createLogMailTransport(log) : null);
  const admission = createAdmission({
    queues,
    defaultQueue: config.defaultQueue,
    staffed: (queue) => router.staffed(queue),
  });
  const changed = (chatId: string) => core.events.emit('chatChanged', { chatId });
  const publish = (chatId: string) => core.publisher.publish(chatId);

  const watch = createAbandonWatch({
    graceMs: config.waitingAbandonS * 1000,
    waitingChats: async (customerId) =>
      (await storage.chats.ofCustomer(customerId, Number.MAX_SAFE_INTEGER))
        .filter((chat) => chat.status === 'queued' || chat.status === 'offered')
        .map((chat) => ({ id: chat.id, customerName: chat.customer.name })),
    connectedElsewhere: (customerId) => core.sharedPresence.elsewhere('customer', customerId),
    endChat: (customerId, name, chatId) => core.chats.end({ role: 'customer', id: customerId, name }, chatId),
    log,
  });
  // Customers waiting across a restart get the same grace as those who just left.
  const watchWaiting = async () => {
    for (const waiting of await storage.chats.waiting()) watch.watch(waiting.chat.customer.id);
  };
  await watchWaiting();
  // Several nodes: a customer whose node is gone is nobody's to watch but everyone's; those connected
  // to another node are left alone (connectedElsewhere).
  const sweeper = config.redisUrl
    ? setInterval(
        () =>
          void watchWaiting().catch((error: unknown) =>
            log.warn({ err: error }, 'waiting customers not watched'),
          ),
        options.abandonSweepMs ?? 30_000,
      )
    : null;
  sweeper?.unref?.();

  const announcer = createWaitAnnouncer({
    waitingChatIds: async () =>
      (await router.lines()).flatMap((line) => line.chats.map((chat) => chat.chatId)),
    estimate: async (chatId) => {
      const waiting = await router.waiting(chatId);
      return waiting
        ? estimator.estimate(
            waiting.queue,
            await router.queuePosition(chatId),
            await router.staffing(waiting.queue),
          )
        : null;
    },
    broadcast: changed,
    intervalMs: options.waitRefreshMs ?? 10_000,
  });
  announcer.start();

  return {
    name: 'conversation',
    /** The expected wait while waiting (per queue: its position and its agents), the rating once given. */
    async summary(chat, queuePosition) {
      const estimatedWait =
        queuePosition !== null
          ? await estimator.estimate(chat.queue, queuePosition, await router.staffing(chat.queue))
          : null;
      if (queuePosition !== null) announcer.sent(chat.id, estimatedWait);
      const rating = chat.status === 'ended' ? await storage.conversation.rating(chat.id) : null;
      return { ...(estimatedWait ? { estimatedWait } : {}), ...(rating ? { rating } : {}) };
    },
    admitStart: (who, payload) => admission.admitStart(who, payload),
    customerSocket(socket, who) {
      watch.connected(who.id);
      socket.on('disconnect', () => watch.disconnected(who.id));
    },
    routes(app) {
      const deps = {
        config,
        storage,
        tokens: core.tokens,
        queues,
        admission,
        // A new chat would come after every chat waiting in its queue now.
        replyEstimate: async (queue: string) =>
          estimator.estimate(
            queue,
            ((await router.lines()).find((line) => line.queue === queue)?.chats.length ?? 0) + 1,
            await router.staffing(queue),
          ),
        publish,
        summaries: core.summaries,
        mail,
        refusals: core.refusals,
        teams: core.teams,
        log,
      };
      registerWidgetConfigRoute(app, deps);
      registerOfflineRoutes(app, deps);
      registerTranscriptRoutes(app, deps);
      registerRatingRoutes(app, deps);
    },
    close() {
      announcer.stop();
      if (sweeper) clearInterval(sweeper);
      watch.close();
    },
  };
}
