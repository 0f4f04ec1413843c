/**
 * Revoked session tokens, by token id (`jti`, RFC 7519 section 4.1.7): the stored list (storage
 * `revocations`, so a restart keeps every sign-out) and a copy in memory that every handshake and
 * HTTP request is checked against without a database read. A revocation is stored before it takes
 * effect. The copy is read at start and again every `refreshMs`; each refresh also forgets the
 * records of tokens that have expired since (they are refused for their expiry anyway) and picks up
 * revocations another server process made in a shared database.
 */
import type { RevocationStore } from '../core/storage/storage.ts';
import type { TokenClaims } from './tokens.ts';

export interface RevocationsDeps {
  store: RevocationStore;
  log: { warn(obj: object, msg: string): void };
  now?: () => number;
  /** How often the list is read again and expired records purged (default a minute). */
  refreshMs?: number;
}

export interface Revocations {
  /** Whether this token id was revoked (and its token has not expired since the last refresh). */
  has(jti: string): boolean;
  /** Revokes the token these claims came from, until its expiry; false for a token without an id. */
  revoke(claims: Pick<TokenClaims, 'jti' | 'exp'>): Promise<boolean>;
  /** Called with each token id revoked from now on (here, or found at a refresh). */
  onRevoke(listener: (jti: string) => void): () => void;
  /** Reads the stored list, then keeps it fresh until `close`. */
  start(): Promise<void>;
  close(): void;
}

export function createRevocations(deps: RevocationsDeps): Revocations {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const revoked = new Map<string, number>();
  const listeners = new Set<(jti: string) => void>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const add = (jti: string, expiresAt: number): void => {
    if (revoked.has(jti)) return;
    revoked.set(jti, expiresAt);
    for (const listener of listeners) listener(jti);
  };

  async function refresh(): Promise<void> {
    const at = now();
    await store.purge(at);
    for (const [jti, expiresAt] of revoked) if (expiresAt <= at) revoked.delete(jti);
    for (const { jti, expiresAt } of await store.active(at)) add(jti, expiresAt);
  }

  return {
    has: (jti) => revoked.has(jti),
    async revoke(claims) {
      if (claims.jti === undefined) return false;
      await store.revoke(claims.jti, claims.exp);
      add(claims.jti, claims.exp);
      return true;
    },
    onRevoke(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      await refresh();
      timer = setInterval(() => {
        refresh().catch((error: unknown) => deps.log.warn({ err: error }, 'reading revoked tokens failed'));
      }, deps.refreshMs ?? 60_000);
      timer.unref();
    },
    close() {
      clearInterval(timer);
    },
  };
}
