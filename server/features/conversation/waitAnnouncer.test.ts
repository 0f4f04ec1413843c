import { describe, expect, it, vi } from 'vitest';
import type { WaitEstimate } from '../../../sdk/core/protocol.ts';
import { createWaitAnnouncer } from './waitAnnouncer.ts';

const RANGE: WaitEstimate = { minS: 240, maxS: 540 };

function announcerWith(estimate: { current: WaitEstimate | null }) {
  const broadcast = vi.fn();
  const announcer = createWaitAnnouncer({
    waitingChatIds: () => ['chat-1'],
    estimate: async () => estimate.current,
    broadcast,
    intervalMs: 60_000,
  });
  return { announcer, broadcast };
}

describe('the wait announcer', () => {
  it('sends a summary when the estimate changes, and not when it stays', async () => {
    const estimate = { current: RANGE as WaitEstimate | null };
    const { announcer, broadcast } = announcerWith(estimate);
    await announcer.tick();
    await announcer.tick();
    expect(broadcast).toHaveBeenCalledTimes(1);
    estimate.current = null;
    await announcer.tick();
    expect(broadcast).toHaveBeenCalledTimes(2);
  });

  it('announces an estimate that another path took away and that came back between two ticks', async () => {
    const estimate = { current: RANGE as WaitEstimate | null };
    const { announcer, broadcast } = announcerWith(estimate);
    await announcer.tick();
    // The agent steps away: the router sends the summary, without an estimate, before any tick.
    announcer.sent('chat-1', null);
    // The agent is back before the next tick: the customer still holds a summary without one.
    await announcer.tick();
    expect(broadcast).toHaveBeenCalledTimes(2);
  });
});
