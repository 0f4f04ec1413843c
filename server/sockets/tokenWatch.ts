/**
 * A socket lives no longer than the session token it connected with: at the token's expiry, or when
 * the token is revoked (a sign-out, server/auth/revocations.ts), the socket is told why
 * (`session:ended`) and disconnected. A refused handshake alone would leave a socket that is already
 * connected running on a dead token. The client connects again with a fresh token if it has one.
 */
import type { SessionEndedNotice } from '../../sdk/core/protocol.ts';
import type { TokenClaims } from '../auth/tokens.ts';

/** The socket as seen here (either namespace's). */
export interface WatchedSocket {
  readonly connected: boolean;
  emit(event: 'session:ended', notice: SessionEndedNotice): unknown;
  disconnect(close: boolean): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
}

/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createTokenWatch(now: () => number = Date.now) {
  const byJti = new Map<string, Set<WatchedSocket>>();

  const end = (socket: WatchedSocket, reason: SessionEndedNotice['reason']): void => {
    if (!socket.connected) return;
    socket.emit('session:ended', { reason });
    socket.disconnect(true);
  };

  return {
    /** Ends the socket at its token's expiry, or at its revocation; forgets it when it disconnects. */
    watch(socket: WatchedSocket, claims: Pick<TokenClaims, 'jti' | 'exp'>): void {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (): void => {
        const left = claims.exp - now();
        if (left <= 0) return end(socket, 'expired');
        timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      };
      const { jti } = claims;
      if (jti !== undefined) {
        const sockets = byJti.get(jti) ?? new Set();
        byJti.set(jti, sockets.add(socket));
      }
      socket.once('disconnect', () => {
        clearTimeout(timer);
        const sockets = jti !== undefined ? byJti.get(jti) : undefined;
        sockets?.delete(socket);
        if (sockets?.size === 0 && jti !== undefined) byJti.delete(jti);
      });
      arm();
    },
    /** Ends every socket that connected with this token. */
    revoked(jti: string): void {
      for (const socket of [...(byJti.get(jti) ?? [])]) end(socket, 'revoked');
    },
    /** How many tokens have sockets watched (tests, health). */
    get tokens(): number {
      return byJti.size;
    },
  };
}

export type TokenWatch = ReturnType<typeof createTokenWatch>;
