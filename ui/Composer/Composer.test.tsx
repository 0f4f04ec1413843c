// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type ComposerProps } from './Composer.tsx';

afterEach(cleanup);

function setup(props: Partial<ComposerProps> = {}) {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  render(
    <Composer
      label="Message to Ada"
      placeholder="Write a reply…"
      sendLabel="Send"
      sendClassName="btn"
      testIds={{ input: 'app.composer', send: 'app.send' }}
      onSend={onSend}
      onTyping={onTyping}
      {...props}
    />,
  );
  const box = screen.getByTestId<HTMLTextAreaElement>('app.composer');
  return { onSend, onTyping, box, send: screen.getByTestId('app.send'), user: userEvent.setup() };
}

describe('Composer', () => {
  it('sends the trimmed text on Enter and clears the box', async () => {
    const { onSend, box, user } = setup();
    await user.type(box, '  Hello there  {Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Hello there');
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
  });

  it('adds a new line on Shift+Enter without sending', async () => {
    const { onSend, box, send, user } = setup();
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('line one\nline two');
    await user.click(send);
    expect(onSend).toHaveBeenCalledWith('line one\nline two');
  });

  it('does not send blank text and keeps Send disabled for it', async () => {
    const { onSend, box, send, user } = setup();
    expect(send).toHaveProperty('disabled', true);
    await user.type(box, '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(send).toHaveProperty('disabled', true);
  });

  it('reports typing on every keystroke, and an emptied box as not typing', async () => {
    const { onTyping, box, user } = setup();
    await user.type(box, 'ab{Backspace}{Backspace}');
    expect(onTyping.mock.calls).toEqual([[true], [true], [true], [false]]);
  });

  it('has the accessible label and placeholder it is given', () => {
    setup();
    const box = screen.getByRole('textbox', { name: 'Message to Ada' });
    expect(box.getAttribute('placeholder')).toBe('Write a reply…');
  });

  it('names an icon-only Send button by its label', () => {
    const { send } = setup({ sendIcon: <svg aria-hidden="true" /> });
    expect(screen.getByRole('button', { name: 'Send' })).toBe(send);
    expect(send.getAttribute('title')).toBe('Send');
    expect(send.textContent).toBe('');
  });

  it('describes the box with the hint, which counts down the characters left', async () => {
    const { box, user } = setup({
      maxLength: 10,
      hint: (remaining) => (remaining < 5 ? `${remaining} left` : 'Enter to send'),
    });
    expect(screen.getByRole('textbox', { description: 'Enter to send' })).toBe(box);
    await user.type(box, 'abcdefgh');
    expect(screen.getByRole('textbox', { description: '2 left' })).toBe(box);
  });

  it('keeps a paste past the limit whole, says how many messages it makes, and sends them in order', async () => {
    const { onSend, box, user } = setup({
      maxLength: 10,
      hint: (remaining, parts) => (parts > 1 ? `${parts} messages` : `${remaining} left`),
    });
    box.focus();
    await user.paste('one two three four five six');

    expect(box.value).toBe('one two three four five six'); // nothing cut off
    expect(box.maxLength).toBe(-1);
    expect(screen.getByRole('textbox', { description: '3 messages' })).toBe(box);
    await user.keyboard('{Enter}');

    expect(onSend.mock.calls).toEqual([['one two'], ['three four'], ['five six']]);
    expect(box.value).toBe('');
  });

  it('has no description without a hint', () => {
    const { box } = setup();
    expect(box.hasAttribute('aria-describedby')).toBe(false);
  });

  it('takes the cursor when asked and says so', () => {
    const onFocused = vi.fn();
    const { box } = setup({ autoFocus: true, onFocused });
    expect(document.activeElement).toBe(box);
    expect(onFocused).toHaveBeenCalledOnce();
  });

  it('sends nothing while disabled', async () => {
    const { onSend, box, send } = setup({ disabled: true });
    expect(box.disabled).toBe(true);
    expect(send).toHaveProperty('disabled', true);
    expect(onSend).not.toHaveBeenCalled();
  });
});
