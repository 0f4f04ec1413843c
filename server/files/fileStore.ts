/**
 * Attachments at rest: metadata in SQLite (`files`, joined to its `file` message by chat and client
 * id) and the bytes in DATA_DIR/files/<id>, where the id is random and checked against a strict
 * pattern before it ever becomes a path. The client's file name is only a display name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { FileInfo, ParticipantRole } from '../../sdk/core/protocol.ts';

export interface FileRecord extends FileInfo {
  chatId: string;
  clientId: string;
  uploader: { role: ParticipantRole; id: string };
  createdAt: number;
}

interface FileRow {
  id: string;
  chat_id: string;
  client_id: string;
  uploader_role: ParticipantRole;
  uploader_id: string;
  name: string;
  size: number;
  type: FileInfo['type'];
  created_at: number;
}

const ID = /^[A-Za-z0-9_-]{24}$/;

export function createFileStore(db: DatabaseSync, dir: string, now: () => number = Date.now) {
  const q = {
    get: db.prepare('SELECT * FROM files WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO files (id, chat_id, client_id, uploader_role, uploader_id, name, size, type, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    remove: db.prepare('DELETE FROM files WHERE id = ?'),
  };

  /** The file's path, or null for anything that is not one of our ids (no `..`, no separators). */
  const pathOf = (id: string): string | null => (ID.test(id) ? join(dir, id) : null);

  return {
    newId: (): string => randomBytes(18).toString('base64url'),
    pathOf,

    async write(id: string, bytes: Uint8Array): Promise<void> {
      const path = pathOf(id);
      if (!path) throw new Error(`not a file id: ${id}`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
    },

    /** Stores the metadata; throws on a second file with the same (chat, client id). */
    insert(record: Omit<FileRecord, 'createdAt'>): FileRecord {
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
    },

    get(id: string): FileRecord | null {
      if (!ID.test(id)) return null;
      const row = q.get.get(id) as FileRow | undefined;
      if (!row) return null;
      return {
        id: row.id,
        chatId: row.chat_id,
        clientId: row.client_id,
        uploader: { role: row.uploader_role, id: row.uploader_id },
        name: row.name,
        size: row.size,
        type: row.type,
        createdAt: row.created_at,
      };
    },

    /** Removes a file that never became a message (a lost race of a retried upload). */
    async discard(id: string): Promise<void> {
      q.remove.run(id);
      const path = pathOf(id);
      if (path) await rm(path, { force: true });
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
