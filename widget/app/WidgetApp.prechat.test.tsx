// @vitest-environment jsdom
/** The widget app before a chat: the queue's form, identify(), and a queue that is closed or unstaffed. */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HybridChatError } from '../../sdk/index.ts';
import { OPEN, setupWidgetApp, startChat } from './testing/widgetApp.tsx';

afterEach(cleanup);

describe('WidgetApp', () => {
  it('asks for the queue’s fields and starts with all of them', async () => {
    const fields = [
      ...OPEN.prechat.fields,
      { name: 'email' as const, required: true, maxLength: 254 },
      {
        name: 'topic' as const,
        required: false,
        maxLength: 64,
        options: [{ value: 'billing', label: 'Billing' }],
      },
    ];
    const { customer, user } = setupWidgetApp({ config: { ...OPEN, prechat: { fields } } });
    await user.type(await screen.findByTestId('widget.prechat.name'), 'Ada');
    await user.type(screen.getByTestId('widget.prechat.email'), 'ada@example.com');
    await user.selectOptions(screen.getByTestId('widget.prechat.topic'), 'billing');
    await user.click(screen.getByTestId('widget.prechat.start'));
    await screen.findByTestId('widget.composer');
    expect(customer.start).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Ada',
        preChat: { name: 'Ada', email: 'ada@example.com', topic: 'billing' },
      }),
    );
  });
  it('skips the form when identify() gave what the queue needs', async () => {
    const { customer, identify, user } = setupWidgetApp();
    await screen.findByTestId('widget.prechat.name');
    await identify({ name: 'Grace Hopper', customerId: '42' });
    expect(screen.queryByTestId('widget.prechat.name')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Hi Grace Hopper!');
    await user.click(screen.getByTestId('widget.prechat.start'));
    await screen.findByTestId('widget.composer');
    expect(customer.start).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Grace Hopper', preChat: { name: 'Grace Hopper', customerId: '42' } }),
    );
  });
  it('outside business hours: a message for the contact center instead of a chat', async () => {
    const { api, customer, deps, user } = setupWidgetApp({
      config: { ...OPEN, queue: 'sales', availability: 'closed', nextOpenAt: Date.now() + 3600_000 },
    });
    expect((await screen.findByTestId('widget.leave.title')).textContent).toBe("We're closed right now");
    expect(screen.getByTestId('widget.leave.opens').textContent).toMatch(/^We're back /);
    await user.type(screen.getByTestId('widget.leave.name'), 'Ada');
    await user.type(screen.getByTestId('widget.leave.email'), 'ada@example.com');
    await user.type(screen.getByTestId('widget.leave.message'), 'Call me back, please.');
    await user.click(screen.getByTestId('widget.leave.send'));
    await screen.findByTestId('widget.leave.sent');
    expect(api.leaveMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        queue: 'sales',
        locale: 'en',
        name: 'Ada',
        message: 'Call me back, please.',
      }),
    );
    expect(customer.start).not.toHaveBeenCalled();
    expect(deps.saveChat).not.toHaveBeenCalled();
  });
  it('with nobody to take chats: looks again on request and offers the chat once someone is there', async () => {
    const answers = [{ ...OPEN, availability: 'unstaffed' as const }, OPEN];
    const { user } = setupWidgetApp({ config: async () => answers.shift() ?? OPEN });
    await user.click(await screen.findByTestId('widget.leave.checkAgain'));
    expect(await screen.findByTestId('widget.prechat.name')).toBeTruthy();
  });
  it('with nobody to take chats says only that: no "here to help" above it', async () => {
    setupWidgetApp({ config: { ...OPEN, availability: 'unstaffed' } });
    expect((await screen.findByTestId('widget.leave.title')).textContent).toBe('No one is free to chat');
    expect(screen.getByTestId('widget.status').textContent).toBe('');
    expect(screen.queryByText("We're here to help")).toBeNull();
  });
  it('turns into the message form when the queue closed meanwhile', async () => {
    const answers = [OPEN, { ...OPEN, availability: 'closed' as const }];
    const { ports, user } = setupWidgetApp({ config: async () => answers.shift() ?? OPEN });
    ports.createSession.mockRejectedValueOnce(new HybridChatError('CONFLICT', 'queue-closed'));
    await user.type(await screen.findByTestId('widget.prechat.name'), 'Ada');
    await user.click(screen.getByTestId('widget.prechat.start'));
    expect((await screen.findByTestId('widget.leave.title')).dataset.availability).toBe('closed');
    expect((screen.getByTestId('widget.leave.name') as HTMLInputElement).value).toBe('Ada');
  });
  it('falls back to asking the name when the server cannot say', async () => {
    const { customer, user } = setupWidgetApp({
      config: async () => Promise.reject(new Error('down')),
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await startChat(user);
    expect(customer.start).toHaveBeenCalled();
  });
});
