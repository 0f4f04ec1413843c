// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMOJI, EMOJI_SHORTCODES, EmojiPicker } from './EmojiPicker.tsx';

afterEach(cleanup);

function setup() {
  const onPick = vi.fn();
  render(
    <EmojiPicker label="Insert emoji" onPick={onPick} testIds={{ button: 'e.button', panel: 'e.panel' }} />,
  );
  return { onPick, button: screen.getByRole('button', { name: 'Insert emoji' }), user: userEvent.setup() };
}

describe('EmojiPicker', () => {
  it('opens a named panel with the curated emoji, focus on the first', async () => {
    const { button, user } = setup();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('dialog', { name: 'Insert emoji' });
    expect(button.getAttribute('aria-controls')).toBe(panel.id);
    const cells = panel.querySelectorAll('button');
    expect(cells).toHaveLength(EMOJI.length);
    expect(document.activeElement).toBe(cells[0]);
    // One tab stop: the others are reached with the arrow keys.
    expect([...cells].filter((cell) => cell.tabIndex === 0)).toHaveLength(1);
  });

  it('moves with the arrow keys, Home and End, and picks with Enter', async () => {
    const { onPick, button, user } = setup();
    await user.click(button);
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowDown}');
    expect(document.activeElement?.textContent).toBe(EMOJI[10]);
    await user.keyboard('{ArrowUp}{ArrowLeft}');
    expect(document.activeElement?.textContent).toBe(EMOJI[1]);
    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toBe(EMOJI.at(-1));
    await user.keyboard('{ArrowRight}{Home}{Enter}');
    expect(onPick).toHaveBeenCalledExactlyOnceWith(EMOJI[0]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes on Escape with the focus back on its button, and on a press outside', async () => {
    const { onPick, button, user } = setup();
    await user.click(button);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    await user.click(button);
    await user.click(document.body);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onPick).not.toHaveBeenCalled();
  });
});

describe('EmojiPicker without colour emoji', () => {
  it('shows short names named by their emoji, four to a row, and still inserts the emoji', async () => {
    const onPick = vi.fn();
    render(
      <EmojiPicker
        label="Insert emoji"
        icon={<svg data-testid="icon" aria-hidden="true" />}
        textFallback
        onPick={onPick}
      />,
    );
    const user = userEvent.setup();
    const button = screen.getByRole('button', { name: 'Insert emoji' });
    expect(button.querySelector('[data-testid="icon"]')).toBeTruthy();
    expect(button.textContent).toBe('');
    await user.click(button);
    const cells = screen.getAllByRole('button').filter((cell) => cell !== button);
    expect(cells).toHaveLength(EMOJI.length);
    expect(cells[0]?.textContent).toBe(':grinning:');
    expect(cells[0]?.getAttribute('aria-label')).toBe('😀');
    expect(Object.keys(EMOJI_SHORTCODES)).toEqual([...EMOJI]);
    // Down moves a row of four.
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onPick).toHaveBeenCalledWith(EMOJI[4]);
  });
});
