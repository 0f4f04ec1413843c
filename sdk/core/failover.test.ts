import { describe, expect, it } from 'vitest';
import { initialFailoverState, reduceFailover } from './failover.ts';
import type { FailoverEffect, FailoverEvent, FailoverState } from './failover.ts';

const T0 = 1_000;
const AT = 5_000;
const onPrimary: FailoverState = { active: 'primary', primaryUp: true, secondaryUp: true, since: T0 };
const onSecondary: FailoverState = { active: 'secondary', primaryUp: false, secondaryUp: true, since: T0 };
const halted: FailoverState = { active: null, primaryUp: false, secondaryUp: false, since: T0 };
const probe = (node: 'primary' | 'secondary', up: boolean): FailoverEvent => ({
  type: 'probe',
  node,
  up,
  at: AT,
});
const poll = (primaryUp: boolean, secondaryUp: boolean): FailoverEvent => ({
  type: 'poll',
  primaryUp,
  secondaryUp,
  at: AT,
});

describe('reduceFailover: the Finesse failover table', () => {
  it.each<[string, FailoverState, FailoverEvent, FailoverState, FailoverEffect[]]>([
    [
      'row "publisher Finesse is inaccessible": switches to the subscriber node',
      onPrimary,
      probe('primary', false),
      { active: 'secondary', primaryUp: false, secondaryUp: true, since: AT },
      [{ type: 'switchTo', node: 'secondary', from: 'primary' }],
    ],
    [
      'row "publisher inaccessible": keeps polling the publisher, staying on the subscriber while it fails',
      onSecondary,
      probe('primary', false),
      onSecondary,
      [],
    ],
    [
      'row "publisher Finesse restores": switches back to the publisher',
      onSecondary,
      probe('primary', true),
      { active: 'primary', primaryUp: true, secondaryUp: true, since: AT },
      [{ type: 'switchTo', node: 'primary', from: 'secondary' }],
    ],
    [
      'row "both publisher and subscriber are down": halts login and media blending (subscriber fails last)',
      onSecondary,
      probe('secondary', false),
      { ...halted, since: AT },
      [{ type: 'halt' }],
    ],
    [
      'row "both down": a poll with both nodes down halts at once, without a detour to the subscriber',
      onPrimary,
      poll(false, false),
      { ...halted, since: AT },
      [{ type: 'halt' }],
    ],
    ['row "both down": stays halted while no node answers', halted, poll(false, false), halted, []],
    [
      'row "until any node is up again": the subscriber comes back → resume on the subscriber',
      halted,
      probe('secondary', true),
      { active: 'secondary', primaryUp: false, secondaryUp: true, since: AT },
      [
        { type: 'switchTo', node: 'secondary', from: null },
        { type: 'resume', node: 'secondary' },
      ],
    ],
    [
      'row "until any node is up again": the publisher comes back → resume on the publisher',
      halted,
      probe('primary', true),
      { active: 'primary', primaryUp: true, secondaryUp: false, since: AT },
      [
        { type: 'switchTo', node: 'primary', from: null },
        { type: 'resume', node: 'primary' },
      ],
    ],
    [
      'row "until any node is up again": both come back in one poll → resume on the publisher',
      halted,
      poll(true, true),
      { active: 'primary', primaryUp: true, secondaryUp: true, since: AT },
      [
        { type: 'switchTo', node: 'primary', from: null },
        { type: 'resume', node: 'primary' },
      ],
    ],
  ])('%s', (_name, state, event, expectedState, expectedEffects) => {
    const step = reduceFailover(state, event);
    expect(step.state).toEqual(expectedState);
    expect(step.effects).toEqual(expectedEffects);
  });
});

describe('reduceFailover: beyond the rows of the table', () => {
  it.each<[string, FailoverState, FailoverEvent, FailoverState]>([
    [
      'records a subscriber outage while on the publisher without switching',
      onPrimary,
      probe('secondary', false),
      { ...onPrimary, secondaryUp: false },
    ],
    ['changes nothing when the active publisher answers again', onPrimary, probe('primary', true), onPrimary],
    [
      'stays on the subscriber when only the subscriber is probed up',
      onSecondary,
      probe('secondary', true),
      onSecondary,
    ],
  ])('%s (no effects, `since` unchanged)', (_name, state, event, expectedState) => {
    const step = reduceFailover(state, event);
    expect(step).toEqual({ state: expectedState, effects: [] });
  });

  it('plays the whole outage: publisher down → subscriber, both down → halt, subscriber back → resume, publisher back', () => {
    const events = [probe('primary', false), probe('secondary', false), probe('secondary', true)];
    events.push(probe('primary', true));
    let state = initialFailoverState(0);
    const log: Array<FailoverState['active']> = [];
    const effects: string[] = [];
    for (const event of events) {
      const step = reduceFailover(state, event);
      state = step.state;
      log.push(state.active);
      effects.push(...step.effects.map((e) => (e.type === 'halt' ? 'halt' : `${e.type}:${e.node}`)));
    }
    expect(log).toEqual(['secondary', null, 'secondary', 'primary']);
    expect(effects).toEqual([
      'switchTo:secondary',
      'halt',
      'switchTo:secondary',
      'resume:secondary',
      'switchTo:primary',
    ]);
  });

  it('starts on the publisher with both nodes assumed up', () => {
    expect(initialFailoverState(42)).toEqual({
      active: 'primary',
      primaryUp: true,
      secondaryUp: true,
      since: 42,
    });
  });

  it('does not mutate the state it is given', () => {
    const state = { ...onPrimary };
    reduceFailover(state, probe('primary', false));
    expect(state).toEqual(onPrimary);
  });
});
