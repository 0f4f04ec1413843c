/**
 * The chat client's own reconnects, for refusals the transport does not retry: a handshake refused
 * with RATE_LIMITED, or a socket the server cut off for flooding (server/limits/socketGuard.ts).
 * Never sooner than the server's `retryAfterMs` (a cool-down after a flood lasts tens of seconds;
 * trying earlier is refused again and counted against us), and never sooner than the backoff of the
 * attempt. The outbox (outbox.ts) paces messages on a live connection the same way.
 */

export interface ReconnectPacingOptions {
  /** The wait is over: connect again (if that still makes sense). */
  reconnect(): void;
  /** The backoff before attempt number `attempt`. */
  retryDelay(attempt: number): number;
  now(): number;
}

export interface ReconnectPacing {
  /** Reconnects after `retryAfterMs` at the soonest; nothing when a reconnect already waits. */
  later(retryAfterMs?: number): void;
  /** Drops the waiting reconnect (connecting now, or closed). */
  cancel(): void;
  /** Connected: the next refusal backs off from the first attempt again. */
  connected(): void;
  /** A reconnect waits and the server's wait is not over: connecting now would be refused again. */
  held(): boolean;
}

export function createReconnectPacing(options: ReconnectPacingOptions): ReconnectPacing {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  /** A RATE_LIMITED refusal asked us not to come back before this time. */
  let holdUntil = 0;

  function cancel(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  return {
    later(retryAfterMs = 0) {
      if (timer !== null) return;
      holdUntil = options.now() + retryAfterMs;
      timer = setTimeout(
        () => {
          timer = null;
          options.reconnect();
        },
        Math.max(retryAfterMs, options.retryDelay(attempt++)),
      );
    },
    cancel,
    connected() {
      cancel();
      attempt = 0;
    },
    held: () => timer !== null && options.now() < holdUntil,
  };
}
