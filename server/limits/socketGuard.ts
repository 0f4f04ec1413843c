/**
 * The abuse limits of the socket edge (README "Limits"):
 * - at the handshake, open sockets per session (customer or agent id) and, for customers, per
 *   address; a session whose socket was cut off for flooding waits out a cool-down first;
 * - per socket, token buckets for messages, typing notices, receipts and all events together: past
 *   one, a request is answered RATE_LIMITED with `retryAfterMs` (the SDK's outbox waits that long)
 *   and a notice is dropped; a socket that keeps pushing after refusals is disconnected;
 * - new chats per address and per session.
 */
import type { Socket } from 'socket.io';
import type { Principal } from '../core/chatService.ts';
import type { Bucket, Limits } from './limitsConfig.ts';
import type { LimitName, Refusals } from './refusals.ts';
import { createTokenBucket, createTokenBuckets, rateLimited, type TokenBucket } from './tokenBuckets.ts';

export interface SocketGuardDeps {
  limits: Limits;
  refusals: Refusals;
  /** The client's real address (behind TRUSTED_PROXIES, X-Forwarded-For). */
  clientAddress(socket: Socket): string;
  now?: () => number;
}

/** The window in which `refusalsBeforeDisconnect` refusals cut a socket off. */
const REFUSAL_WINDOW_MS = 10_000;
/** How long a session whose socket was cut off for flooding may not open another. */
export const COOL_DOWN_MS = 30_000;
/** A socket admitted but never connected (its client left during the handshake) stops counting after this. */
const PENDING_MS = 10_000;

const EVENT_BUCKETS: Record<string, 'messages' | 'typing' | 'receipts'> = {
  'message:send': 'messages',
  'chat:typing': 'typing',
  'chat:receipt': 'receipts',
};

interface Meter {
  buckets: Partial<Record<'messages' | 'typing' | 'receipts' | 'events', TokenBucket>>;
  refusals: number;
  windowStart: number;
}

const keyOf = (who: Principal) => `${who.role}:${who.id}`;

function handshakeError(message: string, retryAfterMs: number): Error {
  const error = new Error(`RATE_LIMITED: ${message}`) as Error & { data?: unknown };
  error.data = { code: 'RATE_LIMITED', retryAfterMs };
  return error;
}

export function createSocketGuard(deps: SocketGuardDeps) {
  const { limits, refusals } = deps;
  const now = deps.now ?? Date.now;
  const open = new Map<string, Map<Socket, number>>();
  const coolDowns = new Map<string, number>();
  const meters = new WeakMap<Socket, Meter>();
  const chatsPerIp = createTokenBuckets(limits.chatsPerIp, now);
  const chatsPerSession = createTokenBuckets(
    { burst: limits.chatsPerSessionPerHour, perS: limits.chatsPerSessionPerHour / 3600 },
    now,
  );

  /** Sockets counted for `key`, forgetting any that were admitted but never connected. */
  function count(key: string): Map<Socket, number> {
    let sockets = open.get(key);
    if (!sockets) {
      sockets = new Map();
      open.set(key, sockets);
    }
    const at = now();
    for (const [socket, admittedAt] of sockets)
      if (!socket.connected && at - admittedAt > PENDING_MS) sockets.delete(socket);
    return sockets;
  }

  function hold(key: string, socket: Socket): void {
    count(key).set(socket, now());
    socket.once('disconnect', () => {
      const sockets = open.get(key);
      sockets?.delete(socket);
      if (sockets?.size === 0) open.delete(key);
    });
  }

  function refuse(limit: LimitName, key: string, what: string, retryAfterMs: number): Error {
    refusals.count(limit, key);
    return handshakeError(what, retryAfterMs);
  }

  function bucket(meter: Meter, kind: keyof Meter['buckets'], config: Bucket): TokenBucket {
    return (meter.buckets[kind] ??= createTokenBucket(config, now));
  }

  return {
    /** Handshake middleware, after authentication (it reads the principal). */
    admit(socket: Socket & { data: { principal: Principal } }, next: (error?: Error) => void): void {
      const who = socket.data.principal;
      const key = keyOf(who);
      const coolUntil = coolDowns.get(key) ?? 0;
      if (coolUntil > now()) {
        next(refuse('socketDisconnected', key, 'this session was cut off for flooding', coolUntil - now()));
        return;
      }
      coolDowns.delete(key);
      if (count(key).size >= limits.socketsPerToken) {
        next(refuse('socketsPerToken', key, 'too many open connections for this session', 5_000));
        return;
      }
      const address = who.role === 'customer' ? `ip:${deps.clientAddress(socket)}` : null;
      if (address && count(address).size >= limits.socketsPerIp) {
        next(refuse('socketsPerIp', address, 'too many open connections from this address', 5_000));
        return;
      }
      hold(key, socket);
      if (address) hold(address, socket);
      next();
    },

    /** 0 when the socket may send `event` now; else the wait, and the socket may be cut off. */
    meter(socket: Socket, who: Principal, event: string): number {
      let meter = meters.get(socket);
      if (!meter) {
        meter = { buckets: {}, refusals: 0, windowStart: now() };
        meters.set(socket, meter);
      }
      const kind = EVENT_BUCKETS[event];
      const wait = Math.max(
        kind ? bucket(meter, kind, limits[kind]).take() : 0,
        bucket(meter, 'events', limits.events).take(),
      );
      if (wait === 0) return 0;
      const key = keyOf(who);
      refusals.count(kind ?? 'events', key);
      const at = now();
      if (at - meter.windowStart > REFUSAL_WINDOW_MS) {
        meter.windowStart = at;
        meter.refusals = 0;
      }
      meter.refusals += 1;
      if (meter.refusals >= limits.refusalsBeforeDisconnect && socket.connected) {
        refusals.count('socketDisconnected', key);
        if (coolDowns.size >= 10_000)
          for (const [other, until] of coolDowns) if (until <= at) coolDowns.delete(other);
        coolDowns.set(key, at + COOL_DOWN_MS);
        socket.disconnect(true);
      }
      return wait;
    },

    /** A new chat from this socket's session and address: throws RATE_LIMITED past either limit. */
    newChat(socket: Socket, who: Principal): void {
      const address = deps.clientAddress(socket);
      const bySession = chatsPerSession.take(who.id);
      if (bySession > 0) {
        refusals.count('chatsPerSession', who.id);
        throw rateLimited('new chats in this session', bySession);
      }
      const byAddress = chatsPerIp.take(address);
      if (byAddress > 0) {
        refusals.count('chatsPerIp', address);
        throw rateLimited('new chats from this address', byAddress);
      }
    },
  };
}

export type SocketGuard = ReturnType<typeof createSocketGuard>;
