/**
 * Delivered/read watermarks per chat and side (table `receipts`, sdk/core/receipts.ts) on
 * PostgreSQL. An update only ever raises them (GREATEST in the upsert, which PostgreSQL applies to
 * the row as locked by INSERT … ON CONFLICT), so a late or repeated report is harmless.
 */
import { NO_RECEIPTS, type ReceiptSide } from '../../../../sdk/core/receipts.ts';
import { toWatermarks, type ReceiptRow } from '../rows.ts';
import type { ReceiptStore } from '../storage.ts';
import type { Db } from './db.ts';

export function createReceiptsTable(db: Db, now: () => number): ReceiptStore {
  return {
    get: async (chatId) => {
      const receipts = { ...NO_RECEIPTS };
      const rows = await db.rows<ReceiptRow & { side: ReceiptSide }>(
        'SELECT side, delivered_seq, read_seq FROM receipts WHERE chat_id = $1',
        [chatId],
      );
      for (const row of rows) receipts[row.side] = toWatermarks(row);
      return receipts;
    },
    raise: async (chatId, side, marks) => {
      const row = await db.row<ReceiptRow>(
        `INSERT INTO receipts AS r (chat_id, side, delivered_seq, read_seq, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (chat_id, side) DO UPDATE SET
           delivered_seq = GREATEST(r.delivered_seq, excluded.delivered_seq),
           read_seq = GREATEST(r.read_seq, excluded.read_seq),
           updated_at = excluded.updated_at
         WHERE excluded.delivered_seq > r.delivered_seq OR excluded.read_seq > r.read_seq
         RETURNING delivered_seq, read_seq`,
        [chatId, side, marks.delivered, marks.read, now()],
      );
      return row ? toWatermarks(row) : null;
    },
  };
}
