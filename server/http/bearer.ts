/**
 * The session token of an HTTP request (`Authorization: Bearer <token>`), as the sockets take it
 * in their handshake. The token never travels in a URL, so it stays out of access logs.
 */
import type { FastifyRequest } from 'fastify';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { TokenClaims, TokenSigner } from '../auth/tokens.ts';

export function bearerClaims(
  request: FastifyRequest,
  tokens: TokenSigner,
  role: TokenClaims['role'],
): TokenClaims {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header) : null;
  const claims = match ? tokens.verify(match[1], role) : null;
  if (!claims) throw new HybridChatError('UNAUTHORIZED', 'a valid session token is needed');
  return claims;
}
