// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertPermission } from '../../notify/desktopNotification.ts';
import { DEFAULT_SETTINGS, type GadgetSettings } from '../../stores/settings.ts';
import { renderGadget } from '../../testing/render.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';

afterEach(cleanup);

function Harness({ permission, answer }: { permission: AlertPermission; answer: AlertPermission }) {
  const [settings, setSettings] = useState<GadgetSettings>(DEFAULT_SETTINGS);
  return (
    <SettingsPanel
      settings={settings}
      onChange={(patch) => setSettings((s) => ({ ...s, ...patch }))}
      permission={() => permission}
      requestPermission={request.mockResolvedValue(answer)}
    />
  );
}
const request = vi.fn<() => Promise<AlertPermission>>();

describe('SettingsPanel', () => {
  it('switches sound and auto-accept; sound is on by default', async () => {
    const user = userEvent.setup();
    renderGadget(<Harness permission="granted" answer="granted" />);
    const sound = screen.getByRole('switch', { name: 'Play a sound for new chats' });
    expect(sound).toHaveProperty('checked', true);
    await user.click(sound);
    expect(sound).toHaveProperty('checked', false);
    const auto = screen.getByRole('switch', { name: 'Accept new chats automatically' });
    expect(auto.getAttribute('aria-describedby')).toBeTruthy();
    await user.keyboard('{Tab}{Tab} ');
    expect(auto).toHaveProperty('checked', true);
  });

  it('asks the browser for notification permission only when the agent switches them on', async () => {
    const user = userEvent.setup();
    request.mockClear();
    renderGadget(<Harness permission="default" answer="granted" />);
    expect(request).not.toHaveBeenCalled();
    const alerts = screen.getByRole('switch', { name: /desktop notification/ });
    await user.click(alerts);
    expect(request).toHaveBeenCalledTimes(1);
    expect(alerts).toHaveProperty('checked', true);
  });

  it('explains a refusal and leaves the switch off', async () => {
    const user = userEvent.setup();
    renderGadget(<Harness permission="default" answer="denied" />);
    const alerts = screen.getByRole('switch', { name: /desktop notification/ });
    await user.click(alerts);
    expect(alerts).toHaveProperty('checked', false);
    expect(screen.getByTestId('gadget.settings.desktopAlerts.problem').textContent).toContain(
      'Your browser blocks notifications',
    );
  });
});
