// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderGadget } from '../../testing/render.tsx';
import { Composer } from './Composer.tsx';

afterEach(cleanup);

function setup() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  renderGadget(<Composer peerName="Ada" onSend={onSend} onTyping={onTyping} />);
  const box = screen.getByTestId<HTMLTextAreaElement>('gadget.composer');
  return { onSend, onTyping, box, user: userEvent.setup() };
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
    const { onSend, box, user } = setup();
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('line one\nline two');
    await user.click(screen.getByTestId('gadget.send'));
    expect(onSend).toHaveBeenCalledWith('line one\nline two');
  });

  it('does not send blank text and keeps Send disabled for it', async () => {
    const { onSend, box, user } = setup();
    expect(screen.getByTestId('gadget.send')).toHaveProperty('disabled', true);
    await user.type(box, '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByTestId('gadget.send')).toHaveProperty('disabled', true);
  });

  it('reports typing on every keystroke', async () => {
    const { onTyping, box, user } = setup();
    await user.type(box, 'abc');
    expect(onTyping).toHaveBeenCalledTimes(3);
  });

  it('has an accessible label naming the customer', () => {
    setup();
    expect(screen.getByRole('textbox', { name: 'Message to Ada' })).toBeTruthy();
  });
});
