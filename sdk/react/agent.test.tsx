// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createAgentStore } from '../agent/agentStore.ts';
import { sampleOffer as offer, sampleReadyStatus as ready } from '../testing/agentFixtures.ts';
import { createFakeAgentChats, createFakeAgentServer } from '../testing/fakeAgentServer.ts';
import { useAgent } from './agent.ts';

describe('useAgent', () => {
  it('renders what the selector picks, again when it changes, and not for other changes', () => {
    const server = createFakeAgentServer();
    const agent = createAgentStore({
      transport: server.transport,
      chats: createFakeAgentChats(),
      agentId: 'a-1',
    });
    let renders = 0;
    function Offers() {
      renders += 1;
      const count = useAgent(agent, (state) => state.offers.length);
      return <p>{count} offers</p>;
    }
    render(<Offers />);
    expect(screen.getByText('0 offers')).toBeTruthy();
    act(() => server.emit('offer:new', offer));
    expect(screen.getByText('1 offers')).toBeTruthy();
    const before = renders;
    act(() => server.emit('agent:status', ready));
    expect(agent.getState().status).toEqual(ready);
    expect(renders).toBe(before);
  });
});
