// @vitest-environment jsdom
/**
 * The team view and monitor panel against a fake supervisor port: live pushes, monitor (with the
 * chat's whispers), barge, transfer.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, ChatSummary, SyncResult, TeamSnapshot, Whisper } from '../../../sdk/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import { SupervisorView, wholePercent } from './SupervisorView.tsx';
import type { MonitorListeners, SupervisorClient } from '../../../sdk/index.ts';

const NOW = Date.now();

const chat: ChatSummary = {
  id: 'c1',
  status: 'active',
  queue: 'main',
  customer: { id: 'cu1', name: 'Dana <b>' },
  agent: { id: '1001', name: 'María González' },
  preChat: {},
  createdAt: NOW - 120_000,
  acceptedAt: NOW - 90_000,
  endedAt: null,
  endedBy: null,
  lastSeq: 2,
  queuePosition: null,
};

const message = (seq: number, text: string, role: 'customer' | 'agent' = 'customer'): ChatMessage => ({
  chatId: 'c1',
  seq,
  clientId: `m${seq}`,
  from: role === 'customer' ? { role, id: 'cu1', name: 'Dana <b>' } : { role, id: '1001', name: 'María' },
  kind: 'text',
  text,
  sentAt: NOW - 60_000 + seq,
});

function snapshot(overrides: Partial<TeamSnapshot> = {}): TeamSnapshot {
  return {
    teams: [{ id: '10', name: 'Retail Banking' }],
    agents: [
      {
        id: '1001',
        name: 'María González',
        teamId: '10',
        state: 'ACTIVE',
        activeChats: 1,
        maxChats: 5,
        chats: [
          {
            chatId: 'c1',
            customerName: 'Dana <b>',
            queue: 'main',
            acceptedAt: NOW - 90_000,
            waitingSince: NOW - 45_000,
            barged: [],
          },
        ],
      },
      {
        id: '1002',
        name: 'James O’Brien',
        teamId: '10',
        state: 'READY',
        activeChats: 0,
        maxChats: 5,
        chats: [],
      },
    ],
    queues: [{ queue: 'main', waiting: 2, longestWaitSince: NOW - 200_000 }],
    agentsReady: 2,
    at: NOW,
    ...overrides,
  };
}

function fakePort() {
  let push: ((s: TeamSnapshot) => void) | undefined;
  let live: ((m: ChatMessage) => void) | undefined;
  let whisper: ((w: Whisper) => void) | undefined;
  const port = {
    watchTeam: vi.fn((listener: (s: TeamSnapshot) => void) => {
      push = listener;
      return () => undefined;
    }),
    monitor: vi.fn((_chatId: string, listeners: MonitorListeners) => {
      live = listeners.message;
      whisper = listeners.whisper;
      const history: SyncResult = { chat, messages: [message(1, 'Hello?'), message(2, 'Hi Dana', 'agent')] };
      return { history: Promise.resolve(history), stop: vi.fn() };
    }),
    barge: vi.fn(async (): Promise<SyncResult> => ({
      chat,
      messages: [
        {
          ...message(3, 'Sam Rivera'),
          kind: 'event',
          event: 'agent-joined',
          from: { role: 'system', id: 'system', name: 'System' },
        },
      ],
    })),
    send: vi.fn(async (_chatId: string, text: string) => ({
      ...message(4, text, 'agent'),
      from: { role: 'agent' as const, id: '1005', name: 'Sam Rivera' },
    })),
    transfer: vi.fn(async () => ({ ...chat, status: 'queued' as const, agent: null })),
    queues: vi.fn(async () => ['default', 'billing']),
  } satisfies SupervisorClient;
  return {
    port,
    push: (s: TeamSnapshot) => act(() => push?.(s)),
    live: (m: ChatMessage) => act(() => live?.(m)),
    whisper: (w: Whisper) => act(() => whisper?.(w)),
  };
}

afterEach(cleanup);

describe('SupervisorView', () => {
  it("names an agent's wrap-ups beside their chat count, and none when there are none", () => {
    const { port, push } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />);
    const [maria, james] = snapshot().agents;
    push(
      snapshot({
        agents: [
          { ...maria!, activeChats: 0, wrapUps: 2, chats: [] },
          { ...james!, wrapUps: 0 },
        ],
      }),
    );
    const agents = screen.getByRole('table', { name: 'Agents' });
    const chatsCell = (name: RegExp) => within(agents).getByRole('row', { name }).querySelectorAll('td')[1];
    expect(chatsCell(/María González/)?.textContent).toBe('0 of 52 in wrap-up');
    expect(within(agents).getByText('2 in wrap-up').className).toBe('hc-wrapups');
    expect(chatsCell(/James/)?.textContent).toBe('0 of 5');
  });

  it('shows queues, agents and chats in captioned tables, and follows pushes', async () => {
    const { port, push } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />);
    expect(screen.getByText('Loading your team…')).toBeTruthy();
    push(snapshot());

    const queues = screen.getByRole('table', { name: 'Queues' });
    expect(within(queues).getByRole('rowheader', { name: 'main' })).toBeTruthy();
    expect(within(queues).getByText('3 min')).toBeTruthy();
    const agents = screen.getByRole('table', { name: 'Agents' });
    const maria = within(agents).getByRole('row', { name: /María González/ });
    expect(within(maria).getByText('Active')).toBeTruthy();
    expect(within(maria).getByText('1 of 5')).toBeTruthy();
    expect(within(maria).getByText(/^4[45] s$/)).toBeTruthy();
    expect(screen.getByText('Agents ready: 2')).toBeTruthy();
    // Customer-typed names are text, never markup.
    expect(screen.getByRole('table', { name: 'Chats in progress' }).innerHTML).toContain('Dana &lt;b&gt;');

    push(snapshot({ agents: [], queues: [], agentsReady: 0 }));
    expect(screen.getByText('No chats are waiting.')).toBeTruthy();
    expect(screen.getByText('No chats in progress.')).toBeTruthy();
  });

  it('names each queue by its label and shows its ready agents and service level', () => {
    const { port, push } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />);
    push(
      snapshot({
        queues: [
          {
            queue: 'main',
            label: { en: 'General questions', de: 'Allgemeine Fragen' },
            waiting: 2,
            longestWaitSince: NOW - 200_000,
            staffed: 3,
            serviceLevel: { thresholdS: 30, percent: 85.4 },
          },
          {
            queue: 'billing',
            label: 'Billing',
            waiting: 0,
            longestWaitSince: null,
            staffed: 0,
            serviceLevel: { thresholdS: 120, percent: null },
          },
        ],
      }),
    );
    const queues = screen.getByRole('table', { name: 'Queues' });
    expect(
      within(queues)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Queue', 'Waiting chats', 'Longest wait', 'Ready agents', 'Service level']);
    const cells = (name: string) =>
      [
        ...within(queues)
          .getByRole('row', { name: new RegExp(`^${name}`) })
          .querySelectorAll('td'),
      ].map((td) => td.textContent);
    expect(within(queues).getByRole('rowheader', { name: 'General questions' })).toBeTruthy();
    expect(within(queues).queryByRole('rowheader', { name: 'main' })).toBeNull();
    expect(cells('General questions')).toEqual(['2', '3 min', '3', '85 % in 30 s']);
    // No chat counted yet: a dash, and words for screen readers.
    expect(cells('Billing')).toEqual(['0', '—', '0', '—Not available']);
    const dash = within(queues)
      .getByRole('row', { name: /^Billing/ })
      .querySelectorAll('td')[3];
    expect(dash?.querySelector('[aria-hidden="true"]')?.textContent).toBe('—');
    expect(dash?.querySelector('.ui-sr-only')?.textContent).toBe('Not available');
    // The chats in progress name their queue the same way.
    const chats = screen.getByRole('table', { name: 'Chats in progress' });
    expect(within(chats).getByRole('row', { name: /Dana/ }).querySelectorAll('td')[1]?.textContent).toBe(
      'General questions',
    );
  });

  it('shows the queue figures in the gadget’s language, right to left in Arabic', () => {
    const { port, push } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />, 'de');
    const queue = {
      queue: 'main',
      label: { en: 'General questions', de: 'Allgemeine Fragen', ar: 'أسئلة عامة' },
      waiting: 1,
      longestWaitSince: NOW - 5_000,
      staffed: 2,
      serviceLevel: { thresholdS: 120, percent: 99.7 },
    };
    push(snapshot({ queues: [queue] }));
    const queues = screen.getByRole('table', { name: 'Warteschlangen' });
    const row = within(queues).getByRole('row', { name: /^Allgemeine Fragen/ });
    expect(row.querySelectorAll('td')[3]?.textContent).toBe('99 % in 2 Min.');
    expect(within(queues).getByRole('columnheader', { name: 'Servicelevel' }).title).toContain('24');
    cleanup();

    const arabic = fakePort();
    renderGadget(<SupervisorView port={arabic.port} selfId="1005" />, 'ar');
    arabic.push(snapshot({ queues: [queue] }));
    const table = screen.getByRole('table', { name: 'قوائم الانتظار' });
    expect(within(table).getByRole('rowheader', { name: 'أسئلة عامة' })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: 'مستوى الخدمة' })).toBeTruthy();
    expect(within(table).getByTestId('gadget.supervisor.queue.serviceLevel').textContent).toBe(
      '99٪ خلال 2 د',
    );
  });

  it('still shows the queues of an older server, which sends no labels, staffing or service level', () => {
    const { port, push } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />);
    push(snapshot());
    const queues = screen.getByRole('table', { name: 'Queues' });
    expect(within(queues).getByRole('rowheader', { name: 'main' })).toBeTruthy();
    expect(within(queues).getByTestId('gadget.supervisor.queue.staffed').textContent).toBe('—Not available');
    expect(within(queues).getByTestId('gadget.supervisor.queue.serviceLevel').textContent).toBe(
      '—Not available',
    );
    push(snapshot({ queues: [] }));
    expect(screen.getByText('No chats are waiting.').getAttribute('colspan')).toBe('5');
  });

  it('monitors silently, then barges in, writes, and transfers', async () => {
    const { port, push, live } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />);
    push(snapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Monitor the chat of María González with Dana <b>' }));
    expect(port.monitor).toHaveBeenCalledWith('c1', expect.anything());

    const log = await screen.findByRole('log', { name: 'Conversation of María González with Dana <b>' });
    await waitFor(() => expect(within(log).getByText('Hi Dana')).toBeTruthy());
    expect(screen.getByText('Silent monitoring: neither the customer nor the agent is told.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    live(message(3, 'Are you there?'));
    expect(within(log).getByText('Are you there?')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Barge in' }));
    await waitFor(() => expect(port.barge).toHaveBeenCalledWith('c1'));
    const reply = await screen.findByRole('textbox', { name: 'Message to Dana <b>' });
    expect(screen.getByRole('status').textContent).toBe('You joined the chat.');
    fireEvent.change(reply, { target: { value: 'Supervisor here' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(port.send).toHaveBeenCalledWith('c1', 'Supervisor here'));
    await waitFor(() => expect(within(log).getByText('Supervisor here')).toBeTruthy());

    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: 'agent:1002' } });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(port.transfer).toHaveBeenCalledWith('c1', { agentId: '1002' }));
    expect(await screen.findByText('The chat was transferred.', { selector: '[role=status]' })).toBeTruthy();
  });

  it('offers the chat’s own queue first, then the server’s other transfer queues', async () => {
    const { port, push } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />);
    push(snapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Monitor the chat of María González with Dana <b>' }));
    const select = screen.getByLabelText('Transfer to') as HTMLSelectElement;
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(4 + 1));
    const queueOptions = [...select.options].filter((option) => option.value.startsWith('queue:'));
    expect(queueOptions.map((option) => option.textContent)).toEqual([
      'Queue main',
      'Queue default',
      'Queue billing',
    ]);
    fireEvent.change(select, { target: { value: 'queue:billing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(port.transfer).toHaveBeenCalledWith('c1', { queue: 'billing' }));
  });

  it('shows the chat’s whispers as agent-only notes under the conversation, oldest first, as text', async () => {
    const { port, push, whisper } = fakePort();
    renderGadget(<SupervisorView port={port} selfId="1005" />);
    push(snapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Monitor the chat of María González with Dana <b>' }));
    const log = await screen.findByRole('log', { name: 'Conversation of María González with Dana <b>' });
    await waitFor(() => expect(within(log).getByText('Hi Dana')).toBeTruthy());
    expect(screen.queryByRole('region', { name: 'Agent-only notes' })).toBeNull();

    const note = (id: string, text: string, sentAt: number): Whisper => ({
      chatId: 'c1',
      id,
      clientId: id,
      from: { id: '1001', name: 'María González' },
      text,
      sentAt,
    });
    whisper(note('w2', 'offer the <i>fee</i> refund', NOW - 10_000));
    whisper(note('w1', 'she sounds upset', NOW - 20_000));
    whisper(note('w2', 'offer the <i>fee</i> refund', NOW - 10_000)); // listed again after a reconnect
    const notes = screen.getByRole('region', { name: 'Agent-only notes' });
    // The agent's own whisper card (WhisperList), not a line of the conversation the customer has.
    expect(notes.className).toContain('hc-whispers');
    expect(within(log).queryByText(/she sounds upset/)).toBeNull();
    const lines = within(notes)
      .getAllByTestId('gadget.whisper')
      .map((line) => line.textContent);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^María González at .*she sounds upset$/);
    expect(lines[1]).toContain('offer the <i>fee</i> refund');
    expect(notes.querySelector('i')).toBeNull();
  });

  it('says so when the server refuses the team view', () => {
    const port = {
      ...fakePort().port,
      watchTeam: (_listener: (s: TeamSnapshot) => void, onError: (code: string) => void) => {
        onError('FORBIDDEN');
        return () => undefined;
      },
    };
    renderGadget(<SupervisorView port={port} selfId="1001" />);
    expect(screen.getByRole('alert').textContent).toBe('Only supervisors can see the team view.');
  });
});

describe('wholePercent', () => {
  it('rounds, but says 100 and 0 only when they are exact', () => {
    expect([0, 0.2, 49.5, 85.4, 99.4, 99.6, 100].map(wholePercent)).toEqual([0, 1, 50, 85, 99, 99, 100]);
  });
});
