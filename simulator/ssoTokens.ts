import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SystemInfo `systemAuthMode`. HYBRID: each user is SSO or not (agents.json `sso`). */
export const SYSTEM_AUTH_MODES = ['NON_SSO', 'SSO', 'HYBRID'] as const;
export type SystemAuthMode = (typeof SYSTEM_AUTH_MODES)[number];

/**
 * What the IdS hands out after an IdP sign-in and on refresh (Cisco "Single Sign-On—Fetch Access
 * Token" / "—Refresh Existing Access Token": JSON with `token` and `user_id`; the pair of access and
 * refresh token, each with its own expiry, configured in the IdS). Ours are opaque random strings,
 * not JWTs: nothing outside the simulator may read them.
 */
export interface SsoGrant {
  readonly token: string;
  readonly refresh_token: string;
  /** Seconds the access token stays valid. */
  readonly expires_in: number;
  readonly user_id: string;
}

export interface SsoTokenStore {
  issue(userId: string): SsoGrant;
  /** The user an unexpired access token belongs to. */
  verify(token: string): string | undefined;
  /** A new pair for a valid refresh token given with its access token (even an expired one). */
  refresh(token: string, refreshToken: string): SsoGrant | undefined;
  reset(): void;
}

export interface SsoTokenStoreOptions {
  readonly now: () => Date;
  /** Default one hour (the IdS default access token lifetime is of that order). */
  readonly accessTtlMs?: number;
  readonly refreshTtlMs?: number;
}

interface Issued {
  readonly userId: string;
  readonly accessExpires: number;
  readonly refreshToken: string;
  readonly refreshExpires: number;
}

const opaque = (): string => randomBytes(32).toString('base64url');

/** Compares two secrets in constant time (by their digests, so lengths may differ). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function createSsoTokenStore(options: SsoTokenStoreOptions): SsoTokenStore {
  const accessTtl = options.accessTtlMs ?? 60 * 60_000;
  const refreshTtl = options.refreshTtlMs ?? 10 * 60 * 60_000;
  const byToken = new Map<string, Issued>();
  const time = () => options.now().getTime();

  const prune = (at: number) => {
    for (const [token, issued] of byToken) if (issued.refreshExpires <= at) byToken.delete(token);
  };

  const issue = (userId: string): SsoGrant => {
    const at = time();
    prune(at);
    const token = opaque();
    const refreshToken = opaque();
    byToken.set(token, {
      userId,
      accessExpires: at + accessTtl,
      refreshToken,
      refreshExpires: at + refreshTtl,
    });
    return { token, refresh_token: refreshToken, expires_in: Math.floor(accessTtl / 1000), user_id: userId };
  };

  return {
    issue,
    verify(token) {
      const issued = byToken.get(token);
      return issued && issued.accessExpires > time() ? issued.userId : undefined;
    },
    refresh(token, refreshToken) {
      const issued = byToken.get(token);
      if (!issued || !sameSecret(issued.refreshToken, refreshToken) || issued.refreshExpires <= time()) {
        return undefined;
      }
      byToken.delete(token); // the old pair is spent
      return issue(issued.userId);
    },
    reset: () => byToken.clear(),
  };
}
