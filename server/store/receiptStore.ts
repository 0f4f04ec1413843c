/**
 * Delivered/read watermarks per chat and side in SQLite (sdk/core/receipts.ts). An update only ever
 * raises them (MAX in the upsert), so a late or repeated report is harmless.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ChatReceipts, ReceiptWatermarks } from '../../sdk/core/protocol.ts';
import { NO_RECEIPTS, type ReceiptSide } from '../../sdk/core/receipts.ts';

interface ReceiptRow {
  side: ReceiptSide;
  delivered_seq: number;
  read_seq: number;
}

export function createReceiptStore(db: DatabaseSync, now: () => number = Date.now) {
  const q = {
    get: db.prepare('SELECT side, delivered_seq, read_seq FROM receipts WHERE chat_id = ?'),
    raise: db.prepare(
      `INSERT INTO receipts (chat_id, side, delivered_seq, read_seq, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (chat_id, side) DO UPDATE SET
         delivered_seq = MAX(delivered_seq, excluded.delivered_seq),
         read_seq = MAX(read_seq, excluded.read_seq),
         updated_at = excluded.updated_at
       WHERE excluded.delivered_seq > delivered_seq OR excluded.read_seq > read_seq
       RETURNING delivered_seq, read_seq`,
    ),
  };

  return {
    get(chatId: string): ChatReceipts {
      const rows = q.get.all(chatId) as unknown as ReceiptRow[];
      const receipts = { ...NO_RECEIPTS };
      for (const row of rows) receipts[row.side] = { delivered: row.delivered_seq, read: row.read_seq };
      return receipts;
    },

    /** Raises a side's watermarks; the new ones when anything moved, else null. */
    raise(chatId: string, side: ReceiptSide, marks: ReceiptWatermarks): ReceiptWatermarks | null {
      const row = q.raise.get(chatId, side, marks.delivered, marks.read, now()) as
        { delivered_seq: number; read_seq: number } | undefined;
      return row ? { delivered: row.delivered_seq, read: row.read_seq } : null;
    },
  };
}

export type ReceiptStore = ReturnType<typeof createReceiptStore>;
