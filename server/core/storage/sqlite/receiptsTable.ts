/**
 * Delivered/read watermarks per chat and side (table `receipts`, sdk/core/receipts.ts). An update
 * only ever raises them (MAX in the upsert), so a late or repeated report is harmless.
 */
import type { DatabaseSync } from 'node:sqlite';
import { NO_RECEIPTS, type ReceiptSide } from '../../../../sdk/core/receipts.ts';
import { toWatermarks, type ReceiptRow } from '../rows.ts';
import type { ReceiptStore } from '../storage.ts';
import type { GroupCommit } from './groupCommit.ts';
import { rowsOf } from './rows.ts';

export function createReceiptsTable(db: DatabaseSync, group: GroupCommit, now: () => number): ReceiptStore {
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
    get: (chatId) =>
      group.read(() => {
        const receipts = { ...NO_RECEIPTS };
        for (const row of rowsOf<ReceiptRow & { side: ReceiptSide }>(q.get.all(chatId))) {
          receipts[row.side] = toWatermarks(row);
        }
        return receipts;
      }),
    raise: (chatId, side, marks) =>
      group.write(() => {
        const row = q.raise.get(chatId, side, marks.delivered, marks.read, now()) as ReceiptRow | undefined;
        return row ? toWatermarks(row) : null;
      }),
  };
}
