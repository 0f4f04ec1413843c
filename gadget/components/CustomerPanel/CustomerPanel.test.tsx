// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HybridChatError, type CustomerProfile, type PreviousTranscript } from '../../../sdk/index.ts';
import { activeChat } from '../../testing/chatView.tsx';
import { renderGadget } from '../../testing/render.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import type { AgentApi } from '../../../sdk/index.ts';

afterEach(cleanup);

const chat = activeChat({
  id: 'chat-2',
  preChat: { name: 'Ada', email: 'ada@example.com', topic: '<img src=x onerror=alert(1)>' },
});

const profile: CustomerProfile = {
  customer: { id: 'c-1', name: 'Ada', email: 'ada@example.com' },
  channel: { kind: 'web', page: 'https://shop.example/cart' },
  preChat: chat.preChat,
  previous: [
    {
      id: 'chat-1',
      queue: 'billing',
      status: 'ended',
      createdAt: Date.UTC(2025, 0, 2, 9),
      endedAt: 1,
      agentName: 'Bob',
    },
  ],
};

const transcript: PreviousTranscript = {
  chat: profile.previous[0] as PreviousTranscript['chat'],
  messages: [
    {
      chatId: 'chat-1',
      seq: 1,
      clientId: 'x1',
      from: { role: 'system', id: 'system', name: 'System' },
      kind: 'event',
      event: 'agent-joined',
      text: 'Bob',
      sentAt: 1,
    },
    {
      chatId: 'chat-1',
      seq: 2,
      clientId: 'x2',
      from: { role: 'customer', id: 'c-1', name: 'Ada' },
      kind: 'text',
      text: 'My <b>invoice</b>',
      sentAt: 2,
    },
  ],
};

describe('CustomerPanel', () => {
  it('shows pre-chat data as text, the channel, and a previous chat’s transcript on expand', async () => {
    const desk: AgentApi = {
      canned: vi.fn(),
      customer: vi.fn(async () => profile),
      previousChat: vi.fn(async () => transcript),
    };
    renderGadget(<CustomerPanel chat={chat} desk={desk} id="cust" />);
    const facts = screen.getByTestId('gadget.customer.prechat');
    expect(within(facts).getByText('ada@example.com')).toBeTruthy();
    expect(within(facts).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(await screen.findByText('https://shop.example/cart')).toBeTruthy();
    expect(desk.customer).toHaveBeenCalledWith('chat-2');

    const toggle = screen.getByTestId('gadget.customer.previous');
    expect(toggle.textContent).toContain('billing · Bob');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.setup().click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const lines = await screen.findByTestId('gadget.customer.transcript');
    expect(lines.textContent).toContain('Bob joined the chat');
    expect(lines.textContent).toContain('Ada: My <b>invoice</b>');
    expect(desk.previousChat).toHaveBeenCalledWith('chat-2', 'chat-1');
  });

  it("names an earlier chat's queue by its label in the agent's language, else by its name", async () => {
    const labelled: CustomerProfile = {
      ...profile,
      previous: [
        {
          ...(profile.previous[0] as CustomerProfile['previous'][number]),
          queueLabel: { en: 'Billing', ar: 'الفواتير' },
        },
        { id: 'chat-0', queue: 'sales', status: 'ended', createdAt: 0, endedAt: 1, agentName: 'Eve' },
      ],
    };
    const desk: AgentApi = { canned: vi.fn(), customer: vi.fn(async () => labelled), previousChat: vi.fn() };
    renderGadget(<CustomerPanel chat={chat} desk={desk} id="cust" />, 'ar');
    await screen.findByTestId('gadget.customer.history');
    const [billing, sales] = screen.getAllByTestId('gadget.customer.previous');
    expect(billing?.textContent).toContain('الفواتير');
    expect(billing?.textContent).not.toContain('billing');
    expect(sales?.textContent).toContain('sales');
  });

  it('says so when the history cannot be loaded, and keeps the pre-chat data', async () => {
    const desk: AgentApi = {
      canned: vi.fn(),
      customer: vi.fn(async () => {
        throw new HybridChatError('NOT_FOUND', 'no such chat');
      }),
      previousChat: vi.fn(),
    };
    renderGadget(<CustomerPanel chat={chat} desk={desk} id="cust" />);
    expect(
      await screen.findByText('The customer’s history could not be loaded.'.replace('’', "'")),
    ).toBeTruthy();
    expect(screen.getByText('Ada')).toBeTruthy();
  });
});
