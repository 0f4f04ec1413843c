/**
 * The admin's limits on files sent in the desktop chat (size, types) and the server's own size
 * limit (XEP-0363 section 4, max-file-size), checked before anything is uploaded. Pure.
 */
import { FileLimitError } from './errors.ts';
import type { FileLimits } from './types.ts';

/** Whether `type` is allowed by `patterns` (`image/png`, `image/*`, `*`); none: everything. */
export function typeAllowed(type: string, patterns: readonly string[] | undefined): boolean {
  if (!patterns || patterns.length === 0) return true;
  const wanted = (type || 'application/octet-stream').toLowerCase();
  return patterns.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    return (
      p === '*' || p === '*/*' || p === wanted || (p.endsWith('/*') && wanted.startsWith(p.slice(0, -1)))
    );
  });
}

/** Throws FileLimitError when the file may not be sent. `serverMax`: the upload service's limit. */
export function checkFile(
  file: { readonly name: string; readonly size: number; readonly type: string },
  limits: FileLimits | false | undefined,
  serverMax?: number,
): void {
  if (limits === false) throw new FileLimitError('FORBIDDEN', 'sending files is turned off', null);
  const max = Math.min(limits?.maxBytes ?? Infinity, serverMax ?? Infinity);
  if (file.size > max) {
    throw new FileLimitError(
      'FILE_TOO_LARGE',
      `${file.name} has ${file.size} bytes; files may have at most ${max} bytes`,
      max,
    );
  }
  if (!typeAllowed(file.type, limits?.types)) {
    throw new FileLimitError(
      'FILE_TYPE',
      `${file.name} (${file.type || 'unknown type'}) is not one of the allowed types: ${limits?.types?.join(', ')}`,
      limits?.types ?? [],
    );
  }
}
