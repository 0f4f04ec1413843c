/**
 * The routing model from the queues file: stages from overflow steps, labels, priorities and the
 * maximum wait; agents' queues and skills by Finesse team and by agent id; and the mistakes the file
 * may not make.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQueueFile, QueueConfigError } from '../../queueFile.ts';
import { createRoutingModel, stageAt } from './routingConfig.ts';

const model = (file: unknown) => createRoutingModel(loadQueueFile({ json: JSON.stringify(file) }));

describe('routing configuration', () => {
  it('reads the example queues file of docs/routing.md', () => {
    const routing = createRoutingModel(
      loadQueueFile({ file: join(import.meta.dirname, '../../../docs/queues.example.json') }),
    );
    expect(routing.configuredQueues()).toEqual(['billing', 'support', 'spanish']);
    expect(routing.agent('1002', '10')).toEqual({
      queues: new Set(['billing', 'spanish']),
      skills: { spanish: 4 },
    });
    expect(routing.agent('1003', '20').queues).toEqual(new Set(['support']));
  });

  it('without a queues file: every queue as it is named, every agent serving every queue', () => {
    const routing = createRoutingModel(loadQueueFile({}));
    const queue = routing.queue('anything');
    expect(queue).toMatchObject({
      name: 'anything',
      label: 'anything',
      priority: 0,
      maxWaitMs: null,
      serviceLevelMs: 30_000,
    });
    expect(stageAt(queue, 10 * 3600_000)).toMatchObject({
      index: 0,
      afterMs: 0,
      queues: ['anything'],
      skills: {},
      nextAtMs: null,
    });
    expect(routing.agent('1001', '10')).toEqual({ queues: 'all', skills: {} });
    expect(routing.policy).toBe('longest-idle');
  });

  it('turns overflow steps into stages: queues added up, skills replaced, each from its time', () => {
    const routing = model({
      defaults: { serviceLevelS: 20 },
      queues: {
        billing: {
          label: { en: 'Billing', de: 'Rechnung' },
          priority: 2,
          skills: { billing: 3, german: 2 },
          overflow: [
            { afterS: 60, queues: ['support'] },
            { afterS: 120, skills: { billing: 1 } },
            { afterS: 300, queues: ['sales'] },
          ],
          maxWaitS: 600,
        },
      },
    });
    const billing = routing.queue('billing');
    expect(billing).toMatchObject({
      label: { en: 'Billing', de: 'Rechnung' },
      priority: 2,
      serviceLevelMs: 20_000,
      maxWaitMs: 600_000,
    });
    expect(stageAt(billing, 59_999)).toEqual({
      index: 0,
      afterMs: 0,
      queues: ['billing'],
      skills: { billing: 3, german: 2 },
      nextAtMs: 60_000,
    });
    expect(stageAt(billing, 60_000)).toEqual({
      index: 1,
      afterMs: 60_000,
      queues: ['billing', 'support'],
      skills: { billing: 3, german: 2 },
      nextAtMs: 120_000,
    });
    expect(stageAt(billing, 200_000)).toEqual({
      index: 2,
      afterMs: 120_000,
      queues: ['billing', 'support'],
      skills: { billing: 1 },
      nextAtMs: 300_000,
    });
    expect(stageAt(billing, 900_000)).toEqual({
      index: 3,
      afterMs: 300_000,
      queues: ['billing', 'support', 'sales'],
      skills: { billing: 1 },
      nextAtMs: null,
    });
    expect(routing.configuredQueues()).toEqual(['billing']);
  });

  it('gives agents their queues by agent id, else by team, else the default; skill levels merge upwards', () => {
    const routing = model({
      agents: {
        default: { queues: ['general'], skills: { english: 3 } },
        byTeam: { '10': { queues: ['billing', 'support'], skills: { billing: 2 } } },
        byAgent: { '1001': { skills: { billing: 5 } }, '1002': { queues: ['*'] } },
      },
      routing: { policy: 'most-skilled' },
    });
    expect(routing.agent('1001', '10')).toEqual({
      queues: new Set(['billing', 'support']),
      skills: { english: 3, billing: 5 },
    });
    expect(routing.agent('1002', '10')).toEqual({ queues: 'all', skills: { english: 3, billing: 2 } });
    expect(routing.agent('1003', '10')).toEqual({
      queues: new Set(['billing', 'support']),
      skills: { english: 3, billing: 2 },
    });
    expect(routing.agent('1004', '20')).toEqual({ queues: new Set(['general']), skills: { english: 3 } });
    expect(routing.policy).toBe('most-skilled');
  });

  it.each([
    [
      'overflow that asks for more',
      { queues: { q: { skills: { a: 2 }, overflow: [{ afterS: 10, skills: { a: 3 } }] } } },
      /may only lower/,
    ],
    [
      'overflow that adds a skill',
      { queues: { q: { overflow: [{ afterS: 10, skills: { a: 1 } }] } } },
      /may only lower/,
    ],
    [
      'steps out of order',
      {
        queues: {
          q: {
            overflow: [
              { afterS: 60, queues: ['a'] },
              { afterS: 30, queues: ['b'] },
            ],
          },
        },
      },
      /increasing afterS/,
    ],
    [
      'a step that changes nothing',
      { queues: { q: { overflow: [{ afterS: 60 }] } } },
      /widens queues or skills/,
    ],
    ['a level out of range', { queues: { q: { skills: { a: 11 } } } }, /queues\.q\.skills\.a/],
    ['an unknown policy', { routing: { policy: 'random' } }, /routing\.policy/],
    ['an unknown key', { queues: { q: { prority: 1 } } }, /prority|Unrecognized/],
    [
      'a bad queue name in an agent’s queues',
      { agents: { byTeam: { '1': { queues: ['no spaces'] } } } },
      /agents\.byTeam\.1\.queues/,
    ],
  ])('refuses %s, naming where', (_what, file, message) => {
    expect(() => loadQueueFile({ json: JSON.stringify(file) })).toThrow(QueueConfigError);
    expect(() => loadQueueFile({ json: JSON.stringify(file) })).toThrow(message);
  });
});
