/**
 * Our side's receipts (sdk/core/receipts.ts): `delivered` moves when messages of others reach this
 * client, `read` when the app says the person saw them (`markRead`, called while the chat is on
 * screen and the window has focus). Only a watermark above what the server already told us is sent,
 * once per connection; a report that fails (or is lost with a connection) is forgotten, so the next
 * flush — at the latest after the reconnect — sends it again.
 */
import type { ChatView } from './chatTypes.ts';
import type { ChatReceipts, ReceiptPayload, ReceiptWatermarks } from './protocol.ts';
import { NO_WATERMARKS, type ReceiptSide } from './receipts.ts';

export interface ClientReceiptsOptions {
  side: ReceiptSide;
  view(chatId: string): ChatView | undefined;
  isSelf(message: ChatView['messages'][number]): boolean;
  canSend(): boolean;
  /** `chat:receipt` with an ack: resolves with the chat's receipts as the server holds them. */
  send(payload: ReceiptPayload): Promise<ChatReceipts>;
  /** The server's answer, to merge into the chat's view. */
  apply(chatId: string, receipts: ChatReceipts): void;
}

/** The highest seq up to `upTo` of a message that someone else wrote (our own need no receipt from us). */
function latestFromOthers(view: ChatView, upTo: number, isSelf: ClientReceiptsOptions['isSelf']): number {
  for (let i = view.messages.length - 1; i >= 0; i--) {
    const message = view.messages[i];
    if (!message || message.seq === null || message.seq > upTo) continue;
    if (!isSelf(message)) return message.seq;
  }
  return 0;
}

export function createClientReceipts(options: ClientReceiptsOptions) {
  /** What this client has received and shown, per chat. */
  const local = new Map<string, ReceiptWatermarks>();
  /** What went out on this connection, so that a burst of messages sends one notice each, not more. */
  const sent = new Map<string, ReceiptWatermarks>();

  function raise(chatId: string, patch: Partial<ReceiptWatermarks>): void {
    const current = local.get(chatId) ?? NO_WATERMARKS;
    const read = Math.max(current.read, patch.read ?? 0);
    const delivered = Math.max(current.delivered, patch.delivered ?? 0, read);
    if (read !== current.read || delivered !== current.delivered) local.set(chatId, { delivered, read });
  }

  function flush(chatId: string): void {
    const view = options.view(chatId);
    const mine = local.get(chatId);
    if (!view || !mine || !options.canSend()) return;
    const known = view.receipts[options.side];
    const already = sent.get(chatId) ?? NO_WATERMARKS;
    const payload: ReceiptPayload = { chatId };
    if (mine.delivered > Math.max(known.delivered, already.delivered)) payload.delivered = mine.delivered;
    if (mine.read > Math.max(known.read, already.read)) payload.read = mine.read;
    if (payload.delivered === undefined && payload.read === undefined) return;
    const mark = {
      delivered: Math.max(already.delivered, payload.delivered ?? 0),
      read: Math.max(already.read, payload.read ?? 0),
    };
    sent.set(chatId, mark);
    options.send(payload).then(
      (receipts) => options.apply(chatId, receipts),
      () => {
        // Not stored: forget that it went out, so that the next flush tries again.
        if (sent.get(chatId) === mark) sent.delete(chatId);
      },
    );
  }

  return {
    /** Messages were placed in a chat's view (live or from a sync): they reached this client. */
    received(chatId: string): void {
      const view = options.view(chatId);
      if (!view) return;
      raise(chatId, { delivered: latestFromOthers(view, view.lastSeq, options.isSelf) });
      flush(chatId);
    },

    /** The person saw the chat up to `upTo` (default: everything held). */
    read(chatId: string, upTo?: number): void {
      const view = options.view(chatId);
      if (!view) return;
      const seq = latestFromOthers(view, Math.min(upTo ?? view.lastSeq, view.lastSeq), options.isSelf);
      raise(chatId, { read: seq });
      flush(chatId);
    },

    /** A new connection: nothing has been sent on it yet. */
    connected(): void {
      sent.clear();
    },

    flushAll(): void {
      for (const chatId of local.keys()) flush(chatId);
    },

    forget(chatId: string): void {
      local.delete(chatId);
      sent.delete(chatId);
    },
  };
}

export type ClientReceipts = ReturnType<typeof createClientReceipts>;
