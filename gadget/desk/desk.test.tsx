// @vitest-environment jsdom
import { act, cleanup, renderHook, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HybridChatError, type ChatSummary, type CannedMessage } from '../../sdk/index.ts';
import { createDraftStore, DRAFT_MAX_AGE_MS } from '../drafts.ts';
import { activeChat, chatViewElement } from '../testing/chatView.tsx';
import { renderGadget } from '../testing/render.tsx';
import { createCannedCache } from './cannedCache.ts';
import { useDesk } from './useDesk.ts';
import type { AgentApi } from '../../sdk/index.ts';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const greet: CannedMessage = { shortcode: 'greet', title: 'Hi', text: 'Hello {customerName}', queues: [] };
const wait: CannedMessage = { shortcode: 'wait', title: 'Wait', text: 'One moment', queues: [] };

const deskWith = (canned: () => Promise<CannedMessage[]>): AgentApi => ({
  canned: vi.fn(canned),
  customer: vi.fn(),
  previousChat: vi.fn(),
});

describe('canned messages offline', () => {
  it('keeps the server’s list per agent and uses it when the server cannot be reached', async () => {
    const online = deskWith(async () => [greet, wait]);
    const first = renderHook(() => useDesk(online, { id: 'a-1', name: 'Grace' }, true, localStorage));
    await waitFor(() => expect(first.result.current.canned).toEqual([greet, wait]));
    first.unmount();

    // A reload while the server is down: the saved copy, at once.
    const down = deskWith(async () => {
      throw new HybridChatError('DISCONNECTED', 'no server');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const offline = renderHook(() => useDesk(down, { id: 'a-1', name: 'Grace' }, true, localStorage));
    expect(offline.result.current.canned).toEqual([greet, wait]);
    await waitFor(() => expect(down.canned).toHaveBeenCalled());
    expect(offline.result.current.canned).toEqual([greet, wait]);
    // Another agent on this PC has no copy of Grace's.
    const other = renderHook(() => useDesk(undefined, { id: 'a-2', name: 'Bob' }, false, localStorage));
    expect(other.result.current.canned).toEqual([]);
  });

  it('does not ask while offline, and ignores a tampered copy', async () => {
    const api = deskWith(async () => [greet]);
    localStorage.setItem('hc-gadget:canned:a-1', JSON.stringify([{ shortcode: 1 }, wait, '<b>']));
    const hook = renderHook(() => useDesk(api, { id: 'a-1', name: 'Grace' }, false, localStorage));
    expect(hook.result.current.canned).toEqual([wait]);
    expect(api.canned).not.toHaveBeenCalled();
    localStorage.setItem('hc-gadget:canned:a-1', 'not json');
    expect(createCannedCache(localStorage).load('a-1')).toBeNull();
  });
});

const chat = activeChat({ id: 'chat-7' });

function renderChat(summary: ChatSummary = chat) {
  const onSend = vi.fn();
  const drafts = createDraftStore(localStorage);
  const result = renderGadget(
    chatViewElement(summary, { onSend, desk: { canned: [greet], drafts, agentName: 'Grace' } }),
  );
  return { ...result, onSend, box: () => screen.getByTestId('gadget.composer') as HTMLTextAreaElement };
}

describe('drafts', () => {
  it('come back after a reload (unmount and mount), per agent and chat, and go on send', async () => {
    const user = userEvent.setup();
    const first = renderChat();
    await user.click(first.box());
    await user.keyboard('I will check your invoice');
    first.unmount();
    expect(createDraftStore(localStorage).load('a-1', 'chat-7')).toBe('I will check your invoice');
    expect(createDraftStore(localStorage).load('a-2', 'chat-7')).toBe('');

    const second = renderChat();
    expect(second.box().value).toBe('I will check your invoice');
    await user.click(second.box());
    await user.keyboard('{Enter}');
    expect(second.onSend).toHaveBeenCalledWith('I will check your invoice');
    expect(second.box().value).toBe('');
    second.unmount();
    expect(localStorage.getItem('hc-gadget:draft:a-1:chat-7')).toBeNull();
    expect(renderChat().box().value).toBe('');
  });

  it('are saved while typing (before any unmount) and cleared when the chat ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const view = renderChat();
      await user.click(view.box());
      await user.keyboard('Half a reply');
      act(() => void vi.advanceTimersByTime(400));
      expect(createDraftStore(localStorage).load('a-1', 'chat-7')).toBe('Half a reply');
      view.rerender(
        chatViewElement(
          { ...chat, status: 'ended', endedAt: 1, endedBy: 'customer' },
          { desk: { canned: [greet], drafts: createDraftStore(localStorage), agentName: 'Grace' } },
        ),
      );
      expect(localStorage.getItem('hc-gadget:draft:a-1:chat-7')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('older than a working day are dropped', () => {
    let now = 1_000_000;
    const drafts = createDraftStore(localStorage, () => now);
    drafts.save('a-1', 'chat-9', 'old text');
    now += DRAFT_MAX_AGE_MS + 1;
    expect(drafts.load('a-1', 'chat-9')).toBe('');
    expect(localStorage.getItem('hc-gadget:draft:a-1:chat-9')).toBeNull();
  });
});
