/**
 * The server side of the fake: chats, per-chat `seq`, dedup on (chat, clientId) and the answers of
 * the chat events, with the same rules and error codes as server/core/chatService.ts (a chat that is not
 * yours is NOT_FOUND, writing to an ended chat is a CONFLICT unless it is a retry of a stored message).
 */
import { HybridChatError } from '../core/errors.ts';
import { parsePayload } from '../core/protocolSchemas.ts';
import type {
  ChatMessage,
  ChatSummary,
  ParticipantRef,
  ReceiptNotice,
  TypingNotice,
} from '../core/protocol.ts';
import { mergeReceipts, NO_RECEIPTS } from '../core/receipts.ts';

export interface FakeChatInit {
  id?: string;
  customer: { id: string; name: string };
  agent?: { id: string; name: string } | null;
  status?: ChatSummary['status'];
  queue?: string;
}

export interface FakeChatStore {
  createChat(init: FakeChatInit): ChatSummary;
  /** A copy of the chat as the server holds it. */
  chat(chatId: string): ChatSummary;
  /** Copies of the stored messages, by `seq`. */
  messages(chatId: string): ChatMessage[];
}

interface StoreInternals extends FakeChatStore {
  isParticipant(chat: ChatSummary, who: ParticipantRef): boolean;
  /** Answers one request (throws a HybridChatError as the server would answer `ok: false`). */
  handle(who: ParticipantRef, event: string, payload: unknown): unknown;
  /** Stores a message (or returns the one stored with this clientId) and fans it out. */
  store(chatId: string, message: Pick<ChatMessage, 'from' | 'text'> & Partial<ChatMessage>): ChatMessage;
  update(chatId: string, patch: Partial<ChatSummary>): ChatSummary;
}

type FanOut = (
  chat: ChatSummary,
  event: 'chat:message' | 'chat:update' | 'chat:typing' | 'chat:receipt',
  payload: unknown,
  sender?: ParticipantRef,
) => void;

const SYSTEM: ParticipantRef = { role: 'system', id: 'system', name: 'System' };

export function createFakeChatStore(options: { syncPageSize?: number; fanOut: FanOut }): StoreInternals {
  const chats = new Map<string, { summary: ChatSummary; messages: ChatMessage[] }>();
  const starts = new Map<string, string>();
  let nextChat = 1;
  let nextClientId = 1;
  // A made-up clock keeps test snapshots stable; order comes from `seq`, not from time.
  let clock = 1_700_000_000_000;
  const now = () => clock++;

  function get(chatId: string) {
    const chat = chats.get(chatId);
    if (!chat) throw new HybridChatError('NOT_FOUND', `no chat ${chatId}`);
    return chat;
  }

  function own(who: ParticipantRef, chatId: string) {
    const chat = chats.get(chatId);
    if (!chat || !isParticipant(chat.summary, who)) throw new HybridChatError('NOT_FOUND', 'no such chat');
    return chat;
  }

  function isParticipant(chat: ChatSummary, who: ParticipantRef): boolean {
    if (who.role === 'customer') return chat.customer.id === who.id;
    return who.role === 'agent' && chat.agent?.id === who.id;
  }

  function store(
    chatId: string,
    input: Pick<ChatMessage, 'from' | 'text'> & Partial<ChatMessage>,
  ): ChatMessage {
    const chat = get(chatId);
    const clientId = input.clientId ?? `fake-${nextClientId++}`;
    const stored = chat.messages.find((message) => message.clientId === clientId);
    if (stored) return stored;
    const seq = chat.summary.lastSeq + 1;
    const message: ChatMessage = { kind: 'text', sentAt: now(), ...input, chatId, seq, clientId };
    chat.messages.push(message);
    chat.summary = { ...chat.summary, lastSeq: seq };
    // Stored first, fanned out after: a message anyone saw is never lost by a crash.
    options.fanOut(chat.summary, 'chat:message', message, message.from);
    return message;
  }

  function update(chatId: string, patch: Partial<ChatSummary>): ChatSummary {
    const chat = get(chatId);
    chat.summary = { ...chat.summary, ...patch, id: chatId };
    options.fanOut(chat.summary, 'chat:update', chat.summary);
    return chat.summary;
  }

  function createChat(init: FakeChatInit): ChatSummary {
    const id = init.id ?? `chat-${nextChat++}`;
    const agent = init.agent ?? null;
    const status = init.status ?? (agent ? 'active' : 'queued');
    const summary: ChatSummary = {
      id,
      status,
      queue: init.queue ?? 'default',
      customer: init.customer,
      agent,
      preChat: {},
      createdAt: now(),
      acceptedAt: agent ? now() : null,
      endedAt: null,
      endedBy: null,
      lastSeq: 0,
      queuePosition: status === 'queued' ? 1 : null,
    };
    chats.set(id, { summary, messages: [] });
    return structuredClone(summary);
  }

  function handle(who: ParticipantRef, event: string, raw: unknown): unknown {
    switch (event) {
      case 'message:send': {
        const payload = validate('message:send', raw);
        const chat = own(who, payload.chatId);
        const stored = chat.messages.find((message) => message.clientId === payload.clientId);
        if (stored) return { message: stored };
        if (chat.summary.status === 'ended') throw new HybridChatError('CONFLICT', 'this chat has ended');
        return {
          message: store(payload.chatId, { from: who, text: payload.text, clientId: payload.clientId }),
        };
      }
      case 'chat:sync': {
        const payload = validate('chat:sync', raw);
        const chat = own(who, payload.chatId);
        const after = chat.messages.filter((message) => message.seq > payload.afterSeq);
        return { chat: chat.summary, messages: after.slice(0, options.syncPageSize ?? after.length) };
      }
      case 'chat:list':
        validate('chat:list', raw);
        return {
          chats: [...chats.values()]
            .map((chat) => chat.summary)
            .filter((summary) => isParticipant(summary, who) && summary.status !== 'ended'),
        };
      case 'chat:end': {
        const payload = validate('chat:end', raw);
        const chat = own(who, payload.chatId);
        if (chat.summary.status !== 'ended') {
          chat.summary = { ...chat.summary, status: 'ended', endedAt: now(), endedBy: who.role };
          const event = who.role === 'customer' ? 'customer-left' : 'ended';
          store(payload.chatId, { from: SYSTEM, text: who.name, kind: 'event', event });
          options.fanOut(chat.summary, 'chat:update', chat.summary);
        }
        return { chat: chat.summary };
      }
      case 'chat:typing': {
        const payload = validate('chat:typing', raw);
        const chat = own(who, payload.chatId);
        const notice: TypingNotice = { chatId: payload.chatId, from: who, typing: payload.typing };
        options.fanOut(chat.summary, 'chat:typing', notice, who);
        return undefined;
      }
      case 'chat:receipt': {
        // As server/features/receipts: watermarks of the sender's side only grow and never pass lastSeq.
        const payload = validate('chat:receipt', raw);
        const chat = own(who, payload.chatId);
        const side = who.role === 'customer' ? 'customer' : 'agent';
        const last = chat.summary.lastSeq;
        const before = chat.summary.receipts ?? NO_RECEIPTS;
        const after = mergeReceipts(before, {
          [side]: {
            delivered: Math.min(payload.delivered ?? 0, last),
            read: Math.min(payload.read ?? 0, last),
          },
        });
        if (after === before) return { receipts: before };
        chat.summary = { ...chat.summary, receipts: after };
        const notice: ReceiptNotice = { chatId: payload.chatId, side, ...after[side] };
        options.fanOut(chat.summary, 'chat:receipt', notice);
        return { receipts: after };
      }
      case 'chat:start': {
        const payload = validate('chat:start', raw);
        if (who.role !== 'customer') throw new HybridChatError('FORBIDDEN', 'only customers start chats');
        const started = starts.get(payload.clientId); // a retried start is the same chat
        if (started) return { chat: get(started).summary };
        const chat = createChat({ customer: { id: who.id, name: who.name }, queue: payload.queue });
        starts.set(payload.clientId, chat.id);
        return { chat };
      }
      default:
        throw new HybridChatError('BAD_REQUEST', `unknown event ${event}`);
    }
  }

  return {
    createChat,
    chat: (chatId) => structuredClone(get(chatId).summary),
    messages: (chatId) => structuredClone(get(chatId).messages),
    isParticipant,
    handle,
    store,
    update,
  };
}

/** The server's validation, with its mapping of PROTOCOL to BAD_REQUEST (server/sockets/handlers.ts). */
function validate<K extends Parameters<typeof parsePayload>[0]>(name: K, raw: unknown) {
  try {
    return parsePayload(name, raw);
  } catch (error) {
    if (error instanceof HybridChatError) throw new HybridChatError('BAD_REQUEST', error.message);
    throw error;
  }
}
