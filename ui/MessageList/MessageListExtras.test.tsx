// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agent, customer, messageFactory, renderList } from './messageListTesting.tsx';

afterEach(cleanup);

const message = messageFactory(agent);

describe('MessageList receipts', () => {
  it('marks own messages sent, delivered or read by the other side, with a spoken name', () => {
    const mine = [1, 2, 3].map((seq) => message({ seq, clientId: `own-${seq}` }));
    renderList([...mine, message({ seq: 4, from: customer })], { receipts: { delivered: 2, read: 1 } });
    const marks = screen.getAllByRole('img').map((img) => [img.getAttribute('aria-label'), img.textContent]);
    expect(marks).toEqual([
      ['Read', '✓✓'],
      ['Delivered', '✓✓'],
      ['Sent', '✓'],
    ]);
    expect(screen.getAllByTestId('app.message')[3]?.querySelector('[data-receipt]')).toBeNull();
  });

  it('shows no receipts without watermarks, nor on pending messages', () => {
    renderList([message({ seq: null, delivery: 'pending' }), message()]);
    expect(screen.queryAllByRole('img')).toEqual([]);
  });
});

describe('MessageList files', () => {
  it('shows a picture through a signed link, and a document with a download link', async () => {
    const resolve = vi.fn(async (fileId: string) => ({
      url: `https://chat.test/f/${fileId}`,
      expiresAt: Date.now() + 60_000,
    }));
    renderList(
      [
        message({
          from: customer,
          kind: 'file',
          text: 'cat.png',
          file: { id: 'f1', name: 'cat.png', size: 2048, type: 'image/png' },
        }),
        message({
          kind: 'file',
          text: 'bill.pdf',
          file: { id: 'f2', name: 'bill.pdf', size: 300, type: 'application/pdf' },
        }),
      ],
      { resolveFileUrl: resolve },
    );
    const image = await screen.findByRole('img', { name: 'cat.png' });
    expect(image.getAttribute('src')).toBe('https://chat.test/f/f1');
    expect(screen.getByRole('link', { name: 'Open cat.png' }).getAttribute('rel')).toBe(
      'noopener noreferrer',
    );
    const download = await screen.findByRole('link', { name: 'Download' });
    expect(download.getAttribute('href')).toBe('https://chat.test/f/f2');
    expect(download.getAttribute('download')).toBe('bill.pdf');
    expect(screen.getAllByTestId('app.file').map((el) => el.dataset.fileType)).toEqual([
      'image/png',
      'application/pdf',
    ]);
    expect(screen.getByText('2 KB')).toBeTruthy();
  });

  it('shows upload progress, and the reason a file was refused', () => {
    renderList([
      message({
        seq: null,
        delivery: 'pending',
        kind: 'file',
        text: 'a.png',
        uploaded: 512,
        file: { id: '', name: 'a.png', size: 1024, type: 'image/png' },
      }),
      message({
        seq: null,
        delivery: 'failed',
        errorCode: 'FILE_TYPE',
        kind: 'file',
        text: 'b.png',
        file: { id: '', name: 'b.png', size: 10, type: 'image/png' },
      }),
    ]);
    const [uploading, refused] = screen.getAllByTestId('app.message');
    expect(within(uploading!).getByRole('progressbar', { name: 'Uploading 50%' })).toBeTruthy();
    expect(refused?.querySelector('.ui-msg__reason')?.textContent).toBe('Wrong type');
  });

  it('renders markup in file names and message text as plain text, and runs nothing', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=2</script>',
      '"><svg onload="window.__xss=3">',
      '<a href="javascript:window.__xss=4">click</a>',
    ];
    const resolve = async () => ({ url: 'https://chat.test/f/x', expiresAt: Date.now() + 60_000 });
    renderList(
      payloads.flatMap((payload, i) => [
        message({ from: customer, text: payload }),
        message({
          from: customer,
          kind: 'file',
          text: payload,
          file: { id: `x${i}`, name: `${payload}.txt`, size: 5, type: 'text/plain' },
        }),
      ]),
      { resolveFileUrl: resolve },
    );
    await screen.findAllByRole('link', { name: 'Download' });
    const log = screen.getByRole('log');
    for (const payload of payloads) {
      expect(within(log).getByText(payload)).toBeTruthy();
      expect(within(log).getByText(`${payload}.txt`)).toBeTruthy();
    }
    expect(
      log.querySelector('script, svg:not(.ui-file__icon), img, [onerror], [onload], a[href^="javascript"]'),
    ).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });
});
