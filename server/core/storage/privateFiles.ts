/**
 * Everything the server keeps at rest (the SQLite database with its -wal and -shm files, uploaded
 * attachments, the token secret) is readable by the server's own user only: files 0600,
 * directories 0700 (OWASP File Upload Cheat Sheet: "restrict the permissions" of stored files;
 * docs/security.md). New files are created with these modes whatever the umask; existing ones (an
 * older install) are tightened when the server opens them. SQLite creates its -wal and -shm files
 * with the mode of the database file (https://www.sqlite.org/tempfiles.html and os_unix.c's
 * `findCreateFileMode`), so creating the database 0600 covers them; they are tightened as well.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Tightens `path` to `mode` unless it is already no wider (never widens; Windows has no modes). */
function tighten(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  const current = statSync(path).mode & 0o777;
  if ((current & ~mode) !== 0) chmodSync(path, current & mode);
}

/** Creates `dir` (and every parent it has to create) 0700, or tightens it if it exists. */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty `path` 0600 if it does not exist; tightens it to 0600 if it does. */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  tighten(path, PRIVATE_FILE_MODE);
}

/** The database file and SQLite's companions beside it, tightened where they exist. */
export function tightenSqliteFiles(dbPath: string): void {
  for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`])
    if (existsSync(path)) tighten(path, PRIVATE_FILE_MODE);
}

/**
 * DATA_DIR at start: the directory 0700 (which alone keeps other users out of everything in it), and
 * its entries tightened — files 0600, directories 0700 — for data an older version left wider. The
 * walk stops at the top level: attachments inside `files/` were always written 0600.
 */
export function securePrivateDataDir(dataDir: string): void {
  ensurePrivateDir(dataDir);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const path = join(dataDir, entry.name);
    if (entry.isDirectory()) tighten(path, PRIVATE_DIR_MODE);
    else if (entry.isFile()) tighten(path, PRIVATE_FILE_MODE);
  }
}
