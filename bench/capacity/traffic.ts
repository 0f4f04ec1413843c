/**
 * The traffic window in a generator: each side of each chat sends one message every interval,
 * the first at a random moment within the first interval so the load is spread evenly instead of
 * arriving in bursts. Every delivery is checked off (exactly once, to the peer, in the right chat)
 * and timed from the sender's emit to the peer's `chat:message` — both sides live in this
 * process, so one clock times both ends.
 */
import type { ChatMessage, Result } from '../../sdk/core/protocol.ts';
import type { Endpoint } from './setup.ts';
import type { TrafficCommand } from './protocol.ts';

/** A typical short chat line. */
const TEXT = 'Hello! I ordered a pair of headphones last week and would like to know when they ship.';

export interface ChatPair {
  customer: Endpoint;
  agent: Endpoint;
}

export interface WindowResult {
  sent: number;
  delivered: number;
  duplicates: number;
  misrouted: number;
  unexpected: number;
  echoes: number;
  ackFailures: number;
  firstAckError: string | null;
  deliveryMs: number[];
  ackMs: number[];
}

interface Sent {
  at: number;
  chatId: string;
}

export async function driveWindow(
  pairs: readonly ChatPair[],
  command: TrafficCommand,
  tag: string,
): Promise<WindowResult> {
  const { durationMs, intervalMs, settleMs } = command;
  const sentAt = new Map<string, Sent>();
  const seen = new Set<string>();
  const result: WindowResult = {
    sent: 0,
    delivered: 0,
    duplicates: 0,
    misrouted: 0,
    unexpected: 0,
    echoes: 0,
    ackFailures: 0,
    firstAckError: null,
    deliveryMs: [],
    ackMs: [],
  };
  let pendingAcks = 0;
  let windowOver = false;
  /** The result is final: late acks and deliveries no longer change it. */
  let over = false;
  let settled: () => void = () => undefined;
  const allIn = new Promise<void>((resolve) => (settled = resolve));
  const checkSettled = () => {
    if (windowOver && pendingAcks === 0 && seen.size === result.sent) settled();
  };

  const listen = (endpoint: Endpoint) => {
    const onMessage = (message: ChatMessage) => {
      if (over || message.kind !== 'text') return; // system events (agent joined, …) are not traffic
      if (message.from.role === endpoint.role) {
        result.echoes += 1;
        return;
      }
      const now = performance.now();
      const origin = sentAt.get(message.clientId);
      if (!origin) {
        result.unexpected += 1;
        return;
      }
      if (seen.has(message.clientId)) {
        result.duplicates += 1;
        return;
      }
      seen.add(message.clientId);
      if (origin.chatId !== endpoint.chatId || message.chatId !== endpoint.chatId) result.misrouted += 1;
      result.deliveryMs.push(now - origin.at);
      checkSettled();
    };
    endpoint.socket.on('chat:message', onMessage);
    return () => endpoint.socket.off('chat:message', onMessage);
  };

  const send = (from: Endpoint, clientId: string) => {
    const at = performance.now();
    sentAt.set(clientId, { at, chatId: from.chatId });
    result.sent += 1;
    pendingAcks += 1;
    from.socket
      .timeout(settleMs)
      .emit(
        'message:send',
        { chatId: from.chatId, clientId, text: TEXT },
        (error, ack: Result<{ message: ChatMessage }>) => {
          if (over) return; // counted as pending when the round closed
          pendingAcks -= 1;
          if (!error && ack.ok && typeof ack.data.message.seq === 'number')
            result.ackMs.push(performance.now() - at);
          else {
            result.ackFailures += 1;
            result.firstAckError ??= error ? error.message : ack.ok ? 'ack without seq' : ack.error.code;
          }
          checkSettled();
        },
      );
  };

  /** Each side's next send; one timer per side at a time. */
  const timers: ReturnType<typeof setTimeout>[] = [];
  const startedAt = performance.now();
  const schedule = (from: Endpoint, id: string) => {
    const slot = timers.length;
    const offset = Math.random() * intervalMs;
    const at = (index: number) => offset + index * intervalMs;
    let count = 0;
    const next = () => {
      send(from, `${tag}-${id}-${count}`);
      count += 1;
      // From the window's start, not from this send: late timers must not push later sends back.
      if (at(count) < durationMs) timers[slot] = setTimeout(next, startedAt + at(count) - performance.now());
    };
    if (offset < durationMs) timers.push(setTimeout(next, offset));
  };

  const removers = pairs.flatMap((pair) => [listen(pair.customer), listen(pair.agent)]);
  pairs.forEach((pair, index) => {
    schedule(pair.customer, `${index}c`);
    schedule(pair.agent, `${index}a`);
  });

  await new Promise((resolve) => setTimeout(resolve, durationMs));
  windowOver = true;
  checkSettled();
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([allIn, new Promise((resolve) => (settleTimer = setTimeout(resolve, settleMs)))]);
  clearTimeout(settleTimer);
  over = true;
  for (const timer of timers) clearTimeout(timer);
  for (const remove of removers) remove();
  // Acks still pending after the settle time are failures (their own timeout fires about now).
  result.ackFailures += pendingAcks;
  if (pendingAcks > 0) result.firstAckError ??= 'acks still pending after the window';
  result.delivered = seen.size;
  return result;
}
