/**
 * Polls SystemInfo on both Finesse nodes and drives the failover reducer (`failover.ts`).
 * Dependencies are injected (the probe, the clock, the timers) so the server and tests share one code
 * path; the probe itself (REST GET /finesse/api/SystemInfo, `status` IN_SERVICE) lives in transport.
 *
 * Polls never overlap: the next poll is scheduled when the previous one has finished (no setInterval),
 * each probe has its own timeout, and a node whose previous probe still hangs is counted as down
 * without a second request, so a stuck connection cannot pile requests onto a struggling Finesse.
 */
import { Emitter } from './emitter.ts';
import type { Listener } from './emitter.ts';
import { initialFailoverState, reduceFailover } from './failover.ts';
import type { FailoverEffect, FailoverEvent, FailoverState, FinesseNode } from './failover.ts';

export interface FailoverChange {
  state: FailoverState;
  previous: FailoverState;
  /** Empty when only a standby node's health changed. */
  effects: FailoverEffect[];
}

export type FailoverMonitorEvents = {
  change: FailoverChange;
  /** Both nodes down, stop login and media blending and tell the agent. */
  halt: { state: FailoverState };
  resume: { node: FinesseNode; state: FailoverState };
};

export interface FailoverMonitorOptions {
  /** Resolves true when the node answered IN_SERVICE; false or a rejection means down. */
  probe: (node: FinesseNode, signal: AbortSignal) => Promise<boolean>;
  intervalMs: number;
  /** Per probe; defaults to the interval or 5 s, whichever is shorter. */
  probeTimeoutMs?: number;
  onChange?: (change: FailoverChange) => void;
  initialState?: FailoverState;
  now?: () => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface FailoverMonitor {
  /** Polls at once, then every `intervalMs`. Calling it while running does nothing. */
  start(): void;
  /** Clears every timer, aborts probes in flight and ignores their late answers. */
  stop(): void;
  getState(): FailoverState;
  on<K extends keyof FailoverMonitorEvents>(
    event: K,
    listener: Listener<FailoverMonitorEvents[K]>,
  ): () => void;
}

const NODES: readonly FinesseNode[] = ['primary', 'secondary'];

export function createFailoverMonitor(options: FailoverMonitorOptions): FailoverMonitor {
  const { intervalMs } = options;
  if (!(intervalMs > 0)) throw new RangeError('[hybrid-chat failover] intervalMs must be > 0');
  const timeoutMs = options.probeTimeoutMs ?? Math.min(intervalMs, 5_000);
  const now = options.now ?? (() => Date.now());
  // Looked up at call time, so fake timers installed after creation still apply.
  const setTimer = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  const clearTimer =
    options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

  const emitter = new Emitter<FailoverMonitorEvents>();
  if (options.onChange) emitter.on('change', options.onChange);
  let state = options.initialState ?? initialFailoverState(now());
  let generation = 0; // bumped by start/stop: answers from an older generation are dropped
  let running = false;
  let pollTimer: unknown = null;
  /** The probe still outstanding per node (answered or not); cleared by `stop()` after aborting it. */
  const inFlight = new Map<FinesseNode, AbortController>();
  const probeTimers = new Set<unknown>();

  function probeNode(node: FinesseNode): Promise<boolean> {
    // Still stuck since an earlier poll: that node is not answering, and a second request would not help.
    if (inFlight.has(node)) return Promise.resolve(false);
    const controller = new AbortController();
    inFlight.set(node, controller);
    return new Promise<boolean>((resolve) => {
      const timer = setTimer(() => {
        controller.abort();
        finish(false);
      }, timeoutMs);
      probeTimers.add(timer);
      function finish(up: boolean): void {
        clearTimer(timer);
        probeTimers.delete(timer);
        resolve(up); // a second call is a no-op: a promise settles once
      }
      let answer: Promise<boolean>;
      try {
        answer = Promise.resolve(options.probe(node, controller.signal));
      } catch {
        answer = Promise.resolve(false); // a probe that throws is a node we cannot reach
      }
      answer
        .then(
          (up) => finish(up === true),
          () => finish(false),
        )
        .finally(() => {
          if (inFlight.get(node) === controller) inFlight.delete(node);
        });
    });
  }

  function apply(event: FailoverEvent): void {
    const previous = state;
    const step = reduceFailover(state, event);
    state = step.state;
    const changed =
      previous.active !== state.active ||
      previous.primaryUp !== state.primaryUp ||
      previous.secondaryUp !== state.secondaryUp;
    if (!changed) return;
    emitter.emit('change', { state, previous, effects: step.effects });
    for (const effect of step.effects) {
      if (effect.type === 'halt') emitter.emit('halt', { state });
      if (effect.type === 'resume') emitter.emit('resume', { node: effect.node, state });
    }
  }

  async function poll(gen: number): Promise<void> {
    const startedAt = now();
    const [primaryUp = false, secondaryUp = false] = await Promise.all(NODES.map(probeNode));
    if (gen !== generation) return;
    apply({ type: 'poll', primaryUp, secondaryUp, at: now() });
    // Keep the cadence "every interval" from each poll's start; a slow poll just starts the next sooner.
    const wait = Math.max(0, intervalMs - (now() - startedAt));
    pollTimer = setTimer(() => {
      pollTimer = null;
      void poll(gen);
    }, wait);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void poll(++generation);
    },
    stop() {
      running = false;
      generation++;
      if (pollTimer !== null) clearTimer(pollTimer);
      pollTimer = null;
      for (const timer of probeTimers) clearTimer(timer);
      probeTimers.clear();
      // A restart probes afresh even if an aborted probe ignores its signal: stop() is deliberate.
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
    },
    getState: () => state,
    on: (event, listener) => emitter.on(event, listener),
  };
}
