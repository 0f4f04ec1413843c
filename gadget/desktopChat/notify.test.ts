import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../sdk/desktop-chat/index.ts';
import { messageSummary, showMessageAlert } from './notify.ts';

const message: ChatMessage = {
  id: 'm1',
  peer: 'ada@finesse.test',
  direction: 'in',
  body: 'Can you\n take   a look?',
  at: 0,
  delayed: false,
  carbon: false,
};

function fakeNotifications(permission: NotificationPermission) {
  const shown: {
    title: string;
    options?: NotificationOptions;
    instance: { onclick: (() => void) | null; close: () => void };
  }[] = [];
  class FakeNotification {
    static permission = permission;
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options, instance: this });
    }
  }
  const scope = {
    Notification: FakeNotification,
    focus: vi.fn(),
    parent: { focus: vi.fn() },
  } as unknown as typeof globalThis;
  return { scope, shown };
}

describe('Desktop Chat browser notification', () => {
  it('shows one per colleague only while the page is hidden and permitted; a click focuses the chat', () => {
    const { scope, shown } = fakeNotifications('granted');
    const focusChat = vi.fn();
    const alert = { title: 'Ada, Desktop Chat', body: messageSummary(message) };
    expect(showMessageAlert(message, alert, focusChat, { scope, doc: { visibilityState: 'visible' } })).toBe(
      false,
    );
    expect(showMessageAlert(message, alert, focusChat, { scope, doc: { visibilityState: 'hidden' } })).toBe(
      true,
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toMatchObject({
      body: 'Can you take a look?',
      tag: 'hybrid-chat:desktop-chat:ada@finesse.test',
    });
    shown[0]!.instance.onclick?.();
    expect(focusChat).toHaveBeenCalledOnce();
    expect(shown[0]!.instance.close).toHaveBeenCalled();
  });

  it('never asks for permission itself: without it nothing is shown', () => {
    const { scope, shown } = fakeNotifications('default');
    expect(
      showMessageAlert(message, { title: 't', body: 'b' }, () => {}, {
        scope,
        doc: { visibilityState: 'hidden' },
      }),
    ).toBe(false);
    expect(shown).toHaveLength(0);
  });

  it('summarises a file by its name and cuts long text', () => {
    expect(
      messageSummary({
        ...message,
        file: { name: 'a.pdf', size: 1, type: '', url: 'https://x/a.pdf', state: 'offered' },
      }),
    ).toBe('a.pdf');
    expect(messageSummary({ ...message, body: 'x'.repeat(300) }, 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
