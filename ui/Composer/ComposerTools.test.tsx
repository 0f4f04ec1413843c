// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type ComposerProps } from './Composer.tsx';

afterEach(cleanup);

function setup(props: Partial<ComposerProps> = {}) {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  const onFiles = vi.fn();
  render(
    <Composer
      label="Message"
      placeholder="Write…"
      sendLabel="Send"
      sendClassName="btn"
      testIds={{ input: 'app.composer', send: 'app.send' }}
      onSend={onSend}
      onTyping={onTyping}
      emojiLabel="Insert emoji"
      attach={{
        label: 'Attach a file',
        accept: 'image/png',
        onFiles,
        testIds: { button: 'app.attach', input: 'app.attach.input' },
      }}
      {...props}
    />,
  );
  const box = screen.getByTestId<HTMLTextAreaElement>('app.composer');
  return { onSend, onTyping, onFiles, box, user: userEvent.setup() };
}

describe('Composer tools', () => {
  it('inserts an emoji at the caret and puts the caret after it', async () => {
    const { box, onTyping, user } = setup();
    await user.type(box, 'Thanks a lot');
    box.setSelectionRange(6, 6);
    await user.click(screen.getByRole('button', { name: 'Insert emoji' }));
    await user.keyboard('{ArrowRight}{ArrowRight}{Enter}');
    expect(box.value).toBe('Thanks🙂 a lot');
    expect(document.activeElement).toBe(box);
    expect(box.selectionStart).toBe(6 + '🙂'.length);
    expect(onTyping).toHaveBeenLastCalledWith(true);
  });

  it('without colour emoji, spells the emoji out under the box; the emoji itself is sent', async () => {
    const { box, onSend, user } = setup({
      emojiTextFallback: true,
      emojiPreviewLabel: 'With emoji names:',
      testIds: { input: 'app.composer', send: 'app.send', preview: 'app.preview' },
    });
    await user.type(box, 'Thanks');
    expect(screen.queryByTestId('app.preview')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Insert emoji' }));
    // The picker shows short names here; the 👍 button is named by its emoji.
    await user.click(screen.getByRole('button', { name: '👍' }));
    const preview = screen.getByTestId('app.preview');
    expect(preview.textContent).toBe('With emoji names: Thanks:+1:');
    expect(preview.getAttribute('aria-hidden')).toBe('true');
    await user.click(screen.getByTestId('app.send'));
    expect(onSend).toHaveBeenCalledWith('Thanks👍');
    expect(screen.queryByTestId('app.preview')).toBeNull();
  });

  it('shows no preview where the system draws emoji', async () => {
    const { box, user } = setup({ emojiPreviewLabel: 'With emoji names:' });
    await user.type(box, 'Thanks 🙂');
    expect(document.querySelector('.ui-composer__preview')).toBeNull();
  });

  it('replaces a selection with the emoji, also past the limit (long text is split, not cut)', async () => {
    const { box, user } = setup({ maxLength: 5 });
    await user.type(box, 'abcde');
    box.setSelectionRange(1, 3);
    await user.click(screen.getByRole('button', { name: 'Insert emoji' }));
    await user.keyboard('{Enter}');
    expect(box.value).toBe('a😀de');
    await user.click(screen.getByRole('button', { name: 'Insert emoji' }));
    await user.keyboard('{Enter}');
    expect(box.value).toBe('a😀😀de');
  });

  it('attaches chosen files through the attach button, and the same file can be chosen again', async () => {
    const { onFiles, user } = setup();
    const input = screen.getByTestId<HTMLInputElement>('app.attach.input');
    const click = vi.spyOn(input, 'click');
    await user.click(screen.getByRole('button', { name: 'Attach a file' }));
    expect(click).toHaveBeenCalled();
    const file = new File(['x'], 'a.png', { type: 'image/png' });
    await user.upload(input, file);
    expect(onFiles).toHaveBeenCalledWith([file]);
    expect(input.value).toBe('');
    expect(input.accept).toBe('image/png');
  });

  it('attaches pasted files instead of pasting them as text; plain text pastes as usual', async () => {
    const { onFiles, box, user } = setup();
    const file = new File(['x'], 'screenshot.png', { type: 'image/png' });
    fireEvent.paste(box, { clipboardData: { files: [file], getData: () => '' } });
    expect(onFiles).toHaveBeenCalledWith([file]);
    box.focus();
    await user.paste('just text');
    expect(box.value).toBe('just text');
    expect(onFiles).toHaveBeenCalledTimes(1);
  });

  it('offers no tools when none are configured', () => {
    setup({ emojiLabel: undefined, attach: undefined });
    expect(screen.queryByRole('button', { name: 'Insert emoji' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();
  });
});
