import { describe, expect, it } from 'vitest';
import { createRefusals } from './refusals.ts';

function setup() {
  const lines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  let clock = 1_000_000;
  const refusals = createRefusals(
    { warn: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }) },
    () => clock,
  );
  return { refusals, lines, advance: (ms: number) => (clock += ms) };
}

describe('refusals', () => {
  it('counts every refusal per limit', () => {
    const { refusals } = setup();
    for (let i = 0; i < 5; i++) refusals.count('messages', 'socket-1');
    refusals.count('sessionsPerIp', '203.0.113.9');
    expect(refusals.snapshot()).toMatchObject({ messages: 5, sessionsPerIp: 1, typing: 0 });
  });

  it('logs a key once a minute, then says how many refusals the line stands for', () => {
    const { refusals, lines, advance } = setup();
    for (let i = 0; i < 1000; i++) refusals.count('messages', 'socket-1');
    refusals.count('messages', 'socket-2');
    expect(lines).toEqual([
      { obj: { limit: 'messages', key: 'socket-1', refused: 1 }, msg: 'limit refused' },
      { obj: { limit: 'messages', key: 'socket-2', refused: 1 }, msg: 'limit refused' },
    ]);
    advance(60_000);
    refusals.count('messages', 'socket-1');
    expect(lines.at(-1)?.obj).toEqual({ limit: 'messages', key: 'socket-1', refused: 1000 });
  });
});
