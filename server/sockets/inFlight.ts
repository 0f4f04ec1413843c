/**
 * The socket requests being answered now. A graceful stop ends the sockets first and then waits
 * for these, so that a write that was received commits before storage closes; its ack cannot reach
 * the client any more, which sends it again after reconnecting and gets the stored message back
 * (a retry carries the same clientId).
 */
export interface InFlight {
  /** One request begins; call what it returns once it has been answered (more calls change nothing). */
  begin(): () => void;
  /** Resolves once no request is being answered. */
  settled(): Promise<void>;
  readonly count: number;
}

export function createInFlight(): InFlight {
  let count = 0;
  const waiting: Array<() => void> = [];
  return {
    begin() {
      count += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        count -= 1;
        if (count === 0) for (const resolve of waiting.splice(0)) resolve();
      };
    },
    settled: () => (count === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
    get count() {
      return count;
    },
  };
}
