// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWidget } from '../../testing/render.tsx';
import { PrechatForm, validateName } from './PrechatForm.tsx';

afterEach(cleanup);

function setup(props: Partial<Parameters<typeof PrechatForm>[0]> = {}) {
  const onStart = vi.fn();
  renderWidget(<PrechatForm onStart={onStart} {...props} />);
  return {
    onStart,
    user: userEvent.setup(),
    input: screen.getByTestId<HTMLInputElement>('widget.prechat.name'),
    start: screen.getByTestId('widget.prechat.start'),
  };
}

describe('PrechatForm', () => {
  it('requires a name: an empty or blank submit shows an error and keeps focus on the field', async () => {
    const { onStart, user, input, start } = setup();
    await user.click(start);
    expect(onStart).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Please enter your name.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
    expect(document.activeElement).toBe(input);

    await user.type(input, '    ');
    await user.click(start);
    expect(onStart).not.toHaveBeenCalled();
  });

  it('refuses names longer than 80 characters', async () => {
    const { onStart, user, input, start } = setup();
    await user.click(input);
    await user.paste('x'.repeat(81));
    await user.click(start);
    expect(onStart).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Please use at most 80 characters.');
  });

  it('starts with the trimmed name, with Enter as well', async () => {
    const { onStart, user, input } = setup();
    await user.type(input, '  Ada Lovelace  {Enter}');
    expect(onStart).toHaveBeenCalledExactlyOnceWith('Ada Lovelace');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('labels the field and shows progress while starting', () => {
    setup({ busy: true, initialName: 'Ada' });
    expect(screen.getByLabelText('Your name')).toHaveProperty('value', 'Ada');
    expect(screen.getByTestId('widget.prechat.start').textContent).toBe('Starting…');
    expect(screen.getByTestId('widget.prechat.start')).toHaveProperty('disabled', true);
  });

  it('validates exactly at the limits', () => {
    expect(validateName('x'.repeat(80))).toBeNull();
    expect(validateName(` ${'x'.repeat(80)} `)).toBeNull();
    expect(validateName('x'.repeat(81))).toBe('tooLong');
    expect(validateName('\t\n ')).toBe('required');
  });
});
