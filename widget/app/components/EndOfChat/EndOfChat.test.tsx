// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ChatRating, HybridChatError, type TranscriptFile } from '../../../../sdk/index.ts';
import { renderWidget } from '../../testing/render.tsx';
import { Csat } from './Csat.tsx';
import { EndOfChat, type EndOfChatProps } from './EndOfChat.tsx';
import { TranscriptActions } from './TranscriptActions.tsx';

afterEach(cleanup);

const rating: ChatRating = { score: 4, comment: null, ratedAt: 1 };

describe('Csat', () => {
  it('rates with a star and an optional comment, then thanks', async () => {
    const onRate = vi.fn(async (body: { score: number; comment?: string }) => ({
      rating: { score: body.score as ChatRating['score'], comment: body.comment ?? null, ratedAt: 2 },
    }));
    renderWidget(<Csat rating={null} onRate={onRate} />);
    const user = userEvent.setup();
    expect(screen.getByRole('group', { name: 'How was your chat?' })).toBeTruthy();
    expect(screen.queryByTestId('widget.csat.send')).toBeNull();
    await user.click(screen.getByLabelText('4 of 5: Good'));
    expect(screen.getByTestId('widget.csat.4')).toHaveProperty('checked', true);
    await user.type(screen.getByTestId('widget.csat.comment'), '  Quick help  ');
    await user.click(screen.getByTestId('widget.csat.send'));
    expect(onRate).toHaveBeenCalledExactlyOnceWith({ score: 4, comment: 'Quick help' });
    const thanks = await screen.findByTestId('widget.csat.thanks');
    expect(thanks.textContent).toBe('Thanks for your feedback!You rated this chat 4 out of 5.');
  });

  it('shows a rating given before (another tab, a reload) and says when sending failed', async () => {
    const { unmount } = renderWidget(<Csat rating={rating} onRate={vi.fn()} />);
    expect(screen.getByTestId('widget.csat.thanks').dataset.score).toBe('4');
    unmount();
    renderWidget(<Csat rating={null} onRate={vi.fn(async () => Promise.reject(new Error('down')))} />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('widget.csat.5'));
    await user.click(screen.getByTestId('widget.csat.send'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your feedback could not be sent. Please try again.',
    );
  });
});

describe('TranscriptActions', () => {
  const file: TranscriptFile = {
    blob: new Blob(['hi']),
    fileName: 'chat-transcript-2025-03-14-1a2b3c4d.txt',
  };

  it('downloads the transcript in the customer’s language and time zone', async () => {
    const download = vi.fn(async () => file);
    const save = vi.fn();
    renderWidget(<TranscriptActions download={download} save={save} />, 'de');
    await userEvent.setup().click(screen.getByTestId('widget.transcript.download'));
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ format: 'txt', locale: 'de' }));
    expect(save).toHaveBeenCalledWith(file);
    expect(screen.queryByTestId('widget.transcript.email')).toBeNull();
  });

  it('emails it to a checked address', async () => {
    const email = vi.fn(async () => ({ sent: true }));
    renderWidget(<TranscriptActions download={vi.fn()} email={email} defaultEmail="ada@example" />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('widget.transcript.email'));
    const address = screen.getByTestId('widget.transcript.address');
    expect(document.activeElement).toBe(address);
    await user.click(screen.getByTestId('widget.transcript.send'));
    expect(email).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe(
      'Please enter a valid email address, like name@example.com.',
    );
    await user.type(address, '.com');
    await user.click(screen.getByTestId('widget.transcript.send'));
    expect(email).toHaveBeenCalledWith(expect.objectContaining({ email: 'ada@example.com', locale: 'en' }));
    expect((await screen.findByTestId('widget.transcript.sent')).textContent).toBe(
      'Transcript sent to ada@example.com.',
    );
  });

  it('says when the server limits emails or the download fails', async () => {
    const email = vi.fn(async () => Promise.reject(new HybridChatError('RATE_LIMITED', 'later')));
    const download = vi.fn(async () => Promise.reject(new HybridChatError('DISCONNECTED', 'down')));
    renderWidget(<TranscriptActions download={download} email={email} defaultEmail="ada@example.com" />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('widget.transcript.download'));
    expect((await screen.findByRole('alert')).textContent).toContain('could not be downloaded');
    await user.click(screen.getByTestId('widget.transcript.email'));
    await user.click(screen.getByTestId('widget.transcript.send'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many emails for now. Please try again later.',
    );
  });
});

describe('EndOfChat', () => {
  it('asks the customer client about this chat', async () => {
    const customer: EndOfChatProps['customer'] = {
      transcript: vi.fn(async () => file()),
      emailTranscript: vi.fn(async () => ({ sent: true as const })),
      rate: vi.fn(async () => ({ rating })),
    };
    renderWidget(
      <EndOfChat chatId="chat-1" rating={null} customer={customer} emailEnabled defaultEmail="a@b.cd" />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByTestId('widget.csat.4'));
    await user.click(screen.getByTestId('widget.csat.send'));
    expect(customer.rate).toHaveBeenCalledWith({ score: 4 }, 'chat-1');
    await user.click(screen.getByTestId('widget.transcript.email'));
    await user.click(screen.getByTestId('widget.transcript.send'));
    expect(customer.emailTranscript).toHaveBeenCalledWith(
      expect.objectContaining({ email: 'a@b.cd' }),
      'chat-1',
    );
  });

  function file(): TranscriptFile {
    return { blob: new Blob(['x']), fileName: 'x.txt' };
  }
});
