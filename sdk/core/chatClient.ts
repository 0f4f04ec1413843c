/**
 * The chat client: a participant's chats over an injected transport, with the guarantees of
 * delivery without loss (README.md, "The SDK"): an outbox with client ids and retries, per-chat `seq`
 * with gap fill, and a full resync after every (re)connect. Its state is a chain of immutable
 * snapshots, so `useSyncExternalStore(client.subscribe, client.getState)` renders it as is.
 * Its API and options are in `chatClientTypes.ts`.
 */
import { backoffDelay } from './backoff.ts';
import { createChatStore } from './chatStore.ts';
import { createChatSync } from './chatSync.ts';
import { createClientFiles } from './clientFiles.ts';
import { createClientReceipts } from './clientReceipts.ts';
import type { ChatClient, ChatClientOptions } from './chatClientTypes.ts';
import type {
  ChatClientEvents,
  ChatClientState,
  ConnectionStatus,
  LocalMessage,
  TransportName,
} from './chatTypes.ts';
import { appendPending, setDelivery, setReceipts, setTypingList, setUploaded } from './chatView.ts';
import { Emitter } from './emitter.ts';
import { HybridChatError } from './errors.ts';
import { createOutbox } from './outbox.ts';
import {
  LIMITS,
  type ChatMessage,
  type ChatSummary,
  type ParticipantRef,
  type ReceiptNotice,
  type TypingNotice,
} from './protocol.ts';
import { createReconnectPacing } from './reconnectPacing.ts';
import { createRemoteTyping, createTypingSender } from './typing.ts';
import { uuid } from './uuid.ts';

export type { ChatClient, ChatClientOptions, NetworkStatus } from './chatClientTypes.ts';

const TYPING_REPEAT_MS = 2000;

export function createChatClient(options: ChatClientOptions): ChatClient {
  const { transport, self } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const backoff = { baseMs: 500, maxMs: 15_000, ...options.retry, random: options.random };
  const onError = options.onError ?? ((error: unknown) => console.error('[hybrid-chat]', error));
  const createId = options.createId ?? (() => uuid());
  const now = options.now ?? Date.now;
  // Mapped so that the interface fits the emitter's `Record<string, unknown>` constraint.
  const events = new Emitter<{ [K in keyof ChatClientEvents]: ChatClientEvents[K] }>(onError);
  const store = createChatStore(onError);
  const chats = () => store.getState().chats;

  /** What the transport told us; the published status also says `offline` while the network is down. */
  let connection: ConnectionStatus = 'idle';
  let networkOnline = options.network?.online ?? true;
  /** Bumped on every connect, drop and close, so that late answers of an old connection do nothing. */
  let generation = 0;
  /** Resynced since the last connect: only then may the outbox send. */
  let ready = false;
  let detach: Array<() => void> = [];

  const isSelf = (ref: ParticipantRef) => ref.role === self.role && ref.id === self.id;

  function setConnection(next: ConnectionStatus, patch: Partial<ChatClientState> = {}): void {
    connection = next;
    const status = next === 'idle' || next === 'closed' || networkOnline ? next : 'offline';
    const changed = status !== store.getState().status;
    store.set({ ...patch, status });
    if (changed) events.emit('status', status);
  }

  function report(error: unknown, isConnectionProblem = false): void {
    const problem =
      error instanceof HybridChatError
        ? error
        : new HybridChatError('INTERNAL', String(error), { cause: error });
    if (isConnectionProblem) store.set({ lastError: problem });
    events.emit('error', problem);
  }

  const outbox = createOutbox({
    send: (message) =>
      transport
        .request(
          'message:send',
          { chatId: message.chatId, clientId: message.clientId, text: message.text },
          ackTimeoutMs,
        )
        .then((data) => data.message),
    canSend: () => ready && transport.connected,
    retryDelay: (attempt) => backoffDelay(attempt, backoff),
    onAcked: (message) => applyMessages(message.chatId, [message], true),
    onRefused: (message, error) => {
      store.updateView(message.chatId, (view) =>
        setDelivery(view, message.clientId, 'failed', error.message),
      );
      events.emit('error', error);
    },
    onChange: (messages) => options.outboxStore?.save(messages),
  });
  // What waited when the page went away: pending again, shown once its chat is tracked (upsertChat).
  for (const message of options.outboxStore?.load() ?? []) if (isSelf(message.from)) outbox.add(message);

  const chatSync = createChatSync({
    request: (chatId, afterSeq) => transport.request('chat:sync', { chatId, afterSeq }, ackTimeoutMs),
    lastSeq: (chatId) => chats()[chatId]?.lastSeq,
    apply: (result, announce) => {
      upsertChat(result.chat);
      applyMessages(result.chat.id, result.messages, announce);
    },
    canSync: () => transport.connected && connection === 'online',
    retryDelay: (attempt) => backoffDelay(attempt, backoff),
    report,
  });

  const typingSender = createTypingSender({
    send: (chatId, typing) => transport.notify('chat:typing', { chatId, typing }),
    idleMs: options.typingIdleMs ?? 4000,
    repeatMs: TYPING_REPEAT_MS,
    now,
  });

  const remoteTyping = createRemoteTyping({
    ttlMs: options.remoteTypingTtlMs ?? 6000,
    onChange: (chatId, typing) => store.updateView(chatId, (view) => setTypingList(view, typing)),
  });

  const receipts = createClientReceipts({
    side: self.role === 'customer' ? 'customer' : 'agent',
    view: (chatId) => chats()[chatId],
    isSelf: (message) => isSelf(message.from),
    canSend: () => ready && transport.connected,
    send: (payload) => transport.request('chat:receipt', payload, ackTimeoutMs).then((data) => data.receipts),
    apply: (chatId, known) => store.updateView(chatId, (view) => setReceipts(view, known)),
  });

  const files = createClientFiles({
    port: options.files,
    self,
    maxBytes: options.maxFileBytes ?? LIMITS.fileBytes,
    createId,
    now,
    addPending: (message) => store.updateView(message.chatId, (view) => appendPending(view, message)),
    progress: (chatId, clientId, uploaded) =>
      store.updateView(chatId, (view) => setUploaded(view, clientId, uploaded)),
    setState: (chatId, clientId, state) =>
      store.updateView(chatId, (view) =>
        state === 'pending'
          ? setDelivery(view, clientId, 'pending')
          : setDelivery(view, clientId, 'failed', state.message, state.code),
      ),
    stored: (message) => applyMessages(message.chatId, [message], true),
    report: (error) => events.emit('error', error),
  });

  function upsertChat(chat: ChatSummary): boolean {
    const outcome = store.upsert(chat);
    if (outcome === 'new') {
      for (const message of outbox.pending(chat.id)) {
        store.updateView(chat.id, (view) =>
          view.messages.some((held) => held.clientId === message.clientId)
            ? view
            : appendPending(view, message),
        );
      }
    }
    // Watermarks only grow: take them even from a summary that is otherwise stale.
    if (chat.receipts) store.updateView(chat.id, (view) => setReceipts(view, chat.receipts ?? {}));
    if (outcome === 'unchanged') return false;
    if (chat.status === 'ended') remoteTyping.clear(chat.id);
    events.emit('chatUpdate', chat);
    return outcome === 'new';
  }

  /** `announce`: emit `message` for newly placed messages of others (not for the history of a chat just tracked). */
  function applyMessages(chatId: string, messages: readonly ChatMessage[], announce: boolean): void {
    if (!chats()[chatId] || messages.length === 0) return;
    // The server has these, whatever our outbox thought.
    for (const message of messages) outbox.remove(chatId, message.clientId);
    const result = store.receive(chatId, messages);
    if (!result) return;
    const incoming = new Set(messages);
    for (const message of result.placed) {
      if (isSelf(message.from)) continue;
      remoteTyping.set(chatId, message.from, false);
      // One that waited past a gap arrived live, even if a history sync is what let it through.
      if (announce || !incoming.has(message)) events.emit('message', message);
    }
    if (result.placed.length > 0) receipts.received(chatId);
    if (result.gap) void chatSync.resync(chatId);
  }

  /** After every connect: learn the open chats, fill the gaps, then send what waited. */
  async function rehydrate(gen: number): Promise<void> {
    try {
      const { chats: open } = await transport.request('chat:list', {}, ackTimeoutMs);
      if (gen !== generation) return;
      for (const chat of open) upsertChat(chat);
    } catch (error) {
      if (gen !== generation) return;
      report(error); // still resync the chats we know
    }
    const toSync = Object.values(chats()).filter(
      (view) => !(view.chat.status === 'ended' && view.lastSeq >= view.chat.lastSeq),
    );
    await Promise.all(toSync.map((view) => chatSync.resync(view.chat.id)));
    if (gen !== generation) return;
    ready = true;
    outbox.flush();
    receipts.connected();
    receipts.flushAll();
  }

  function stopActivity(): void {
    generation++;
    ready = false;
    outbox.pause();
    chatSync.reset();
    typingSender.reset();
    remoteTyping.clear();
  }

  /** Our own reconnects, for refusals the transport does not retry (e.g. RATE_LIMITED). */
  const reconnects = createReconnectPacing({
    reconnect: () => {
      if (connection !== 'closed' && !transport.active) transport.connect();
    },
    retryDelay: (attempt) => backoffDelay(attempt, backoff),
    now,
  });

  const on = {
    connect({ transport: name }: { transport: TransportName | null }) {
      generation++;
      ready = false;
      reconnects.connected();
      setConnection('online', { transport: name, lastError: null });
      void rehydrate(generation);
    },
    disconnect({ reason, willReconnect }: { reason: string; willReconnect: boolean }) {
      stopActivity();
      report(new HybridChatError('DISCONNECTED', `disconnected: ${reason}`), true);
      // The server cut us off (a flood, server/limits/socketGuard.ts): socket.io does not come back
      // by itself, but the outbox still holds messages. The handshake says how long to wait.
      const cutOff = !willReconnect && reason === 'io server disconnect';
      setConnection(willReconnect || cutOff ? 'reconnecting' : 'offline');
      if (cutOff) reconnects.later();
    },
    connectError(error: HybridChatError) {
      report(error, true);
      if (transport.active) return; // socket.io keeps trying by itself
      if (error.retryable) {
        reconnects.later(error.retryAfterMs);
        setConnection(connection === 'connecting' ? 'connecting' : 'reconnecting');
      } else {
        setConnection('offline'); // e.g. UNAUTHORIZED: the app decides (new token, then connect())
      }
    },
    network(online: boolean) {
      networkOnline = online;
      setConnection(connection);
      const held = reconnects.held();
      if (online && connection !== 'idle' && connection !== 'closed' && !transport.active && !held) {
        reconnects.cancel();
        transport.connect();
      }
    },
    typing(notice: TypingNotice) {
      if (!isSelf(notice.from) && chats()[notice.chatId]) {
        remoteTyping.set(notice.chatId, notice.from, notice.typing);
      }
    },
  };

  function attach(): void {
    if (detach.length > 0) return;
    detach = [
      transport.on('connect', on.connect),
      transport.on('disconnect', on.disconnect),
      transport.on('connectError', on.connectError),
      transport.on('transport', (name) => store.set({ transport: name })),
      transport.on('chat:message', (message) => applyMessages(message.chatId, [message], true)),
      transport.on('chat:update', (chat) => {
        // A summary ahead of what arrived means messages were lost on the way (a server's
        // pub/sub outage): fill the gap as after a reconnect.
        const behind = (chats()[chat.id]?.lastSeq ?? 0) < chat.lastSeq;
        if ((upsertChat(chat) || behind) && chat.lastSeq > 0) void chatSync.resync(chat.id);
      }),
      transport.on('chat:typing', on.typing),
      transport.on('chat:receipt', (notice: ReceiptNotice) =>
        store.updateView(notice.chatId, (view) =>
          setReceipts(view, { [notice.side]: { delivered: notice.delivered, read: notice.read } }),
        ),
      ),
    ];
    if (options.network) detach.push(options.network.subscribe(on.network));
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    on: (event, listener) => events.on(event, listener),

    connect() {
      if (connection !== 'idle' && connection !== 'closed' && connection !== 'offline') return;
      attach();
      if (transport.connected) return on.connect({ transport: transport.transportName });
      setConnection(connection === 'offline' ? 'reconnecting' : 'connecting');
      reconnects.cancel();
      transport.connect();
    },

    close() {
      if (connection === 'closed') return;
      stopActivity();
      reconnects.cancel();
      for (const off of detach) off();
      detach = [];
      transport.close();
      setConnection('closed', { transport: null });
    },

    track(chat, messages = []) {
      upsertChat(chat);
      applyMessages(chat.id, messages, false);
      const view = chats()[chat.id];
      if (ready && view && view.lastSeq < chat.lastSeq) void chatSync.resync(chat.id);
    },

    forget(chatId) {
      if (!chats()[chatId]) return;
      outbox.removeChat(chatId);
      typingSender.stop(chatId);
      remoteTyping.clear(chatId);
      chatSync.forget(chatId);
      files.forgetChat(chatId);
      receipts.forget(chatId);
      store.remove(chatId);
    },

    send(chatId, text) {
      if (!chats()[chatId]) throw new HybridChatError('NOT_FOUND', `chat ${chatId} is not tracked`);
      if (text.trim() === '') throw new HybridChatError('BAD_REQUEST', 'empty message');
      if (text.length > LIMITS.messageText) {
        throw new HybridChatError('TOO_LARGE', `message longer than ${LIMITS.messageText} characters`);
      }
      const message: LocalMessage = {
        chatId,
        seq: null,
        clientId: createId(),
        from: self,
        kind: 'text',
        text,
        sentAt: now(),
        delivery: 'pending',
      };
      typingSender.stop(chatId);
      store.updateView(chatId, (view) => appendPending(view, message));
      outbox.add(message);
      return message;
    },

    retry(chatId, clientId) {
      if (files.retry(chatId, clientId)) return;
      const message = chats()[chatId]?.messages.find(
        (local) => local.clientId === clientId && local.delivery === 'failed',
      );
      if (!message) return;
      store.updateView(chatId, (view) => setDelivery(view, clientId, 'pending'));
      outbox.add({ ...message, delivery: 'pending' });
    },

    setTyping(chatId, typing = true) {
      if (!typing) return typingSender.stop(chatId);
      const view = chats()[chatId];
      if (view && view.chat.status !== 'ended' && transport.connected) typingSender.input(chatId);
    },

    async end(chatId) {
      const { chat } = await transport.request('chat:end', { chatId }, ackTimeoutMs);
      upsertChat(chat);
      return chats()[chat.id]?.chat ?? chat;
    },

    sync: (chatId) => chatSync.sync(chatId),

    sendFile(chatId, file, name) {
      if (!chats()[chatId]) {
        return Promise.reject(new HybridChatError('NOT_FOUND', `chat ${chatId} is not tracked`));
      }
      return files.send(chatId, file, name ?? (file as Partial<File>).name ?? 'file');
    },

    fileUrl: (chatId, fileId) => files.link(chatId, fileId),

    markRead: (chatId, upTo) => receipts.read(chatId, upTo),
  };
}
