// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PRECHAT_FIELDS, type PrechatField } from '../../../../sdk/index.ts';
import { renderWidget } from '../../testing/render.tsx';
import { givenByIdentity, PrechatForm, preChatValues } from './PrechatForm.tsx';

afterEach(cleanup);

const FULL: PrechatField[] = [
  { name: 'name', required: true, maxLength: 80 },
  { name: 'email', required: true, maxLength: 254 },
  { name: 'phone', required: false, maxLength: 32 },
  {
    name: 'topic',
    required: true,
    maxLength: 64,
    options: [
      { value: 'billing', label: 'Billing' },
      { value: 'tech', label: 'Technical help' },
    ],
  },
];

function setup(props: Partial<Parameters<typeof PrechatForm>[0]> = {}) {
  const onStart = vi.fn();
  renderWidget(<PrechatForm fields={DEFAULT_PRECHAT_FIELDS} onStart={onStart} {...props} />);
  return { onStart, user: userEvent.setup(), start: screen.getByTestId('widget.prechat.start') };
}

const field = (name: string) => screen.getByTestId(`widget.prechat.${name}`) as HTMLInputElement;

describe('PrechatForm', () => {
  it('requires a name: an empty or blank submit shows an error and keeps focus on the field', async () => {
    const { onStart, user, start } = setup();
    await user.click(start);
    expect(onStart).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Please enter your name.');
    expect(field('name').getAttribute('aria-invalid')).toBe('true');
    expect(field('name').getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.activeElement).toBe(field('name'));
    await user.type(field('name'), '    ');
    await user.click(start);
    expect(onStart).not.toHaveBeenCalled();
  });

  it('refuses names longer than 80 characters', async () => {
    const { onStart, user, start } = setup();
    await user.click(field('name'));
    await user.paste('x'.repeat(81));
    await user.click(start);
    expect(onStart).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Please use at most 80 characters.');
  });

  it('starts with the trimmed name, with Enter as well', async () => {
    const { onStart, user } = setup();
    await user.type(field('name'), '  Ada Lovelace  {Enter}');
    expect(onStart).toHaveBeenCalledExactlyOnceWith({ name: 'Ada Lovelace' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the queue’s fields, labelled, the optional ones said so', () => {
    setup({ fields: FULL });
    expect(screen.getByLabelText('Your name')).toBe(field('name'));
    expect(screen.getByLabelText('Email address')).toHaveProperty('type', 'email');
    expect(screen.getByLabelText('Phone number (optional)')).toHaveProperty('type', 'tel');
    const topic = screen.getByLabelText('Topic') as HTMLSelectElement;
    expect([...topic.options].map((option) => option.textContent)).toEqual([
      'Choose a topic…',
      'Billing',
      'Technical help',
    ]);
    expect(screen.getByRole('heading').textContent).toBe('Hi there!');
  });

  it('says what is wrong with each field and focuses the first one to fix', async () => {
    const { onStart, user, start } = setup({ fields: FULL });
    await user.type(field('name'), 'Ada');
    await user.type(field('email'), 'ada@example');
    await user.type(field('phone'), 'call me');
    await user.click(start);
    expect(onStart).not.toHaveBeenCalled();
    expect(screen.getByTestId('widget.prechat.email.error').textContent).toBe(
      'Please enter a valid email address, like name@example.com.',
    );
    expect(screen.getByTestId('widget.prechat.phone.error').textContent).toContain('valid phone number');
    expect(screen.getByTestId('widget.prechat.topic.error').textContent).toBe('Please choose a topic.');
    expect(screen.queryByTestId('widget.prechat.name.error')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(field('email')));

    await user.clear(field('email'));
    await user.type(field('email'), 'ada@example.com');
    await user.clear(field('phone'));
    await user.selectOptions(field('topic'), 'tech');
    await user.click(start);
    expect(onStart).toHaveBeenCalledExactlyOnceWith({ name: 'Ada', email: 'ada@example.com', topic: 'tech' });
  });

  it('asks nothing the host page gave through identify(): a greeting and a start button', async () => {
    const identity = { name: 'Grace Hopper', email: 'grace@example.com', topic: 'billing', account: 'A-17' };
    const { onStart, user, start } = setup({ fields: FULL, identity });
    expect(screen.getByRole('heading').textContent).toBe('Hi Grace Hopper!');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    await user.click(start);
    expect(onStart).toHaveBeenCalledExactlyOnceWith({
      name: 'Grace Hopper',
      email: 'grace@example.com',
      topic: 'billing',
      account: 'A-17',
    });
  });

  it('asks only for what identify() left out or gave wrongly', async () => {
    const { onStart, user, start } = setup({
      fields: FULL,
      identity: { name: 'Grace', email: 'not-an-address' },
    });
    expect(screen.queryByTestId('widget.prechat.name')).toBeNull();
    expect(field('email').value).toBe('not-an-address');
    await user.click(start);
    expect(screen.getByTestId('widget.prechat.email.error')).toBeTruthy();
    await user.clear(field('email'));
    await user.type(field('email'), 'grace@example.com');
    await user.selectOptions(field('topic'), 'billing');
    await user.click(start);
    expect(onStart).toHaveBeenCalledExactlyOnceWith({
      name: 'Grace',
      email: 'grace@example.com',
      topic: 'billing',
    });
  });

  it('shows progress while starting and the failure of the last try', () => {
    setup({ busy: true, initialValues: { name: 'Ada' }, error: 'We could not start the chat.' });
    expect(field('name').value).toBe('Ada');
    expect(screen.getByTestId('widget.prechat.start').textContent).toBe('Starting…');
    expect(screen.getByTestId('widget.prechat.start')).toHaveProperty('disabled', true);
    expect(screen.getByRole('alert').textContent).toBe('We could not start the chat.');
  });

  it('keeps identify() values that break the rules out, and the pre-chat within its limits', () => {
    expect(givenByIdentity(FULL, { name: ' Ada ', email: 'x', topic: 'sales' })).toEqual({ name: 'Ada' });
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v']));
    expect(Object.keys(preChatValues({ name: 'Ada', email: ' ' }, many))).toHaveLength(12);
    expect(preChatValues({ name: 'Ada', email: ' ' }, null)).toEqual({ name: 'Ada' });
  });
});
