/**
 * Revoked session tokens (table `revoked_tokens`) on PostgreSQL: a token's id (`jti`, RFC 7519
 * section 4.1.7) until the token would have expired anyway. Every node reads the same table, so a
 * sign-out on one node is refused on the others once they read it again.
 */
import { toRevocation, type RevocationRow } from '../rows.ts';
import type { RevocationStore } from '../storage.ts';
import type { Db } from './db.ts';

export function createRevocationsTable(db: Db, now: () => number): RevocationStore {
  return {
    revoke: async (jti, expiresAt) => {
      // A second sign-out of the same token keeps the first record.
      await db.run(
        'INSERT INTO revoked_tokens (jti, expires_at, revoked_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING',
        [jti, expiresAt, now()],
      );
    },
    active: async (at) =>
      (
        await db.rows<RevocationRow>('SELECT jti, expires_at FROM revoked_tokens WHERE expires_at > $1', [at])
      ).map(toRevocation),
    purge: (at) => db.run('DELETE FROM revoked_tokens WHERE expires_at <= $1', [at]),
  };
}
