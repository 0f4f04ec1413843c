/**
 * The parent's handle on a forked child (the target or a generator): typed requests and replies
 * over IPC, each wait bounded, and a stop that ends the child by its own handle — asked first,
 * killed if it does not go. Only processes forked here are ever signalled.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BenchTimeoutError } from '../deadline.ts';

/** After being asked to stop, a child gets this long before it is killed. */
const STOP_GRACE_MS = 12_000;

interface Waiter {
  type: string;
  resolve(message: unknown): void;
  reject(error: Error): void;
}

export interface Child<Request extends { type: string }, Reply extends { type: string }> {
  readonly name: string;
  readonly pid: number;
  send(request: Request): void;
  /** The next reply of `type` (earlier ones are kept), or an error: the child failed, exited or was slow. */
  next<T extends Reply['type']>(type: T, timeoutMs: number): Promise<Extract<Reply, { type: T }>>;
  /** Asks the child to stop, kills it after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Forks `bench/capacity/<entry>`. `--expose-gc` lets the target measure memory after a full
 * collection; the generators never call it.
 */
export function forkChild<Request extends { type: string }, Reply extends { type: string }>(
  entry: string,
  name: string,
): Child<Request, Reply> {
  const child: ChildProcess = fork(join(import.meta.dirname, entry), [], {
    serialization: 'advanced',
    execArgv: [
      '--disable-warning=ExperimentalWarning',
      '--expose-gc',
      // BENCH_PROFILE_DIR: a V8 CPU profile of the target (server or relay), written as it exits.
      ...(process.env['BENCH_TARGET_NODE_ARGS'] && entry === 'targetProcess.ts'
        ? process.env['BENCH_TARGET_NODE_ARGS'].split(' ')
        : []),
      ...(process.env['BENCH_PROFILE_DIR'] && entry === 'targetProcess.ts'
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE_DIR']}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (child.pid === undefined) throw new Error(`[bench] ${name}: could not start`);
  const pid = child.pid;
  const inbox: Reply[] = [];
  const waiters: Waiter[] = [];
  let ended: Error | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const failAll = (error: Error) => {
    ended ??= error;
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };
  child.on('message', (message: Reply) => {
    if (message.type === 'failed') {
      failAll(new Error(`[bench] ${name} failed: ${(message as { message?: string }).message ?? ''}`));
      return;
    }
    const index = waiters.findIndex((waiter) => waiter.type === message.type);
    const waiter = index >= 0 ? waiters.splice(index, 1)[0] : undefined;
    if (waiter) waiter.resolve(message);
    else inbox.push(message);
  });
  child.once('exit', (code, signal) => failAll(new Error(`[bench] ${name} exited (${signal ?? code})`)));
  child.once('error', (error) => failAll(error));

  return {
    name,
    pid,
    send(request) {
      if (child.connected) child.send(request);
    },
    next(type, timeoutMs) {
      type Wanted = Extract<Reply, { type: typeof type }>;
      const index = inbox.findIndex((message) => message.type === type);
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0] as Wanted);
      if (ended) return Promise.reject(ended);
      return new Promise<Wanted>((resolve, reject) => {
        const waiter: Waiter = {
          type,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message as Wanted);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new BenchTimeoutError(`${name}: no ${type} within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'stop' });
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(kill);
    },
  };
}
