/**
 * Attachments' metadata (table `files`), joined to its `file` message by (chat, client id), both
 * unique within a chat. The bytes are kept on disk by the files feature (server/features/files).
 */
import type { DatabaseSync } from 'node:sqlite';
import { toFileRecord, type FileRow } from '../rows.ts';
import type { FileRecord, FileStore } from '../storage.ts';
import type { GroupCommit } from './groupCommit.ts';

export function createFilesTable(db: DatabaseSync, group: GroupCommit, now: () => number): FileStore {
  const q = {
    get: db.prepare('SELECT * FROM files WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO files (id, chat_id, client_id, uploader_role, uploader_id, name, size, type, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    remove: db.prepare('DELETE FROM files WHERE id = ?'),
    // (chat_id, client_id) is unique, so its index serves the per-chat sum.
    usage: db.prepare('SELECT COUNT(*) AS count, IFNULL(SUM(size), 0) AS bytes FROM files WHERE chat_id = ?'),
    // Through the customer's chats (indexed by customer), not a scan of every file.
    uploadedBy: db.prepare(
      `SELECT COUNT(*) AS count, MIN(f.created_at) AS oldestAt FROM chats c JOIN files f ON f.chat_id = c.id
       WHERE c.customer_id = ?1 AND f.uploader_role = 'customer' AND f.uploader_id = ?1 AND f.created_at > ?2`,
    ),
  };

  return {
    insert: (record) =>
      group.write((): FileRecord => {
        const createdAt = now();
        q.insert.run(
          record.id,
          record.chatId,
          record.clientId,
          record.uploader.role,
          record.uploader.id,
          record.name,
          record.size,
          record.type,
          createdAt,
        );
        return { ...record, createdAt };
      }),
    get: (id) =>
      group.read((): FileRecord | null => {
        const row = q.get.get(id) as FileRow | undefined;
        return row ? toFileRecord(row) : null;
      }),
    remove: (id) =>
      group.write(() => {
        q.remove.run(id);
      }),
    usage: (chatId) =>
      group.read(() => {
        const row = q.usage.get(chatId) as { count: number; bytes: number };
        return { count: row.count, bytes: row.bytes };
      }),
    uploadedBy: (customerId, since) =>
      group.read(() => {
        const row = q.uploadedBy.get(customerId, since) as { count: number; oldestAt: number | null };
        return { count: row.count, oldestAt: row.oldestAt };
      }),
  };
}
