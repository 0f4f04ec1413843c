// @vitest-environment jsdom
/**
 * The supervisor port over a fake transport (subscribe on connect, pushes, monitor filtered by chat
 * with its whispers, re-subscribe after a reconnect), and the workspace showing the Team view only to supervisors.
 */
import { cleanup, fireEvent, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, TeamSnapshot, Whisper } from '../../../sdk/index.ts';
import { GadgetProvider } from '../../stores/gadgetContext.tsx';
import { fakeTransport } from '../../stores/storeFakes.ts';
import { fakeGadget } from '../../testing/fakeServices.tsx';
import { renderGadget } from '../../testing/render.tsx';
import { Workspace } from '../../Workspace.tsx';
import { createSupervisorClient } from '../../../sdk/index.ts';

afterEach(cleanup);

const snapshot: TeamSnapshot = {
  teams: [{ id: '10', name: 'Retail Banking' }],
  agents: [],
  queues: [],
  agentsReady: 0,
  at: Date.now(),
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function portOver(answers: Record<string, (payload: unknown) => unknown>) {
  const fake = fakeTransport(answers);
  const transport = Object.assign(fake.transport, { connected: true });
  return { ...fake, port: createSupervisorClient(transport) };
}

describe('createSupervisorClient', () => {
  it('subscribes at once and again after a reconnect, and passes pushes on', async () => {
    const fake = portOver({ 'supervisor:subscribe': () => snapshot, 'supervisor:unsubscribe': () => ({}) });
    const seen: TeamSnapshot[] = [];
    const stop = fake.port.watchTeam((s) => seen.push(s), vi.fn());
    await flush();
    fake.emit('supervisor:team', { ...snapshot, agentsReady: 3 });
    fake.emit('connect', { transport: 'websocket' });
    await flush();
    expect(seen.map((s) => s.agentsReady)).toEqual([0, 3, 0]);
    stop();
    expect(fake.request).toHaveBeenLastCalledWith('supervisor:unsubscribe', {});
    fake.emit('supervisor:team', snapshot);
    expect(seen).toHaveLength(3);
  });

  it('lists the transfer queues the server offers', async () => {
    const fake = portOver({
      'agents:available': () => ({ agents: [{ id: '1002', name: 'Bob' }], queues: ['default', 'billing'] }),
    });
    expect(await fake.port.queues()).toEqual(['default', 'billing']);
  });

  it('reports a refused subscription by its code', async () => {
    const fake = portOver({});
    const onError = vi.fn();
    fake.port.watchTeam(vi.fn(), onError);
    await flush();
    expect(onError).toHaveBeenCalledWith('INTERNAL');
  });

  it('passes on only the monitored chat’s messages', async () => {
    const fake = portOver({
      'supervisor:monitor': () => ({ chat: {}, messages: [] }),
      'supervisor:unmonitor': () => ({}),
    });
    const messages: ChatMessage[] = [];
    const watch = fake.port.monitor('c1', {
      message: (m) => messages.push(m),
      chat: vi.fn(),
      whisper: vi.fn(),
    });
    await watch.history;
    fake.emit('supervisor:message', { chatId: 'c2', seq: 1, text: 'other' });
    fake.emit('supervisor:message', { chatId: 'c1', seq: 1, text: 'mine' });
    expect(messages.map((m) => m.text)).toEqual(['mine']);
    watch.stop();
    expect(fake.request).toHaveBeenLastCalledWith('supervisor:unmonitor', { chatId: 'c1' });
  });

  it('stops monitoring again after reconnects once the server ended it, and says so', async () => {
    const fake = portOver({ 'supervisor:monitor': () => ({ chat: {}, messages: [] }) });
    const ended = vi.fn();
    const watch = fake.port.monitor('c1', { message: vi.fn(), chat: vi.fn(), whisper: vi.fn(), ended });
    await watch.history;
    fake.emit('supervisor:monitorEnded', { chatId: 'c2', reason: 'outOfTeams' });
    expect(ended).not.toHaveBeenCalled();
    fake.emit('supervisor:monitorEnded', { chatId: 'c1', reason: 'outOfTeams' });
    expect(ended).toHaveBeenCalledOnce();
    fake.request.mockClear();
    fake.emit('connect', { transport: 'websocket' });
    await flush();
    expect(fake.request).not.toHaveBeenCalledWith('supervisor:monitor', { chatId: 'c1' });
    watch.stop();
  });

  it('lists the whispers once monitoring, again after a reconnect, and passes on the chat’s live ones', async () => {
    const stored = { chatId: 'c1', id: 'w1', text: 'stored' };
    const fake = portOver({
      'supervisor:monitor': () => ({ chat: {}, messages: [] }),
      'whisper:list': () => ({ whispers: [stored] }),
    });
    const whispers: Whisper[] = [];
    const watch = fake.port.monitor('c1', {
      message: vi.fn(),
      chat: vi.fn(),
      whisper: (w) => whispers.push(w),
    });
    await watch.history;
    await flush();
    const asked = fake.request.mock.calls.map(([event]) => event);
    expect(asked).toEqual(['supervisor:monitor', 'whisper:list']);
    fake.emit('chat:whisper', { chatId: 'c2', id: 'w9', text: 'other chat' });
    fake.emit('chat:whisper', { chatId: 'c1', id: 'w2', text: 'live' });
    fake.emit('connect', { transport: 'websocket' });
    await flush();
    expect(whispers.map((w) => w.text)).toEqual(['stored', 'live', 'stored']);
    watch.stop();
    fake.emit('chat:whisper', { chatId: 'c1', id: 'w3', text: 'after stop' });
    expect(whispers).toHaveLength(3);
  });
});

describe('Workspace with the Team view', () => {
  const mount = (gadget: ReturnType<typeof fakeGadget>): ReturnType<typeof renderGadget> => {
    const ui: ReactElement = (
      <GadgetProvider services={gadget.services}>
        <Workspace />
      </GadgetProvider>
    );
    return renderGadget(ui);
  };

  it('offers no Team view to an agent without the Supervisor role', () => {
    mount(fakeGadget());
    expect(screen.queryByRole('button', { name: 'Team' })).toBeNull();
  });

  it('switches a supervisor between their chats and the team', async () => {
    const gadget = fakeGadget();
    const { port } = portOver({ 'supervisor:subscribe': () => snapshot });
    gadget.services.supervisor = port;
    mount(gadget);
    const team = screen.getByRole('button', { name: 'Team' });
    expect(screen.getByRole('group', { name: 'View' })).toBeTruthy();
    expect(team.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(team);
    expect(team.getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText('Team: Retail Banking')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'My chats' }));
    expect(screen.queryByTestId('gadget.supervisor')).toBeNull();
  });
});
