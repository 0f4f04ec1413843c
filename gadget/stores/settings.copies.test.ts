// @vitest-environment jsdom
/**
 * Settings shared by two copies of the gadget in one desktop (docs/requirements.md, container rules): both iframes
 * share the chat server's origin, so one localStorage entry per agent, and the browser tells every
 * *other* document of a change through a `storage` event. A small origin fake plays that browser part.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGadgetStore } from './gadgetStore.ts';
import { DEFAULT_SETTINGS, settingsKey, type SettingsStorage } from './settings.ts';
import { fakeClient, fakeTransport } from './storeFakes.ts';

const KEY = settingsKey('a-1');

/** One origin's localStorage; each document gets its own view and window, as the gadget iframes do. */
function sharedOrigin() {
  const data = new Map<string, string>();
  const windows: EventTarget[] = [];
  const document = () => {
    const events = new EventTarget();
    windows.push(events);
    const storage: SettingsStorage = {
      getItem: (key) => data.get(key) ?? null,
      setItem: (key, newValue) => {
        const oldValue = data.get(key) ?? null;
        data.set(key, newValue);
        // The writer's own document is not told; every other one is.
        for (const other of windows) {
          if (other !== events) other.dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue }));
        }
      },
    };
    return { storage, events };
  };
  return { data, document };
}

function copy(view: { storage: SettingsStorage; events: EventTarget | null }) {
  const { transport } = fakeTransport();
  return createGadgetStore({ transport, client: fakeClient(), agentId: 'a-1', ...view });
}

afterEach(() => {
  window.localStorage.clear();
  vi.restoreAllMocks();
});

describe('gadget settings across two copies of the gadget', () => {
  it('a change in one copy reaches the other', () => {
    const origin = sharedOrigin();
    const a = copy(origin.document());
    const b = copy(origin.document());
    a.store.getState().updateSettings({ autoAccept: true });
    expect(b.store.getState().settings).toEqual({ ...DEFAULT_SETTINGS, autoAccept: true });
    b.store.getState().updateSettings({ sound: false });
    expect(a.store.getState().settings).toEqual({ ...DEFAULT_SETTINGS, autoAccept: true, sound: false });
  });

  it('follows a storage event on the window with the browser’s own localStorage (the defaults)', () => {
    const { store, dispose } = copy({ storage: window.localStorage, events: window });
    const other = JSON.stringify({ ...DEFAULT_SETTINGS, desktopAlerts: true });
    window.localStorage.setItem(KEY, other);
    window.dispatchEvent(new StorageEvent('storage', { key: KEY, newValue: other }));
    expect(store.getState().settings.desktopAlerts).toBe(true);
    dispose();
  });

  it('keeps both of two different changes, even when one copy has not heard of the other’s yet', () => {
    const origin = sharedOrigin();
    const a = copy(origin.document());
    // This copy's event arrives late (or never): its memory still holds the old settings.
    const b = copy({ storage: origin.document().storage, events: null });
    a.store.getState().updateSettings({ sound: false });
    expect(b.store.getState().settings.sound).toBe(true);
    b.store.getState().updateSettings({ autoAccept: true });

    const both = { ...DEFAULT_SETTINGS, sound: false, autoAccept: true };
    expect(JSON.parse(origin.data.get(KEY) ?? 'null')).toEqual(both);
    expect(a.store.getState().settings).toEqual(both);
    expect(b.store.getState().settings).toEqual(both);
  });

  it('ignores malformed, removed and unrelated entries and keeps the current settings', () => {
    const origin = sharedOrigin();
    const view = origin.document();
    const { store } = copy(view);
    store.getState().updateSettings({ autoAccept: true });
    const before = store.getState().settings;
    const renders = vi.fn();
    store.subscribe(renders);

    const send = (init: StorageEventInit) => view.events.dispatchEvent(new StorageEvent('storage', init));
    for (const newValue of ['{not json', 'null', '42', '"on"', '[true]', null]) {
      expect(() => send({ key: KEY, newValue })).not.toThrow();
    }
    // Another agent's entry, `localStorage.clear()` (key null), a plain event under the same name.
    send({ key: settingsKey('a-2'), newValue: JSON.stringify({ sound: false }) });
    send({ key: null, newValue: null });
    view.events.dispatchEvent(new Event('storage'));
    // A field of the wrong type is left alone; the valid one still applies.
    send({ key: KEY, newValue: JSON.stringify({ autoAccept: 'no', sound: 1, desktopAlerts: true }) });

    expect(store.getState().settings).toEqual({ ...before, desktopAlerts: true });
    expect(renders).toHaveBeenCalledTimes(1);
  });

  it('saves a change onto storage the gadget cannot parse, from its own settings', () => {
    const origin = sharedOrigin();
    const view = origin.document();
    const { store } = copy(view);
    store.getState().updateSettings({ sound: false });
    origin.data.set(KEY, '{not json');
    store.getState().updateSettings({ autoAccept: true });
    expect(JSON.parse(origin.data.get(KEY) ?? 'null')).toEqual({
      ...DEFAULT_SETTINGS,
      sound: false,
      autoAccept: true,
    });
  });

  it('stops listening on dispose', () => {
    const origin = sharedOrigin();
    const a = copy(origin.document());
    const view = origin.document();
    const remove = vi.spyOn(view.events, 'removeEventListener');
    const b = copy(view);
    b.dispose();
    expect(remove).toHaveBeenCalledWith('storage', expect.any(Function));
    a.store.getState().updateSettings({ autoAccept: true });
    expect(b.store.getState().settings).toEqual(DEFAULT_SETTINGS);
  });
});
