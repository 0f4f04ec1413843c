/**
 * Who may be offered a chat, as a table: the agent's requested state, connection, media blending
 * (voice state and call type) and capacity (chats and wrap-ups against the
 * maximum), plus the Finesse halt; and the staffing each queue counts from the same agents.
 */
import { describe, expect, it } from 'vitest';
import type { CallType } from '../../../sdk/core/blending.ts';
import type { VoiceState } from '../../../sdk/core/finesseXml.ts';
import { createAgentPool } from './agentPool.ts';

interface Row {
  name: string;
  requested?: 'READY' | 'NOT_READY';
  connections?: number;
  voice?: { state: VoiceState; callType: CallType | null } | null;
  active?: number;
  wrapping?: number;
  offer?: boolean;
  halted?: boolean;
  free: boolean;
  state: string;
}

const rows: Row[] = [
  { name: 'READY, signed in, no chats: free', free: true, state: 'READY' },
  { name: 'NOT_READY: not free', requested: 'NOT_READY', free: false, state: 'NOT_READY' },
  { name: 'signed out (no connection): not free', connections: 0, free: false, state: 'READY' },
  { name: 'one chat of two: free (ACTIVE)', active: 1, free: true, state: 'ACTIVE' },
  { name: 'at the maximum: not free (BUSY)', active: 2, free: false, state: 'BUSY' },
  {
    name: 'a chat and a wrap-up fill both slots: not free',
    active: 1,
    wrapping: 1,
    free: false,
    state: 'BUSY',
  },
  { name: 'an offer pending: not free for another', offer: true, free: false, state: 'READY' },
  {
    name: 'on a routed voice call (blending: INTERRUPTED): not free',
    voice: { state: 'TALKING', callType: 'inbound' },
    free: false,
    state: 'INTERRUPTED',
  },
  {
    name: 'voice NOT_READY, no call: chat goes on',
    voice: { state: 'NOT_READY', callType: null },
    free: true,
    state: 'READY',
  },
  {
    name: 'an internal call with no chat yet interrupts chat',
    voice: { state: 'TALKING', callType: 'consult' },
    free: false,
    state: 'INTERRUPTED',
  },
  {
    name: 'an internal call while a chat is on: not interrupted, still free',
    voice: { state: 'TALKING', callType: 'consult' },
    active: 1,
    free: true,
    state: 'ACTIVE',
  },
  { name: 'Finesse halted: nobody is free', halted: true, free: false, state: 'READY' },
];

describe('agent pool: who is free for an offer', () => {
  it.each(rows)('$name', (row) => {
    const pool = createAgentPool({
      maxChatsPerAgent: 2,
      routing: () => ({ queues: new Set(['billing']), skills: {} }),
      status: () => undefined,
      voiceAction: () => undefined,
      now: () => 1000,
    });
    const agent = pool.ensure('a1', 'Alice', '10');
    agent.requested = row.requested ?? 'READY';
    agent.connections = row.connections ?? 1;
    agent.voice = row.voice ? { ...row.voice, reasonCodeId: null, reasonLabel: null } : null;
    for (let index = 0; index < (row.active ?? 0); index++) agent.active.add(`chat-${index}`);
    for (let index = 0; index < (row.wrapping ?? 0); index++) agent.wrapping.add(`wrap-${index}`);
    if (row.offer) agent.offer = { chatId: 'x', expiresAt: 0, timer: setTimeout(() => undefined, 0) };
    pool.touch(agent);
    if (row.halted) pool.setHalted(true);
    if (agent.offer) clearTimeout(agent.offer.timer);

    expect(pool.isFree(agent)).toBe(row.free);
    expect(pool.status(agent).state).toBe(row.state);
    // The index of free agents agrees with the rule.
    expect(pool.freeLists(['billing']).flat().includes(agent)).toBe(row.free);
    const staffing = pool.staffing('billing');
    const counted = !row.halted && (row.connections ?? 1) > 0 && (row.requested ?? 'READY') === 'READY';
    expect(staffing.agents).toBe(counted ? 1 : 0);
    expect(pool.staffing('support').agents).toBe(0);
  });

  it('keeps the free list in idle order, and staffing per queue without double counting', () => {
    const pool = createAgentPool({
      maxChatsPerAgent: 5,
      routing: (id) =>
        id === 'all'
          ? { queues: 'all', skills: {} }
          : { queues: new Set([id === 'b' ? 'billing' : 'support']), skills: {} },
      status: () => undefined,
      voiceAction: () => undefined,
      now: () => 0,
    });
    const make = (id: string, idleSince: number) => {
      const agent = pool.ensure(id, id);
      agent.requested = 'READY';
      agent.connections = 1;
      agent.idleSince = idleSince;
      pool.touch(agent);
      return agent;
    };
    make('b', 300);
    make('all', 100);
    make('s', 200);
    expect(pool.freeLists(['billing']).map((list) => list.map((agent) => agent.id))).toEqual([
      ['all'],
      ['b'],
    ]);
    expect(pool.staffing('billing')).toEqual({ agents: 2, slots: 10, freeSlots: 10 });
    expect(pool.staffing('support')).toEqual({ agents: 2, slots: 10, freeSlots: 10 });
    const b = pool.get('b')!;
    b.active.add('chat');
    pool.touch(b);
    expect(pool.staffing('billing')).toEqual({ agents: 2, slots: 10, freeSlots: 9 });
  });
});
