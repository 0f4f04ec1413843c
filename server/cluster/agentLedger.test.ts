import { describe, expect, it } from 'vitest';
import type { VoiceReport } from '../../sdk/core/protocol.ts';
import { createAgentLedger, type AgentAnnouncement } from './agentLedger.ts';

/** A router that counts what the ledger tells it. */
function countingRouter() {
  const connections = new Map<string, number>();
  const voices: Array<[string, VoiceReport]> = [];
  return {
    connections,
    voices,
    agentConnected(agentId: string) {
      connections.set(agentId, (connections.get(agentId) ?? 0) + 1);
      return { agentId } as never;
    },
    agentDisconnected(agentId: string) {
      connections.set(agentId, (connections.get(agentId) ?? 0) - 1);
    },
    reportVoice(agentId: string, voice: VoiceReport) {
      voices.push([agentId, voice]);
      return { agentId } as never;
    },
  };
}

const announced = (
  agentId: string,
  connections: number,
  voice: VoiceReport | null = null,
): AgentAnnouncement => ({
  agentId,
  name: `Agent ${agentId}`,
  connections,
  voice,
});

function setup() {
  let clock = 0;
  const router = countingRouter();
  const ledger = createAgentLedger({
    router,
    syncMs: 1000,
    log: { warn: () => undefined },
    now: () => clock,
  });
  return { router, ledger, advance: (ms: number) => (clock += ms) };
}

describe('agent ledger', () => {
  it('matches disconnects to the connects it holds, per node', () => {
    const { ledger } = setup();
    ledger.connected('a', '1001');
    expect(ledger.disconnected('b', '1001')).toBe(false);
    expect(ledger.disconnected('a', '1001')).toBe(true);
    expect(ledger.disconnected('a', '1001')).toBe(false);
  });

  it('an announcement sets a node’s counts: the router hears only the differences', () => {
    const { router, ledger } = setup();
    ledger.connected('a', '1001');
    router.agentConnected('1001');
    ledger.announce('a', [announced('1001', 2), announced('1002', 1)]);
    expect(router.connections.get('1001')).toBe(2);
    expect(router.connections.get('1002')).toBe(1);
    // 1002 left and its disconnect was lost: the next announcement puts it right.
    ledger.announce('a', [announced('1001', 2)]);
    expect(router.connections.get('1001')).toBe(2);
    expect(router.connections.get('1002')).toBe(0);
  });

  it('repeats a voice state only when it changed', () => {
    const { router, ledger } = setup();
    const talking = { state: 'TALKING' } as unknown as VoiceReport;
    ledger.announce('a', [announced('1001', 1, talking)]);
    ledger.announce('a', [announced('1001', 1, talking)]);
    expect(router.voices).toHaveLength(1);
    ledger.voice('1001', { state: 'READY' } as unknown as VoiceReport);
    ledger.announce('a', [announced('1001', 1, talking)]);
    expect(router.voices).toHaveLength(2);
  });

  it('a node silent for five periods takes its agents’ connections with it; others stay', () => {
    const { router, ledger, advance } = setup();
    ledger.announce('a', [announced('1001', 1)]);
    ledger.announce('b', [announced('1002', 1)]);
    advance(4000);
    ledger.announce('b', [announced('1002', 1)]);
    ledger.sweep();
    expect(router.connections.get('1001')).toBe(1);
    advance(1500);
    ledger.sweep();
    expect(router.connections.get('1001')).toBe(0);
    expect(router.connections.get('1002')).toBe(1);
    // Back again: it announces as a new node.
    ledger.announce('a', [announced('1001', 1)]);
    expect(router.connections.get('1001')).toBe(1);
  });
});
