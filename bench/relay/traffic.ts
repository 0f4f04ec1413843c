/**
 * The client side of the relay benchmark, the same code for both servers: every customer and
 * every agent sends M messages to its peer with at most WINDOW unacknowledged at a time, and
 * every delivery is checked off (exactly once, in the right chat) while it is timed.
 *
 * Clients and servers share this process and its one event loop, so each figure includes the
 * client's own work (socket.io-client encode/decode) — equal for both servers, which makes the
 * ratio an underestimate of the servers' difference. GC pauses land in whichever message is in
 * flight at the time; they are counted and reported next to the figures instead of being hidden
 * (run `node --expose-gc bench/run.ts` to also collect before each measured round).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import type { ChatMessage, Result } from '../../sdk/core/protocol.ts';
import type { RelayEndpoint, RelayPair } from './relayTarget.ts';

/** A typical short chat line; the send time is kept in a Map, never in the text. */
const TEXT = 'Hello! I ordered a pair of headphones last week and would like to know when they ship.';

/** An ack slower than this on loopback is a failure, not a figure; the round goes on without it. */
const ACK_TIMEOUT_MS = 10_000;
/** After the last ack, how long missing deliveries may still trickle in before they count as lost. */
const SETTLE_MS = 2000;

export interface TrafficOptions {
  /** Prefix of every clientId in this round, so rounds never mix. */
  label: string;
  messages: number;
  window: number;
  /** The round stops after this, reporting what was missing. */
  timeoutMs: number;
}

export interface TrafficResult {
  expected: number;
  delivered: number;
  /** Expected but never received by the peer. */
  missing: number;
  /** Received by the peer more than once (each extra copy counts). */
  duplicates: number;
  /** Received on a socket of another chat. */
  misrouted: number;
  /** Peer messages with a clientId this round never sent. */
  unexpected: number;
  /** Copies of a participant's own messages sent back to it (the chat server's multi-tab fan-out). */
  echoes: number;
  ackFailures: number;
  firstAckError: string | null;
  timedOut: boolean;
  /** From the first emit to the last successful ack or delivery. */
  elapsedMs: number;
  deliveryMs: number[];
  ackMs: number[];
  /** Process CPU time (user + system) during the round: clients and server together. */
  cpuMs: number;
  gc: { count: number; ms: number };
}

interface Sent {
  at: number;
  chatId: string;
}

export async function driveTraffic(
  pairs: readonly RelayPair[],
  options: TrafficOptions,
): Promise<TrafficResult> {
  const { label, messages, window } = options;
  const expected = pairs.length * messages * 2;
  const sent = new Map<string, Sent>();
  const seen = new Set<string>();
  const deliveryMs: number[] = [];
  const ackMs: number[] = [];
  let duplicates = 0;
  let misrouted = 0;
  let unexpected = 0;
  let echoes = 0;
  let acked = 0;
  let ackFailures = 0;
  let firstAckError: string | null = null;
  let lastEventAt = 0;

  let over = false;
  let resolveFinished: (timedOut: boolean) => void = () => undefined;
  const finished = new Promise<boolean>((resolve) => (resolveFinished = resolve));
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const finish = (timedOut: boolean) => {
    over = true;
    clearTimeout(roundTimer);
    clearTimeout(settleTimer);
    resolveFinished(timedOut);
  };
  const roundTimer = setTimeout(() => finish(true), options.timeoutMs);
  const checkDone = () => {
    // Acks failed by the sockets closing after the round must not start a new timer.
    if (over || acked < expected) return;
    if (seen.size >= expected) finish(false);
    else settleTimer ??= setTimeout(() => finish(false), SETTLE_MS);
  };

  const listeners = pairs.flatMap((pair) =>
    [pair.customer, pair.agent].map((endpoint) => {
      const onMessage = (message: ChatMessage) => {
        if (message.kind !== 'text') return; // system events (agent joined, …) are not traffic
        if (message.from.role === endpoint.role) {
          echoes += 1;
          return;
        }
        const now = performance.now();
        const origin = sent.get(message.clientId);
        if (!origin) {
          unexpected += 1;
          return;
        }
        if (seen.has(message.clientId)) {
          duplicates += 1;
          return;
        }
        seen.add(message.clientId);
        if (origin.chatId !== endpoint.chatId || message.chatId !== endpoint.chatId) misrouted += 1;
        deliveryMs.push(now - origin.at);
        lastEventAt = now;
        checkDone();
      };
      endpoint.socket.on('chat:message', onMessage);
      return () => endpoint.socket.off('chat:message', onMessage);
    }),
  );

  const ackTimeoutMs = Math.min(ACK_TIMEOUT_MS, options.timeoutMs);
  function startSender(from: RelayEndpoint, tag: string): void {
    let next = 0;
    let inFlight = 0;
    const pump = () => {
      while (inFlight < window && next < messages) send(next++);
    };
    const send = (index: number) => {
      const clientId = `${label}-${tag}-${index}`;
      const at = performance.now();
      sent.set(clientId, { at, chatId: from.chatId });
      inFlight += 1;
      from.socket
        .timeout(ackTimeoutMs)
        .emit(
          'message:send',
          { chatId: from.chatId, clientId, text: TEXT },
          (error, result: Result<{ message: ChatMessage }>) => {
            const now = performance.now();
            inFlight -= 1;
            acked += 1;
            if (!error && result.ok && typeof result.data.message.seq === 'number') {
              ackMs.push(now - at);
              lastEventAt = Math.max(lastEventAt, now);
            } else {
              // A timed-out ack is not the end of the send phase: it must not stretch the elapsed time.
              ackFailures += 1;
              firstAckError ??= error ? error.message : result.ok ? 'ack without seq' : result.error.code;
            }
            pump();
            checkDone();
          },
        );
    };
    pump();
  }

  const gc = { count: 0, ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();

  pairs.forEach((pair, index) => {
    startSender(pair.customer, `${index}c`);
    startSender(pair.agent, `${index}a`);
  });
  if (expected === 0) finish(false);
  const timedOut = await finished;

  const cpu = process.cpuUsage(cpuBefore);
  for (const entry of observer.takeRecords()) {
    gc.count += 1;
    gc.ms += entry.duration;
  }
  observer.disconnect();
  for (const remove of listeners) remove();

  return {
    expected,
    delivered: seen.size,
    missing: expected - seen.size,
    duplicates,
    misrouted,
    unexpected,
    echoes,
    ackFailures: ackFailures + (expected - acked),
    firstAckError: firstAckError ?? (acked < expected ? 'acks still pending at the end' : null),
    timedOut,
    elapsedMs: Math.max(0, lastEventAt - startedAt),
    deliveryMs,
    ackMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    gc,
  };
}
