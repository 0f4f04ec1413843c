/**
 * XMPP Ping (XEP-0199 section 4.2) of the server after a quiet while: a connection that died
 * without closing (a laptop sleeping, a NAT forgetting it) is noticed within the interval plus the
 * ping's timeout, instead of when the next message is sent. Timers only; `ping` does the network.
 */
export interface Keepalive {
  /** Something arrived: the connection is alive, the quiet period starts again. */
  heard(): void;
  stop(): void;
}

/**
 * `ping` resolves when the server answered (an error answer counts: it is alive) and rejects when
 * no answer came in time; then `dead` is called once.
 */
export function startKeepalive(
  intervalMs: number,
  ping: () => Promise<unknown>,
  dead: () => void,
): Keepalive {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = intervalMs <= 0;

  const arm = () => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      ping().then(arm, () => {
        if (stopped) return;
        stopped = true;
        dead();
      });
    }, intervalMs);
  };
  arm();

  return {
    heard: arm,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
