// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderGadget } from '../../testing/render.tsx';
import { WhisperList, WhisperToggle } from './WhisperToggle.tsx';

afterEach(cleanup);

describe('whispers', () => {
  it('the toggle is a pressed button that says the customer will not see the note', async () => {
    const onChange = vi.fn();
    const { rerender } = renderGadget(<WhisperToggle on={false} onChange={onChange} />);
    const button = screen.getByRole('button', { name: 'Agent-only note' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await userEvent.setup().click(button);
    expect(onChange).toHaveBeenCalledWith(true);
    rerender(<WhisperToggle on onChange={onChange} />);
    expect(screen.getByRole('status').textContent).toContain('the customer will not see this');
  });

  it('lists whispers as text (never HTML), naming the other agent', () => {
    renderGadget(
      <WhisperList
        selfId="a-1"
        whispers={[
          {
            chatId: 'c',
            id: 'w1',
            clientId: 'x',
            from: { id: 'a-2', name: 'Bob' },
            text: '<b>hi</b>',
            sentAt: 0,
          },
          { chatId: 'c', id: 'w2', clientId: 'y', from: { id: 'a-1', name: 'Me' }, text: 'ok', sentAt: 1 },
        ]}
      />,
    );
    const list = screen.getByRole('region', { name: 'Agent-only notes' });
    expect(list.textContent).toContain('<b>hi</b>');
    expect(list.querySelector('b')).toBeNull();
    expect(screen.getAllByTestId('gadget.whisper')[0]?.textContent).toMatch(/^Bob at /);
    expect(screen.getAllByTestId('gadget.whisper')[1]?.textContent).toMatch(/^You at /);
  });
});
