/**
 * Attachments' bytes on disk: DATA_DIR/files/<id>, where the id is random and checked against a
 * strict pattern before it ever becomes a path. The client's file name is only a display name (the
 * metadata is in storage, `files`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ID = /^[A-Za-z0-9_-]{24}$/;

export function createFileBytes(dir: string) {
  /** The file's path, or null for anything that is not one of our ids (no `..`, no separators). */
  const pathOf = (id: string): string | null => (ID.test(id) ? join(dir, id) : null);

  return {
    newId: (): string => randomBytes(18).toString('base64url'),
    isId: (id: string): boolean => ID.test(id),
    pathOf,

    async write(id: string, bytes: Uint8Array): Promise<void> {
      const path = pathOf(id);
      if (!path) throw new Error(`not a file id: ${id}`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
    },

    async remove(id: string): Promise<void> {
      const path = pathOf(id);
      if (path) await rm(path, { force: true });
    },
  };
}

export type FileBytes = ReturnType<typeof createFileBytes>;
