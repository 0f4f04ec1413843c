// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { lazy } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWidget } from '../testing/render.tsx';
import { EndOfChat, Part } from './lazyParts.tsx';

afterEach(cleanup);

describe('lazily loaded parts', () => {
  it('load on demand', async () => {
    const customer = { transcript: vi.fn(), emailTranscript: vi.fn(), rate: vi.fn() };
    renderWidget(
      <Part>
        <EndOfChat chatId="c" rating={null} customer={customer} emailEnabled={false} />
      </Part>,
    );
    expect(await screen.findByTestId('widget.endOfChat')).toBeTruthy();
  });

  it('say so when a part cannot be loaded, and the rest of the app lives on', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = lazy(async () => Promise.reject(new Error('offline')));
    renderWidget(
      <div>
        <p>still here</p>
        <Part>
          <Broken />
        </Part>
      </div>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong');
    expect(screen.getByText('still here')).toBeTruthy();
  });
});
