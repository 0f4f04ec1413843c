// @vitest-environment jsdom
/**
 * The chat-state badge during wrap-up: the server counts wrap-ups in the state (ACTIVE, BUSY) but not
 * in the live chats, so the badge names them beside "0/5 chats" — in English, in Arabic with its
 * plural forms, and not at all when an older server sends no `wrapUps`.
 */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus } from '../../../sdk/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import { StatusControl } from './StatusControl.tsx';

const wrappingUp: AgentStatus = {
  state: 'ACTIVE',
  requested: 'READY',
  reason: null,
  activeChats: 0,
  maxChats: 5,
  wrapUps: 1,
};

const badge = (status: AgentStatus, language = 'en') => {
  renderGadget(
    <StatusControl status={status} pending={null} disabled={false} onChange={vi.fn()} />,
    language,
  );
  return screen.getByTestId('gadget.status');
};
/** The badge's visible parts, one per element (the "·" separators are CSS). */
const parts = (element: HTMLElement) =>
  [...element.querySelectorAll('.hc-status__count')].map((part) => part.textContent);

afterEach(cleanup);

describe('StatusControl during wrap-up', () => {
  it('says why the agent is Active with no chat: one in wrap-up', () => {
    const status = badge(wrappingUp);
    expect(status.getAttribute('data-state')).toBe('ACTIVE');
    expect(status.textContent).toContain('Active');
    expect(parts(status)).toEqual(['0/5 chats', '1 in wrap-up']);
  });

  it('counts wrap-ups beside live chats when they fill every slot (BUSY)', () => {
    const status = badge({ ...wrappingUp, state: 'BUSY', activeChats: 3, wrapUps: 2 });
    expect(status.textContent).toContain('Busy');
    expect(parts(status)).toEqual(['3/5 chats', '2 in wrap-up']);
  });

  it('shows no wrap-up once it is done, nor from a server that does not send the count', () => {
    expect(parts(badge({ ...wrappingUp, state: 'READY', wrapUps: 0 }))).toEqual([]);
    cleanup();
    const { wrapUps: _absent, ...older } = wrappingUp;
    expect(parts(badge({ ...older, activeChats: 2 }))).toEqual(['2/5 chats']);
    expect(screen.queryByTestId('gadget.status.wrapUps')).toBeNull();
  });

  it('uses the Arabic plural forms (RTL locale)', () => {
    const status = badge(wrappingUp, 'ar');
    expect(status.textContent).toContain('نشط');
    expect(parts(status)).toEqual(['الدردشات: 0/5', 'محادثة واحدة قيد الإنهاء']);
    cleanup();
    expect(parts(badge({ ...wrappingUp, wrapUps: 2 }, 'ar'))[1]).toBe('محادثتان قيد الإنهاء');
    cleanup();
    expect(parts(badge({ ...wrappingUp, state: 'BUSY', wrapUps: 3 }, 'ar'))[1]).toBe('3 محادثات قيد الإنهاء');
  });
});

describe('StatusControl without repeating the switch', () => {
  it('shows no badge when the state is just what the Ready/Not ready switch says', () => {
    const ready = { ...wrappingUp, state: 'READY', wrapUps: 0 } as const;
    expect(badge(ready).getAttribute('data-state')).toBe('READY');
    expect(document.querySelector('.hc-status__badge')).toBeNull();
    cleanup();
    badge({ ...ready, state: 'NOT_READY', requested: 'NOT_READY' });
    expect(document.querySelector('.hc-status__badge')).toBeNull();
  });

  it('shows the badge when the server says more than the switch (Active, chat counts)', () => {
    badge({ ...wrappingUp, wrapUps: 0, activeChats: 1 });
    expect(screen.getByTestId('gadget.status.badge').textContent).toContain('Active');
    cleanup();
    badge({ ...wrappingUp, state: 'INTERRUPTED', wrapUps: 0 });
    expect(screen.getByTestId('gadget.status.badge')).toBeTruthy();
  });
});
