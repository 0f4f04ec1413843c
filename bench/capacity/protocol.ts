/**
 * What the capacity benchmark's processes say to each other over IPC (child_process.fork with
 * `serialization: 'advanced'`, so latency samples travel as Float64Arrays, not JSON).
 *
 * - the parent (bench/capacity.ts) orchestrates the phases;
 * - a target process (targetProcess.ts) runs the chat server or the bare relay and measures itself;
 * - generator processes (generatorProcess.ts) each own a share of the chats, both sides of each.
 */

/** The chat server under test, or the bare socket.io relay it is compared with. */
export type TargetKind = 'hybrid' | 'baseline';

/** The capacity benchmark's settings (`--chats`, `--duration`, … in bench/options.ts). */
export interface CapacityOptions {
  /** Concurrent chats N: N customer sockets and N agent sockets over N connections. */
  chats: number;
  /** The traffic window, in seconds. */
  durationS: number;
  /** Load generator processes; each owns N / generators chats. */
  generators: number;
  /** Each side of each chat sends one message this often, in seconds. */
  intervalS: number;
  /** Setting up all chats of one target may take this long before the run gives up on it. */
  setupTimeoutS: number;
}

export interface CpuTime {
  userMs: number;
  systemMs: number;
}

/** A process's own view of one phase: CPU used and how late its event loop ran. */
export interface PhaseUsage {
  wallMs: number;
  cpu: CpuTime;
  /** Event-loop delay beyond the sampling timer's own interval (ms). */
  loopDelay: { p50: number; p99: number; max: number };
}

export interface MemorySnapshot {
  rssBytes: number;
  heapUsedBytes: number;
  /** Open file descriptors (/proc/self/fd), null where there is no /proc. */
  fds: number | null;
  /** Engine.io connections and socket.io sockets the server holds. */
  connections: number;
  sockets: number;
}

export type TargetRequest =
  | { type: 'start'; kind: TargetKind; tokenSecret: string; dataDir: string }
  | { type: 'snapshot' }
  | { type: 'phase-start' }
  | { type: 'phase-end' }
  | { type: 'stop' };

export type TargetReply =
  | { type: 'ready'; url: string }
  | { type: 'snapshot'; snapshot: MemorySnapshot }
  | { type: 'phase'; usage: PhaseUsage }
  | { type: 'failed'; message: string };

export interface SetupCommand {
  type: 'setup';
  kind: TargetKind;
  url: string;
  tokenSecret: string;
  /** This generator's chats are firstChat … firstChat + chats − 1 (unique names across generators). */
  firstChat: number;
  chats: number;
  /** Chat setups in flight at once. */
  concurrency: number;
  /** Each step (HTTP request, connect, ack, offer) fails after this. */
  stepTimeoutMs: number;
  /** No new setup starts after this; the result says how far it got. */
  budgetMs: number;
}

export interface TrafficCommand {
  type: 'traffic';
  durationMs: number;
  intervalMs: number;
  /** After the window, how long missing deliveries and acks may still arrive. */
  settleMs: number;
}

export type GeneratorRequest = SetupCommand | TrafficCommand | { type: 'stop' };

export interface SetupResult {
  requested: number;
  /** Chats with both sides connected and the chat active (accepted by its agent). */
  ready: number;
  failed: number;
  /** Why setups failed: each kind of error and how often. */
  errors: Record<string, number>;
  timedOut: boolean;
  elapsedMs: number;
  connections: number;
  sockets: number;
  /** Chats whose two sides ended up on one connection: must be 0 (the layout avoids it). */
  sameConnection: number;
  /** Sockets closed during setup. */
  disconnects: number;
  /** Per chat, from its first request to its agent's accepted ack. */
  chatSetupMs: Float64Array;
  usage: PhaseUsage;
}

export interface TrafficResult {
  sent: number;
  delivered: number;
  missing: number;
  duplicates: number;
  misrouted: number;
  /** Deliveries with a clientId this generator never sent. */
  unexpected: number;
  /** Copies of a side's own message sent back to it. */
  echoes: number;
  ackFailures: number;
  firstAckError: string | null;
  /** Socket or connection closes since setup began (none is the only right answer). */
  disconnects: number;
  firstDisconnect: string | null;
  deliveryMs: Float64Array;
  ackMs: Float64Array;
  usage: PhaseUsage;
}

export type GeneratorReply =
  | { type: 'ready' }
  | { type: 'setup-done'; result: SetupResult }
  | { type: 'traffic-done'; result: TrafficResult }
  | { type: 'failed'; message: string };
