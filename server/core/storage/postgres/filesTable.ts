/**
 * Attachments' metadata (table `files`) on PostgreSQL, joined to its `file` message by (chat, client
 * id), both unique within a chat. The bytes are kept on disk by the files feature.
 */
import { toFileRecord, type FileRow } from '../rows.ts';
import type { FileRecord, FileStore } from '../storage.ts';
import type { Db } from './db.ts';

export function createFilesTable(db: Db, now: () => number): FileStore {
  return {
    insert: async (record) => {
      const createdAt = now();
      await db.run(
        `INSERT INTO files (id, chat_id, client_id, uploader_role, uploader_id, name, size, type, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          record.id,
          record.chatId,
          record.clientId,
          record.uploader.role,
          record.uploader.id,
          record.name,
          record.size,
          record.type,
          createdAt,
        ],
      );
      return { ...record, createdAt };
    },
    get: async (id): Promise<FileRecord | null> => {
      const row = await db.row<FileRow>('SELECT * FROM files WHERE id = $1', [id]);
      return row ? toFileRecord(row) : null;
    },
    remove: async (id) => {
      await db.run('DELETE FROM files WHERE id = $1', [id]);
    },
    usage: async (chatId) => {
      const row = await db.row<{ count: number; bytes: number }>(
        'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0)::bigint AS bytes FROM files WHERE chat_id = $1',
        [chatId],
      );
      return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 };
    },
    uploadedBy: async (customerId, since) => {
      const row = await db.row<{ count: number; oldest_at: number | null }>(
        `SELECT COUNT(*) AS count, MIN(f.created_at) AS oldest_at FROM chats c JOIN files f ON f.chat_id = c.id
         WHERE c.customer_id = $1 AND f.uploader_role = 'customer' AND f.uploader_id = $1 AND f.created_at > $2`,
        [customerId, since],
      );
      return { count: row?.count ?? 0, oldestAt: row?.oldest_at ?? null };
    },
  };
}
