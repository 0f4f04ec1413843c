// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HybridChatError } from '../../../../sdk/index.ts';
import { renderWidget } from '../../testing/render.tsx';
import { firstToFill, formatOpening, LeaveMessage, type LeaveMessageProps } from './LeaveMessage.tsx';

afterEach(cleanup);

function setup(props: Partial<LeaveMessageProps> = {}) {
  const onSend = vi.fn<LeaveMessageProps['onSend']>(async () => {});
  renderWidget(<LeaveMessage availability="closed" nextOpenAt={null} onSend={onSend} {...props} />);
  return { onSend, user: userEvent.setup() };
}

const input = (name: string) => screen.getByTestId(`widget.leave.${name}`) as HTMLInputElement;

describe('LeaveMessage', () => {
  it('outside hours: says when the queue opens and takes a message', async () => {
    const monday9 = Date.parse('2025-03-17T09:00:00Z');
    const { onSend, user } = setup({
      nextOpenAt: monday9,
      now: () => monday9 - 3600_000,
      initial: { name: 'Ada' },
    });
    expect(screen.getByTestId('widget.leave.title').textContent).toBe("We're closed right now");
    expect(screen.getByTestId('widget.leave.opens').textContent).toMatch(/^We're back Monday/);
    expect(input('name').value).toBe('Ada');
    expect(screen.queryByTestId('widget.leave.checkAgain')).toBeNull();

    await user.type(input('email'), 'ada@example.com');
    await user.type(input('message'), 'Please call me back.');
    await user.click(screen.getByTestId('widget.leave.send'));
    expect(onSend).toHaveBeenCalledExactlyOnceWith({
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Ada',
      email: 'ada@example.com',
      message: 'Please call me back.',
    });
    expect((await screen.findByTestId('widget.leave.sent')).textContent).toContain(
      "We've received your message and will reply to ada@example.com.",
    );
  });

  it('checks every field before sending and focuses the first to fix', async () => {
    const { onSend, user } = setup();
    await user.type(input('phone'), 'ring me');
    await user.click(screen.getByTestId('widget.leave.send'));
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByTestId('widget.leave.name.error').textContent).toBe('Please enter your name.');
    expect(screen.getByTestId('widget.leave.email.error').textContent).toBe(
      'Please enter your email address.',
    );
    expect(screen.getByTestId('widget.leave.phone.error').textContent).toContain('valid phone number');
    expect(screen.getByTestId('widget.leave.message.error').textContent).toBe('Please write your message.');
    await vi.waitFor(() => expect(document.activeElement).toBe(input('name')));
  });

  it('sends a retry with the same client id, and says when the server limits', async () => {
    const { onSend, user } = setup({ initial: { name: 'Ada', email: 'ada@example.com' } });
    onSend.mockRejectedValueOnce(new HybridChatError('DISCONNECTED', 'down'));
    onSend.mockRejectedValueOnce(new HybridChatError('RATE_LIMITED', 'slow down'));
    await user.type(input('message'), 'Hello');
    await user.click(screen.getByTestId('widget.leave.send'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your message could not be sent. Please try again.',
    );
    await user.click(screen.getByTestId('widget.leave.send'));
    expect((await screen.findByRole('alert')).textContent).toContain("You've sent several messages already");
    await user.click(screen.getByTestId('widget.leave.send'));
    await screen.findByTestId('widget.leave.sent');
    const ids = onSend.mock.calls.map(([message]) => message.clientId);
    expect(new Set(ids).size).toBe(1);
  });

  it('with nobody to take the chat: offers to look again; another message gets a new id', async () => {
    const onCheckAgain = vi.fn();
    const { onSend, user } = setup({
      availability: 'unstaffed',
      onCheckAgain,
      initial: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(screen.getByTestId('widget.leave.title').textContent).toBe('No one is free to chat');
    await user.click(screen.getByTestId('widget.leave.checkAgain'));
    expect(onCheckAgain).toHaveBeenCalled();
    await user.type(input('message'), 'First');
    await user.click(screen.getByTestId('widget.leave.send'));
    await user.click(await screen.findByTestId('widget.leave.another'));
    expect(input('message').value).toBe('');
    await user.type(input('message'), 'Second');
    await user.click(screen.getByTestId('widget.leave.send'));
    await screen.findByTestId('widget.leave.sent');
    expect(onSend.mock.calls[0]?.[0].clientId).not.toBe(onSend.mock.calls[1]?.[0].clientId);
  });

  it('after the maximum wait: its own words, the cursor where there is something to write, and a way back', async () => {
    const onBack = vi.fn();
    const { onSend, user } = setup({
      availability: 'maxWait',
      initial: { name: 'Ada', email: 'ada@example.com', topic: 'billing' },
      autoFocus: true,
      onBack,
    });
    const form = screen.getByRole('form', { name: 'Leave us a message' });
    expect(form.getAttribute('aria-describedby')).toBe(screen.getByText(/^Sorry to keep you waiting/).id);
    expect(screen.getByTestId('widget.leave.title').dataset.availability).toBe('maxWait');
    expect(screen.queryByTestId('widget.leave.opens')).toBeNull();
    expect(screen.queryByTestId('widget.leave.checkAgain')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(input('message')));

    await user.click(screen.getByRole('button', { name: 'Keep waiting' }));
    expect(onBack).toHaveBeenCalledOnce();
    await user.type(input('message'), 'Where is my refund?');
    await user.click(screen.getByTestId('widget.leave.send'));
    expect(onSend).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Ada', email: 'ada@example.com', message: 'Where is my refund?' }),
    );
    // The usual confirmation, with the focus on it: the form the cursor was in is gone.
    const sent = await screen.findByTestId('widget.leave.sent');
    expect(sent.textContent).toContain("We've received your message and will reply to ada@example.com.");
    await vi.waitFor(() => expect(document.activeElement).toBe(within(sent).getByRole('heading')));
  });

  it('puts the cursor in the first required field still empty, and nowhere unless asked', async () => {
    setup({ availability: 'maxWait', initial: { name: 'Ada' }, autoFocus: true });
    await vi.waitFor(() => expect(document.activeElement).toBe(input('email')));
    cleanup();
    setup({ availability: 'unstaffed', initial: { name: 'Ada' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.activeElement).toBe(document.body);
    expect(firstToFill({ name: 'Ada', email: ' ' })).toBe('email');
    expect(firstToFill({ name: 'Ada', email: 'ada@example.com', message: 'Hi' })).toBe('message');
  });

  it('cannot go back while the message is on its way', async () => {
    let release: () => void = () => {};
    const onSend = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const user = userEvent.setup();
    renderWidget(
      <LeaveMessage
        availability="maxWait"
        nextOpenAt={null}
        initial={{ name: 'Ada', email: 'ada@example.com', message: 'Hello' }}
        onSend={onSend}
        onBack={vi.fn()}
      />,
    );
    await user.click(screen.getByTestId('widget.leave.send'));
    expect(screen.getByTestId('widget.leave.back')).toHaveProperty('disabled', true);
    release();
    await screen.findByTestId('widget.leave.sent');
  });

  it('words the opening time by distance', () => {
    const now = Date.parse('2025-03-17T12:00:00Z');
    expect(formatOpening(now + 3600_000, 'en', now)).toMatch(/^Monday/);
    expect(formatOpening(now + 10 * 24 * 3600_000, 'en', now)).toMatch(/Mar 27, 2025/);
  });
});
