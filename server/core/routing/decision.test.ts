/**
 * The routing decision as a table, like blend()'s: who gets which chat for skills and levels,
 * queues and overflow stages, priorities, ties, capacity and the two policies.
 */
import { describe, expect, it } from 'vitest';
import { decide, type AgentCandidate, type ChatCandidate } from './decision.ts';
import type { AgentRouting } from './routingConfig.ts';

const routing = (queues: string[] | 'all', skills: Record<string, number> = {}): AgentRouting => ({
  queues: queues === 'all' ? 'all' : new Set(queues),
  skills,
});

const agent = (
  id: string,
  over: Partial<AgentCandidate> & { queues?: string[] | 'all'; skills?: Record<string, number> } = {},
): AgentCandidate => ({
  id,
  idleSince: over.idleSince ?? 0,
  busySlots: over.busySlots ?? 0,
  routing: over.routing ?? routing(over.queues ?? 'all', over.skills ?? {}),
});

const chat = (
  id: string,
  over: Partial<Omit<ChatCandidate, 'stage' | 'passedBy'>> & {
    queues?: string[];
    skills?: Record<string, number>;
    passedBy?: string[];
  } = {},
): ChatCandidate => ({
  id,
  priority: over.priority ?? 0,
  queuedAt: over.queuedAt ?? 0,
  stage: { queues: over.queues ?? ['default'], skills: over.skills ?? {} },
  passedBy: new Set(over.passedBy ?? []),
});

interface Row {
  name: string;
  chats: ChatCandidate[];
  agents: AgentCandidate[];
  policy?: 'longest-idle' | 'most-skilled';
  expected: Array<[chatId: string, agentId: string]>;
}

const rows: Row[] = [
  {
    name: 'a chat goes to an agent of its queue, never to one of another queue',
    chats: [chat('billing-1', { queues: ['billing'] })],
    agents: [
      agent('support', { queues: ['support'], idleSince: 0 }),
      agent('billing', { queues: ['billing'], idleSince: 5 }),
    ],
    expected: [['billing-1', 'billing']],
  },
  {
    name: 'nobody of its queue: the chat waits',
    chats: [chat('billing-1', { queues: ['billing'] })],
    agents: [agent('support', { queues: ['support'] })],
    expected: [],
  },
  {
    name: 'an agent serving every queue takes any chat',
    chats: [chat('billing-1', { queues: ['billing'] })],
    agents: [agent('all', { queues: 'all' })],
    expected: [['billing-1', 'all']],
  },
  {
    name: 'a skill at the level or above qualifies; below it does not',
    chats: [chat('es', { skills: { spanish: 3 } })],
    agents: [
      agent('level-2', { skills: { spanish: 2 }, idleSince: 0 }),
      agent('level-3', { skills: { spanish: 3 }, idleSince: 10 }),
    ],
    expected: [['es', 'level-3']],
  },
  {
    name: 'every required skill is needed',
    chats: [chat('es-billing', { skills: { spanish: 1, billing: 2 } })],
    agents: [
      agent('spanish-only', { skills: { spanish: 5 }, idleSince: 0 }),
      agent('both', { skills: { spanish: 1, billing: 2 }, idleSince: 9 }),
    ],
    expected: [['es-billing', 'both']],
  },
  {
    name: 'an overflow stage widens the queues: the other queue’s agent may take it',
    chats: [chat('billing-1', { queues: ['billing', 'support'] })],
    agents: [agent('support', { queues: ['support'] })],
    expected: [['billing-1', 'support']],
  },
  {
    name: 'an overflow stage lowers the levels',
    chats: [chat('es', { skills: { spanish: 1 } })],
    agents: [agent('beginner', { skills: { spanish: 1 } })],
    expected: [['es', 'beginner']],
  },
  {
    name: 'longest idle first',
    chats: [chat('c1')],
    agents: [
      agent('recent', { idleSince: 500 }),
      agent('oldest', { idleSince: 100 }),
      agent('middle', { idleSince: 300 }),
    ],
    expected: [['c1', 'oldest']],
  },
  {
    name: 'ties in idle time: fewer busy slots first, then the id',
    chats: [chat('c1'), chat('c2', { queuedAt: 1 })],
    agents: [
      agent('b', { idleSince: 100, busySlots: 2 }),
      agent('c', { idleSince: 100, busySlots: 1 }),
      agent('a', { idleSince: 100, busySlots: 2 }),
    ],
    expected: [
      ['c1', 'c'],
      ['c2', 'a'],
    ],
  },
  {
    name: 'most skilled: the highest level wins over idle time',
    policy: 'most-skilled',
    chats: [chat('es', { skills: { spanish: 2 } })],
    agents: [
      agent('idle-long', { skills: { spanish: 2 }, idleSince: 0 }),
      agent('expert', { skills: { spanish: 9 }, idleSince: 900 }),
    ],
    expected: [['es', 'expert']],
  },
  {
    name: 'most skilled sums the levels of every skill the chat needs; equal sums fall back to idle time',
    policy: 'most-skilled',
    chats: [chat('both', { skills: { spanish: 1, billing: 1 } }), chat('plain', { queuedAt: 5 })],
    agents: [
      agent('six', { skills: { spanish: 3, billing: 3 }, idleSince: 50 }),
      agent('seven', { skills: { spanish: 6, billing: 1 }, idleSince: 60 }),
      agent('plain', { idleSince: 10 }),
    ],
    expected: [
      ['both', 'seven'],
      ['plain', 'plain'],
    ],
  },
  {
    name: 'higher priority first across queues, even when it arrived later',
    chats: [chat('low', { queuedAt: 0, priority: 0 }), chat('vip', { queuedAt: 100, priority: 5 })],
    agents: [agent('only')],
    expected: [['vip', 'only']],
  },
  {
    name: 'same priority: the longest-waiting chat first',
    chats: [chat('later', { queuedAt: 50 }), chat('earlier', { queuedAt: 10 })],
    agents: [agent('only')],
    expected: [['earlier', 'only']],
  },
  {
    name: 'each agent gets at most one chat per decision; chats beyond the free agents wait',
    chats: [chat('c1', { queuedAt: 1 }), chat('c2', { queuedAt: 2 }), chat('c3', { queuedAt: 3 })],
    agents: [agent('a', { idleSince: 1 }), agent('b', { idleSince: 2 })],
    expected: [
      ['c1', 'a'],
      ['c2', 'b'],
    ],
  },
  {
    name: 'an agent who passed the chat by is not offered it again; the next one is',
    chats: [chat('c1', { passedBy: ['declined'] })],
    agents: [agent('declined', { idleSince: 0 }), agent('next', { idleSince: 10 })],
    expected: [['c1', 'next']],
  },
  {
    name: 'a skilled agent is not used up by an earlier chat another agent could take: order decides',
    chats: [chat('plain', { queuedAt: 1 }), chat('es', { queuedAt: 2, skills: { spanish: 2 } })],
    agents: [agent('es-agent', { skills: { spanish: 2 }, idleSince: 0 }), agent('other', { idleSince: 5 })],
    // Greedy in chat order: longest idle takes the older chat, the Spanish one then has nobody.
    expected: [['plain', 'es-agent']],
  },
];

describe('the routing decision', () => {
  it.each(rows)('$name', ({ chats, agents, policy, expected }) => {
    const offers = decide({ chats, agents, policy: policy ?? 'longest-idle' });
    expect(offers.map((offer) => [offer.chatId, offer.agentId])).toEqual(expected);
  });

  it('never offers a chat to an agent who is not eligible, whatever the input', () => {
    const skills = ['a', 'b', 'c'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const chats = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, index) =>
        chat(`c${index}`, {
          queuedAt: Math.floor(random() * 100),
          priority: Math.floor(random() * 3),
          queues: [['q1'], ['q2'], ['q1', 'q2']][Math.floor(random() * 3)]!,
          skills: random() < 0.5 ? { [skills[Math.floor(random() * 3)]!]: 1 + Math.floor(random() * 5) } : {},
        }),
      );
      const agents = Array.from({ length: Math.floor(random() * 6) }, (_, index) =>
        agent(`a${index}`, {
          idleSince: Math.floor(random() * 100),
          queues: random() < 0.2 ? 'all' : [['q1'], ['q2']][Math.floor(random() * 2)]!,
          skills: Object.fromEntries(
            skills.filter(() => random() < 0.5).map((skill) => [skill, 1 + Math.floor(random() * 5)]),
          ),
        }),
      );
      const offers = decide({ chats, agents, policy: random() < 0.5 ? 'longest-idle' : 'most-skilled' });
      const used = new Set<string>();
      for (const offer of offers) {
        const c = chats.find((item) => item.id === offer.chatId)!;
        const a = agents.find((item) => item.id === offer.agentId)!;
        expect(used.has(a.id)).toBe(false);
        used.add(a.id);
        const servesQueue =
          a.routing.queues === 'all' || c.stage.queues.some((q) => (a.routing.queues as Set<string>).has(q));
        expect(servesQueue).toBe(true);
        for (const [skill, level] of Object.entries(c.stage.skills))
          expect(a.routing.skills[skill] ?? 0).toBeGreaterThanOrEqual(level);
      }
    }
  });
});
