/**
 * Pure updates of one `ChatView`: placing server messages by `seq`, holding the ones that arrive
 * after a gap, and swapping our pending copies for the server's. Every function returns a new
 * view when something changed and the same object when nothing did, so that subscribers of the
 * client (React's useSyncExternalStore) re-render only on real changes.
 */
import type { ChatView, LocalMessage } from './chatTypes.ts';
import type { ChatMessage, ChatReceipts, ChatSummary, ParticipantRef } from './protocol.ts';
import { mergeReceipts, NO_RECEIPTS } from './receipts.ts';

export function createChatView(chat: ChatSummary): ChatView {
  return {
    chat,
    messages: [],
    lastSeq: 0,
    typing: [],
    receipts: mergeReceipts(NO_RECEIPTS, chat.receipts ?? {}),
  };
}

export interface ReceiveResult {
  view: ChatView;
  /** Messages past a gap, waiting for the ones before them. */
  held: ReadonlyMap<number, ChatMessage>;
  /** Messages shown for the first time, in `seq` order (our own pending copies excluded). */
  placed: ChatMessage[];
  /** Something between `lastSeq` and a known later message is missing: resync. */
  gap: boolean;
}

const toLocal = (message: ChatMessage): LocalMessage => ({ ...message, delivery: 'sent' });

function insertBySeq(acked: LocalMessage[], message: LocalMessage): LocalMessage[] {
  const seq = message.seq ?? 0;
  const index = acked.findIndex((other) => (other.seq ?? 0) > seq);
  return index < 0 ? [...acked, message] : [...acked.slice(0, index), message, ...acked.slice(index)];
}

/**
 * Applies server messages (live, from a sync, or an ack). A message with a `clientId` of one of our
 * unacked messages replaces it in place of the pending copy and is shown at once even past a gap
 * (it was already on screen); other messages past a gap are held until the gap is filled.
 */
export function receiveMessages(
  view: ChatView,
  held: ReadonlyMap<number, ChatMessage>,
  incoming: readonly ChatMessage[],
): ReceiveResult {
  let acked = view.messages.filter((message) => message.seq !== null);
  let unacked = view.messages.filter((message) => message.seq === null);
  const seqs = new Set(acked.map((message) => message.seq));
  const nextHeld = new Map(held);
  let changed = false;

  for (const message of incoming) {
    if (message.chatId !== view.chat.id) continue;
    // The server dedups on (chat, clientId), so a clientId names one message within a chat.
    const own = unacked.findIndex((local) => local.clientId === message.clientId);
    if (own >= 0) {
      unacked = unacked.filter((_, index) => index !== own);
      changed = true;
    }
    if (seqs.has(message.seq) || message.seq <= view.lastSeq) continue;
    if (own >= 0) {
      nextHeld.delete(message.seq);
      acked = insertBySeq(acked, toLocal(message));
      seqs.add(message.seq);
    } else if (!nextHeld.has(message.seq)) {
      nextHeld.set(message.seq, message);
    }
  }

  let lastSeq = view.lastSeq;
  const placed: ChatMessage[] = [];
  for (;;) {
    const next = lastSeq + 1;
    const waiting = nextHeld.get(next);
    if (waiting) {
      nextHeld.delete(next);
      acked = insertBySeq(acked, toLocal(waiting));
      seqs.add(next);
      placed.push(waiting);
    } else if (!seqs.has(next)) {
      break;
    }
    lastSeq = next;
  }

  const highestShown = acked.at(-1)?.seq ?? 0;
  const gap = nextHeld.size > 0 || highestShown > lastSeq;
  if (!changed && placed.length === 0 && lastSeq === view.lastSeq) {
    return { view, held: nextHeld, placed, gap };
  }
  return { view: { ...view, messages: [...acked, ...unacked], lastSeq }, held: nextHeld, placed, gap };
}

/** Adds a message we just wrote: after every acked one, after earlier pending ones. */
export function appendPending(view: ChatView, message: LocalMessage): ChatView {
  return { ...view, messages: [...view.messages, message] };
}

/** Changes the delivery of one of our unacked messages (pending ↔ failed). */
export function setDelivery(
  view: ChatView,
  clientId: string,
  delivery: 'pending' | 'failed',
  error?: string,
  errorCode?: LocalMessage['errorCode'],
): ChatView {
  return updatePending(view, clientId, (current) => {
    const { error: _previous, errorCode: _code, ...rest } = current;
    const updated: LocalMessage = error === undefined ? { ...rest, delivery } : { ...rest, delivery, error };
    return errorCode === undefined ? updated : { ...updated, errorCode };
  });
}

/** Bytes of a pending upload sent so far. */
export function setUploaded(view: ChatView, clientId: string, uploaded: number): ChatView {
  return updatePending(view, clientId, (current) =>
    current.uploaded === uploaded ? current : { ...current, uploaded },
  );
}

function updatePending(
  view: ChatView,
  clientId: string,
  update: (m: LocalMessage) => LocalMessage,
): ChatView {
  const index = view.messages.findIndex((message) => message.seq === null && message.clientId === clientId);
  const current = view.messages[index];
  if (!current) return view;
  const updated = update(current);
  if (updated === current) return view;
  return { ...view, messages: view.messages.map((message, i) => (i === index ? updated : message)) };
}

/** Takes watermarks from the server (a notice or a summary); the view is unchanged when they add nothing. */
export function setReceipts(view: ChatView, receipts: Partial<ChatReceipts>): ChatView {
  const merged = mergeReceipts(view.receipts, receipts);
  return merged === view.receipts ? view : { ...view, receipts: merged };
}

export function setSummary(view: ChatView, chat: ChatSummary): ChatView {
  return view.chat === chat ? view : { ...view, chat };
}

export function setTypingList(view: ChatView, typing: ParticipantRef[]): ChatView {
  if (typing.length === view.typing.length && typing.every((ref, i) => ref === view.typing[i])) return view;
  return { ...view, typing };
}
