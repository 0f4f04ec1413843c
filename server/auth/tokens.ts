/**
 * Signed session tokens: `v1.<payload>.<signature>`, HMAC-SHA256 over the payload, base64url.
 * Stateless, so a restarted server accepts the tokens it issued before (the secret persists), except
 * those revoked: each token carries its own id (`jti`, RFC 7519 section 4.1.7), and a sign-out
 * records it until the token's expiry (revocations.ts), after which `verify` refuses it.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(['customer', 'agent']),
  name: z.string(),
  supervisor: z.boolean().optional(),
  /** The agent's own Finesse team (server/features/supervision: who supervises them). */
  teamId: z.string().max(64).optional(),
  /** A supervisor's teams as Finesse listed them at sign-in (server/features/supervision). */
  teams: z
    .array(z.object({ id: z.string().max(64), name: z.string().max(128) }))
    .max(100)
    .optional(),
  /** The token's own id, what a revocation names. Tokens signed before revocations existed have none. */
  jti: z.string().max(64).optional(),
  iat: z.number(),
  exp: z.number(),
});

export type TokenClaims = z.infer<typeof claimsSchema>;

export interface TokenSigner {
  /** A new token with a fresh `jti`. */
  sign(
    claims: Omit<TokenClaims, 'iat' | 'exp' | 'jti'>,
    ttlSeconds: number,
  ): { token: string; expiresAt: number; jti: string };
  /** The claims of a valid, unexpired, unrevoked token of `role`, or null (never throws on bad input). */
  verify(token: unknown, role: TokenClaims['role']): TokenClaims | null;
}

/** `isRevoked`: whether a token id was revoked (revocations.ts); none is without it. */
export function createTokenSigner(
  secret: string,
  now: () => number = Date.now,
  isRevoked: (jti: string) => boolean = () => false,
): TokenSigner {
  const mac = (data: string) => createHmac('sha256', secret).update(data).digest();
  return {
    sign(claims, ttlSeconds) {
      const iat = now();
      const expiresAt = iat + ttlSeconds * 1000;
      const jti = randomUUID();
      const payload = Buffer.from(JSON.stringify({ ...claims, jti, iat, exp: expiresAt })).toString(
        'base64url',
      );
      const body = `v1.${payload}`;
      return { token: `${body}.${mac(body).toString('base64url')}`, expiresAt, jti };
    },
    verify(token, role) {
      if (typeof token !== 'string' || token.length > 4096) return null;
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== 'v1') return null;
      const expected = mac(`${parts[0]}.${parts[1]}`);
      const given = Buffer.from(parts[2] ?? '', 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
      } catch {
        return null; // signed but not JSON: cannot happen with our own tokens; treat as invalid
      }
      const claims = claimsSchema.safeParse(json);
      if (!claims.success || claims.data.role !== role || claims.data.exp <= now()) return null;
      if (claims.data.jti !== undefined && isRevoked(claims.data.jti)) return null;
      return claims.data;
    },
  };
}

/** The configured secret, or one generated once and kept in the data directory. */
export function loadTokenSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
