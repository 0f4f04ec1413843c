/**
 * Delivered/read receipts as watermarks: per chat and side, the highest `seq` that side's client
 * has received (`delivered`) and shown to a person (`read`). Watermarks only grow, so merging any
 * two reports (live, from a resync, late, twice) is taking the maximum: cheap, idempotent and
 * order-free, which is what survives reconnects. Reading implies delivery.
 */
import type { ChatReceipts, ParticipantRole, ReceiptWatermarks } from './protocol.ts';

export type ReceiptSide = keyof ChatReceipts;

export const NO_WATERMARKS: ReceiptWatermarks = Object.freeze({ delivered: 0, read: 0 });
export const NO_RECEIPTS: ChatReceipts = Object.freeze({ customer: NO_WATERMARKS, agent: NO_WATERMARKS });

/** How far one of our own messages has got with the other side. */
export type ReceiptStatus = 'sent' | 'delivered' | 'read';

/** The side whose receipts a viewer of `role` sees on their own messages. */
export function otherSide(role: ParticipantRole): ReceiptSide {
  return role === 'customer' ? 'agent' : 'customer';
}

export function normalizeWatermarks(marks: ReceiptWatermarks): ReceiptWatermarks {
  return marks.delivered >= marks.read ? marks : { delivered: marks.read, read: marks.read };
}

/** The larger of two watermarks, field by field; `a` itself when `b` adds nothing. */
export function mergeWatermarks(a: ReceiptWatermarks, b: ReceiptWatermarks): ReceiptWatermarks {
  const read = Math.max(a.read, b.read);
  const delivered = Math.max(a.delivered, b.delivered, read);
  return delivered === a.delivered && read === a.read ? a : { delivered, read };
}

/** Both sides merged; `a` itself when `b` adds nothing (so views re-render only on news). */
export function mergeReceipts(a: ChatReceipts, b: Partial<ChatReceipts>): ChatReceipts {
  const customer = b.customer ? mergeWatermarks(a.customer, b.customer) : a.customer;
  const agent = b.agent ? mergeWatermarks(a.agent, b.agent) : a.agent;
  return customer === a.customer && agent === a.agent ? a : { customer, agent };
}

export function receiptStatus(seq: number, marks: ReceiptWatermarks): ReceiptStatus {
  if (marks.read >= seq) return 'read';
  if (marks.delivered >= seq) return 'delivered';
  return 'sent';
}
