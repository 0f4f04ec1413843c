/**
 * Desktop Chat catch-up benchmark: messages sent to an agent while the BOSH session was lost
 * (a cut longer than its retries), fetched from the server's archive (XEP-0313,
 * sdk/desktop-chat/archive.ts) by the next session, against the same number delivered live.
 * A throwaway Prosody with a TCP proxy in front (server/testing/prosodyCutProxy.ts): the agent
 * connects through it, the colleague directly. Reported: the time until every message is shown
 * (live: from the first send; catch-up: from the end of the cut, signing in again included), the
 * part of it spent signing in again, and messages lost or shown twice. A quick run sends 20 (one archive
 * page); a full run 120 (three pages).
 */
import { existsSync } from 'node:fs';
import { cutProxy, type CutProxy } from '../server/testing/prosodyCutProxy.ts';
import { startProsody, type ProsodyServer } from '../server/testing/prosodyServer.ts';
import { createDesktopChat } from '../sdk/desktop-chat/desktopChat.ts';
import type { DesktopChat } from '../sdk/desktop-chat/types.ts';
import type { Benchmark, BenchReport } from './benchmark.ts';
import type { Deadline } from './deadline.ts';
import { round3 } from './stats.ts';
import { formatTable } from './table.ts';

const DOMAIN = 'catch-up.bench';

interface Row {
  readonly scenario: 'live' | 'catch-up';
  readonly messages: number;
  /** Until every message was shown: from the first send (live), from the end of the cut (catch-up). */
  readonly allShownMs: number;
  /** From the end of the cut to the new session being online (catch-up only). */
  readonly signInAgainMs: number | null;
  readonly lost: number;
  readonly repeated: number;
}

/** Counts the colleague's messages with `prefix` as they are shown; resolves when all `count` are. */
function counter(chat: DesktopChat, prefix: string, count: number, deadline: Deadline) {
  const seen = new Map<string, number>();
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const off = chat.on('message', (message) => {
    if (message.direction !== 'in' || !message.body.startsWith(prefix)) return;
    seen.set(message.body, (seen.get(message.body) ?? 0) + 1);
    if (seen.size === count) done();
  });
  return {
    wait: () =>
      deadline
        .race(all, `desktop chat catch-up: ${prefix} messages`)
        .catch(() => undefined)
        .finally(off),
    lost: () => count - seen.size,
    repeated: () => [...seen.values()].reduce((sum, n) => sum + n - 1, 0),
  };
}

async function run(
  prosody: ProsodyServer,
  proxy: CutProxy,
  count: number,
  deadline: Deadline,
): Promise<Row[]> {
  const agent = createDesktopChat({
    service: { primary: `http://127.0.0.1:${proxy.port}/http-bind` },
    transport: 'bosh',
    domain: DOMAIN,
    username: 'ann',
    password: 'pw-ann',
    // Retries give up after about 0.3 s: a cut of a second loses the BOSH session.
    bosh: { wait: 5, maxRetries: 1, retryDelayMs: 300 },
    reconnect: { baseDelayMs: 200, maxDelayMs: 200 },
  });
  const colleague = createDesktopChat({
    service: { primary: prosody.websocketUrl },
    transport: 'websocket',
    domain: DOMAIN,
    username: 'ben',
    password: 'pw-ben',
  });
  const send = async (prefix: string) => {
    for (let i = 0; i < count; i += 1) await colleague.sendMessage(`ann@${DOMAIN}`, `${prefix}-${i}`);
  };
  try {
    await deadline.race(Promise.all([agent.start(), colleague.start()]), 'desktop chat catch-up: sign-in');

    const live = counter(agent, 'live', count, deadline);
    const liveStarted = performance.now();
    await send('live');
    await live.wait();
    const liveMs = performance.now() - liveStarted;

    const missed = counter(agent, 'missed', count, deadline);
    const dropped = new Promise<void>((resolve) => {
      const off = agent.on('status', (status) => status === 'reconnecting' && (off(), resolve()));
    });
    proxy.cut();
    await deadline.race(dropped, 'desktop chat catch-up: drop');
    await send('missed');
    let onlineAt = 0;
    const online = new Promise<void>((resolve) => {
      const off = agent.on('status', (status) => {
        if (status !== 'online') return;
        onlineAt = performance.now();
        off();
        resolve();
      });
    });
    const restoredAt = performance.now();
    proxy.restore();
    await deadline.race(online, 'desktop chat catch-up: signing in again');
    await missed.wait();
    const caughtUpMs = performance.now() - restoredAt;
    return [
      {
        scenario: 'live',
        messages: count,
        allShownMs: liveMs,
        signInAgainMs: null,
        lost: live.lost(),
        repeated: live.repeated(),
      },
      {
        scenario: 'catch-up',
        messages: count,
        allShownMs: caughtUpMs,
        signInAgainMs: onlineAt - restoredAt,
        lost: missed.lost(),
        repeated: missed.repeated(),
      },
    ];
  } finally {
    await Promise.all([agent.stop(), colleague.stop()]);
  }
}

export const desktopChatCatchUpBenchmark: Benchmark = {
  name: 'desktopChatCatchUp',
  async run(options, deadline): Promise<BenchReport> {
    if (!existsSync('/usr/bin/prosody')) {
      const note = 'skipped: Prosody is not installed (apt-get install prosody)';
      return { table: `Desktop Chat catch-up: ${note}`, json: { skipped: note }, failures: [] };
    }
    const count = options.quick ? 20 : 120;
    const prosody = await deadline.race(
      startProsody({
        domain: DOMAIN,
        users: ['ann', 'ben'].map((username) => ({ username, password: `pw-${username}` })),
      }),
      'desktop chat catch-up: Prosody start',
    );
    const proxy = await cutProxy(prosody.httpPort);
    try {
      const rows = await run(prosody, proxy, count, deadline);
      const ms = (value: number | null) => (value === null ? '–' : value.toFixed(1));
      return {
        table: formatTable(
          [
            'Desktop Chat: messages to the agent',
            'messages',
            'all shown ms',
            'signed in again ms',
            'lost',
            'twice',
          ],
          rows.map((r) => [
            r.scenario === 'live' ? 'live (baseline)' : 'missed in a lost BOSH session, from the archive',
            String(r.messages),
            ms(r.allShownMs),
            ms(r.signInAgainMs),
            String(r.lost),
            String(r.repeated),
          ]),
        ),
        json: {
          results: rows.map((r) => ({
            ...r,
            allShownMs: round3(r.allShownMs),
            signInAgainMs: r.signInAgainMs === null ? null : round3(r.signInAgainMs),
          })),
        },
        failures: rows
          .filter((r) => r.lost > 0 || r.repeated > 0)
          .map((r) => `desktopChatCatchUp ${r.scenario}: ${r.lost} lost, ${r.repeated} shown twice`),
      };
    } finally {
      await proxy.close();
      await prosody.stop();
    }
  },
};
