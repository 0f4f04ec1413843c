// @vitest-environment jsdom
import { cleanup, fireEvent } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatOffer } from '../../sdk/index.ts';
import type { PendingOffer } from '../stores/gadgetStore.ts';
import { DEFAULT_SETTINGS, type GadgetSettings } from '../stores/settings.ts';
import { renderGadget } from '../testing/render.tsx';
import { useOfferAlerts } from './useOfferAlerts.ts';

const offer: ChatOffer = {
  chatId: 'chat-1',
  customer: { id: 'c-1', name: 'Dana' },
  queue: 'support',
  preChat: {},
  offeredAt: 0,
  expiresAt: 20_000,
};
const pending: PendingOffer[] = [{ offer, receivedAt: 0, busy: null }];

let notes = 0;
const notifications: { title: string; close: () => void }[] = [];
const notificationBodies: string[] = [];

beforeEach(() => {
  notes = 0;
  notifications.length = 0;
  notificationBodies.length = 0;
  vi.stubGlobal(
    'AudioContext',
    class {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume = async () => {};
      close = async () => {};
      createOscillator = () => ({
        frequency: { setValueAtTime() {} },
        connect: (n: unknown) => n,
        start: () => void (notes += 1),
        stop() {},
      });
      createGain = () => ({
        gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
        connect: (n: unknown) => n,
      });
    },
  );
  vi.stubGlobal(
    'Notification',
    class {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      close = vi.fn();
      constructor(title: string, options?: { body?: string }) {
        notifications.push({ title, close: this.close });
        notificationBodies.push(options?.body ?? '');
      }
    },
  );
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function Alerts({ offers, settings }: { offers: PendingOffer[]; settings: GadgetSettings }) {
  useOfferAlerts(offers, settings, announce);
  return null;
}
const announce = vi.fn();

describe('useOfferAlerts', () => {
  it('chimes (after a first gesture) and shows one notification per offer while the tab is hidden', () => {
    const settings = { ...DEFAULT_SETTINGS, desktopAlerts: true };
    const view = renderGadget(<Alerts offers={[]} settings={settings} />);
    fireEvent.pointerDown(document.body);
    view.rerender(<Alerts offers={pending} settings={settings} />);
    expect(notes).toBe(2);
    expect(notifications.map((n) => n.title)).toEqual(['Incoming chat from Dana']);
    expect(announce).toHaveBeenCalledWith(
      'Incoming chat from Dana in support. Press Alt+A to accept.',
      'assertive',
    );
    // A re-render with the same offer alerts nothing more; the offer going away closes the notification.
    view.rerender(<Alerts offers={[...pending]} settings={settings} />);
    expect(notes).toBe(2);
    view.rerender(<Alerts offers={[]} settings={settings} />);
    expect(notifications[0]?.close).toHaveBeenCalled();
  });

  it('clears the offer announcement once no offer is left (accepted, declined or gone)', () => {
    const settings = { ...DEFAULT_SETTINGS, sound: false };
    const view = renderGadget(<Alerts offers={pending} settings={settings} />);
    expect(announce).toHaveBeenLastCalledWith(expect.stringContaining('Alt+A'), 'assertive');
    view.rerender(<Alerts offers={[]} settings={settings} />);
    expect(announce).toHaveBeenLastCalledWith('', 'assertive');
  });

  it("names the queue by its label in the agent's language, in the announcement and the notification", () => {
    const settings = { ...DEFAULT_SETTINGS, sound: false, desktopAlerts: true };
    const labelled: PendingOffer[] = [
      {
        offer: { ...offer, queueLabel: { en: 'Customer support', de: 'Kundendienst' } },
        receivedAt: 0,
        busy: null,
      },
    ];
    const view = renderGadget(<Alerts offers={[]} settings={settings} />, 'de');
    view.rerender(<Alerts offers={labelled} settings={settings} />);
    expect(announce).toHaveBeenLastCalledWith(
      'Eingehender Chat von Dana in Kundendienst. Drücken Sie Alt+A zum Annehmen.',
      'assertive',
    );
    expect(notifications.map((n) => n.title)).toEqual(['Eingehender Chat von Dana']);
    expect(notificationBodies).toEqual(['Dana wartet in Kundendienst.']);
  });

  it('stays quiet when the agent switched sound and notifications off', () => {
    const settings = { ...DEFAULT_SETTINGS, sound: false, desktopAlerts: false };
    const view = renderGadget(<Alerts offers={[]} settings={settings} />);
    fireEvent.keyDown(document.body, { key: 'x' });
    view.rerender(<Alerts offers={pending} settings={settings} />);
    expect(notes).toBe(0);
    expect(notifications).toHaveLength(0);
  });
});
