/**
 * A time budget shared by every phase of a benchmark run, so that a stuck server, a lost
 * ack or a socket that never connects still ends the run with an error instead of a hang.
 */
export class BenchTimeoutError extends Error {
  override name = 'BenchTimeoutError';
}

export interface Deadline {
  remainingMs(): number;
  /** Settles like `promise`, or rejects with a `BenchTimeoutError` naming `what` when the budget runs out. */
  race<T>(promise: Promise<T>, what: string): Promise<T>;
}

/** Settles like `promise`, or rejects with a `BenchTimeoutError` naming `what` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BenchTimeoutError(`${what}: not done in time`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function createDeadline(budgetMs: number, now: () => number = () => performance.now()): Deadline {
  const end = now() + budgetMs;
  const remainingMs = () => Math.max(0, end - now());
  return { remainingMs, race: (promise, what) => withTimeout(promise, remainingMs(), what) };
}
