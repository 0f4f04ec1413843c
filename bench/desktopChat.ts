/**
 * Desktop Chat benchmark: the round trip of a chat message between two agents through a
 * throwaway Prosody (server/testing/prosodyServer.ts), over BOSH (XEP-0206, our transport in
 * sdk/transport/bosh) against WebSocket (RFC 7395). One agent sends, the other answers each
 * message as it arrives; the time from sending to the answer's arrival is one round trip. One
 * message at a time: this measures the transport's latency, not throughput. Sign-in time (SASL,
 * bind, roster, carbons, presence) is reported too. A quick run sends 20 messages per transport
 * (about 5 s with Prosody's start); without Prosody installed the benchmark says so and is skipped.
 */
import { existsSync } from 'node:fs';
import { startProsody, type ProsodyServer } from '../server/testing/prosodyServer.ts';
import { createDesktopChat } from '../sdk/desktop-chat/desktopChat.ts';
import type { DesktopChat, DesktopChatTransport } from '../sdk/desktop-chat/types.ts';
import type { Benchmark, BenchReport } from './benchmark.ts';
import { withTimeout, type Deadline } from './deadline.ts';
import { round3, summarize, type LatencySummary } from './stats.ts';
import { formatTable } from './table.ts';

const WARMUP = 5;
const ROUND_TRIP_TIMEOUT_MS = 10_000;
const TRANSPORTS: readonly DesktopChatTransport[] = ['bosh', 'websocket'];

interface TransportResult {
  transport: DesktopChatTransport;
  signInMs: number;
  roundTrip: LatencySummary;
  lost: number;
}

function chatOn(prosody: ProsodyServer, transport: DesktopChatTransport, user: string): DesktopChat {
  return createDesktopChat({
    service: { primary: transport === 'bosh' ? prosody.boshUrl : prosody.websocketUrl },
    transport,
    domain: prosody.domain,
    username: user,
    password: `pw-${user}`,
    resource: `bench-${transport}`,
  });
}

async function measure(
  prosody: ProsodyServer,
  transport: DesktopChatTransport,
  count: number,
  deadline: Deadline,
): Promise<TransportResult> {
  const sender = chatOn(prosody, transport, 'ann');
  const echo = chatOn(prosody, transport, 'ben');
  try {
    const signInStarted = performance.now();
    await deadline.race(Promise.all([sender.start(), echo.start()]), `desktop chat ${transport}: sign-in`);
    const signInMs = (performance.now() - signInStarted) / 2; // two sign-ins side by side, per agent
    echo.on('message', (message) => {
      if (message.direction === 'in')
        void echo.sendMessage(message.peer, `re:${message.body}`).catch(() => undefined);
    });
    const samples: number[] = [];
    let lost = 0;
    for (let i = 0; i < WARMUP + count; i += 1) {
      const body = `${transport}-${i}`;
      const answered = new Promise<void>((resolve) => {
        const off = sender.on('message', (message) => {
          if (message.direction !== 'in' || message.body !== `re:${body}`) return;
          off();
          resolve();
        });
      });
      const startedAt = performance.now();
      await sender.sendMessage('ben@desktop-chat.bench', body);
      const ok = await withTimeout(
        answered,
        Math.min(ROUND_TRIP_TIMEOUT_MS, deadline.remainingMs()),
        body,
      ).then(
        () => true,
        () => false,
      );
      if (!ok) lost += 1;
      else if (i >= WARMUP) samples.push(performance.now() - startedAt);
    }
    return { transport, signInMs, roundTrip: summarize(samples), lost };
  } finally {
    await Promise.all([sender.stop(), echo.stop()]);
  }
}

export const desktopChatBenchmark: Benchmark = {
  name: 'desktopChat',
  async run(options, deadline): Promise<BenchReport> {
    if (!existsSync('/usr/bin/prosody')) {
      const note = 'skipped: Prosody is not installed (apt-get install prosody)';
      return { table: `Desktop Chat round trip: ${note}`, json: { skipped: note }, failures: [] };
    }
    const count = options.quick ? 20 : 200;
    const prosody = await deadline.race(
      startProsody({
        domain: 'desktop-chat.bench',
        users: ['ann', 'ben'].map((username) => ({ username, password: `pw-${username}` })),
      }),
      'desktop chat: Prosody start',
    );
    try {
      const results: TransportResult[] = [];
      for (const transport of TRANSPORTS) results.push(await measure(prosody, transport, count, deadline));
      const ms = (value: number) => value.toFixed(2);
      const table = formatTable(
        ['Desktop Chat round trip', 'messages', 'sign-in ms', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'lost'],
        results.map((r) => [
          r.transport,
          String(r.roundTrip.count),
          ms(r.signInMs),
          ms(r.roundTrip.p50),
          ms(r.roundTrip.p95),
          ms(r.roundTrip.p99),
          ms(r.roundTrip.max),
          String(r.lost),
        ]),
      );
      const bosh = results.find((r) => r.transport === 'bosh');
      const websocket = results.find((r) => r.transport === 'websocket');
      return {
        table,
        json: {
          messagesPerTransport: count,
          results: results.map((r) => ({
            transport: r.transport,
            signInMs: round3(r.signInMs),
            lost: r.lost,
            roundTrip: Object.fromEntries(Object.entries(r.roundTrip).map(([k, v]) => [k, round3(v)])),
          })),
          boshOverWebsocketP50:
            bosh && websocket ? round3(bosh.roundTrip.p50 / websocket.roundTrip.p50) : null,
        },
        failures: results
          .filter((r) => r.lost > 0)
          .map((r) => `desktopChat ${r.transport}: ${r.lost} messages lost`),
      };
    } finally {
      await prosody.stop();
    }
  },
};
