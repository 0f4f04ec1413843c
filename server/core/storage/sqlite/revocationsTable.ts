/**
 * Revoked session tokens (table `revoked_tokens`): a token's id (`jti`, RFC 7519 section 4.1.7) is
 * kept until the token would have expired anyway, then purged — an expired token is refused without
 * looking here, so the table holds at most one token lifetime's sign-outs.
 */
import type { DatabaseSync } from 'node:sqlite';
import { toRevocation, type RevocationRow } from '../rows.ts';
import type { RevocationStore } from '../storage.ts';
import type { GroupCommit } from './groupCommit.ts';
import { rowsOf } from './rows.ts';

export function createRevocationsTable(
  db: DatabaseSync,
  group: GroupCommit,
  now: () => number,
): RevocationStore {
  const q = {
    // A second sign-out of the same token keeps the first record.
    revoke: db.prepare(
      `INSERT INTO revoked_tokens (jti, expires_at, revoked_at) VALUES (?, ?, ?) ON CONFLICT (jti) DO NOTHING`,
    ),
    active: db.prepare('SELECT jti, expires_at FROM revoked_tokens WHERE expires_at > ?'),
    purge: db.prepare('DELETE FROM revoked_tokens WHERE expires_at <= ?'),
  };

  return {
    revoke: (jti, expiresAt) =>
      group.write(() => {
        q.revoke.run(jti, expiresAt, now());
      }),
    active: (at) => group.read(() => rowsOf<RevocationRow>(q.active.all(at)).map(toRevocation)),
    purge: (at) => group.write(() => Number(q.purge.run(at).changes)),
  };
}
