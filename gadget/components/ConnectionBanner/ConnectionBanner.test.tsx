// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_UPGRADE_STALL_MS, type ConnectionStatus, type TransportName } from '../../../sdk/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function banner(status: ConnectionStatus, transport: TransportName | null, extra = {}) {
  return <ConnectionBanner status={status} transport={transport} {...extra} />;
}

describe('ConnectionBanner', () => {
  it('warns calmly once the connection has stayed on long-polling, naming the proxy headers', async () => {
    vi.useFakeTimers();
    renderGadget(banner('online', 'polling'));
    expect(screen.queryByTestId('polling-warning')).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(DEFAULT_UPGRADE_STALL_MS - 1));
    expect(screen.queryByTestId('polling-warning')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(1));

    const warning = screen.getByTestId('polling-warning');
    expect(warning.getAttribute('role')).toBe('status');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(warning.textContent).toContain('Chat works, but more slowly');
    expect(warning.textContent).toContain('HTTP long-polling');
    for (const text of [
      'Upgrade: websocket',
      'Connection: upgrade',
      'HTTP/1.1',
      'proxy_http_version 1.1;',
      'proxy_set_header Upgrade $http_upgrade;',
      'proxy_set_header Connection "upgrade";',
    ]) {
      expect(warning.textContent).toContain(text);
    }
  });

  it('keeps the technical details behind a focusable disclosure', async () => {
    const user = userEvent.setup();
    renderGadget(banner('online', 'polling', { pollingWarningMs: 0 }));
    const warning = await screen.findByTestId('polling-warning');
    const details = warning.querySelector('details');
    expect(details?.open).toBe(false);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByText('Details for your administrator'));
    // Enter/Space on a focused <summary> is the browser's own; jsdom only implements the click.
    await user.click(screen.getByText('Details for your administrator'));
    expect(details?.open).toBe(true);
  });

  it('disappears when the connection upgrades later, and never shows on websocket', async () => {
    vi.useFakeTimers();
    const view = renderGadget(banner('online', 'polling', { pollingWarningMs: 1000 }));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(screen.getByTestId('polling-warning')).not.toBeNull();

    view.rerender(banner('online', 'websocket', { pollingWarningMs: 1000 }));
    expect(screen.queryByTestId('polling-warning')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(screen.queryByTestId('polling-warning')).toBeNull();
  });

  it('waits afresh after a reconnect that comes back on polling', async () => {
    vi.useFakeTimers();
    const view = renderGadget(banner('online', 'polling', { pollingWarningMs: 1000 }));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(screen.getByTestId('polling-warning')).not.toBeNull();

    view.rerender(banner('reconnecting', null, { pollingWarningMs: 1000 }));
    expect(screen.queryByTestId('polling-warning')).toBeNull();
    expect(screen.getByTestId('gadget.connection.banner').dataset['status']).toBe('reconnecting');

    view.rerender(banner('online', 'polling', { pollingWarningMs: 1000 }));
    expect(screen.queryByTestId('polling-warning')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(screen.getByTestId('polling-warning')).not.toBeNull();
  });

  it('shows the polling note beside the Finesse outage alert', async () => {
    renderGadget(banner('online', 'polling', { pollingWarningMs: 0, finesseHalted: true }));
    expect(await screen.findByTestId('polling-warning')).not.toBeNull();
    expect(screen.getByRole('alert').dataset['testid']).toBe('gadget.finesse.halted');
  });

  it('is translated', async () => {
    renderGadget(banner('online', 'polling', { pollingWarningMs: 0 }), 'de');
    const warning = await screen.findByTestId('polling-warning');
    expect(warning.textContent).toContain('Der Chat funktioniert, aber langsamer');
    expect(warning.textContent).toContain('Connection: upgrade');
  });
});
