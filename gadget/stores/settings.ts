/**
 * The agent's own gadget settings (sound, desktop notifications, auto-accept), kept in the browser's
 * localStorage under the agent's id: two agents sharing a computer keep their own, and a broken or
 * blocked storage never stops the gadget (defaults then, and nothing is saved).
 *
 * Several copies of the gadget in one desktop share that entry: each saves only the field the
 * agent changed, merged onto what storage holds at that moment, and follows the others' changes through
 * the `storage` event (it fires in every other same-origin document, so in the other gadget iframes).
 */

export interface GadgetSettings {
  /** A short chime when an offer arrives (Web Audio, after the agent's first click or key). */
  sound: boolean;
  /** A browser notification for an offer while the desktop's browser tab is hidden. */
  desktopAlerts: boolean;
  /** Accept every offer as soon as it arrives. */
  autoAccept: boolean;
}

export const DEFAULT_SETTINGS: GadgetSettings = { sound: true, desktopAlerts: false, autoAccept: false };

/** The part of `Storage` the settings use (tests pass a Map-backed fake). */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function settingsKey(agentId: string): string {
  return `hybrid-chat:gadget:settings:${agentId}`;
}

/** `localStorage`, or null where reading it throws (sandboxed iframe, storage disabled). */
export function browserStorage(): SettingsStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The events the settings follow: the window (tests pass their own target). */
export type SettingsEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** The window, or null where there is none (the unit tests' node environment). */
export function browserEvents(): SettingsEvents | null {
  return typeof globalThis.addEventListener === 'function' ? globalThis : null;
}

/**
 * The known settings in a stored entry, or null when it is not a JSON object (absent, malformed or
 * tampered). Only booleans are taken: a bad field cannot switch on something unexpected.
 */
function parseSettings(raw: string | null): Partial<GadgetSettings> | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const saved = parsed as Record<string, unknown>;
  const known: Partial<GadgetSettings> = {};
  for (const name of Object.keys(DEFAULT_SETTINGS) as (keyof GadgetSettings)[]) {
    const value = saved[name];
    if (typeof value === 'boolean') known[name] = value;
  }
  return known;
}

/** What storage holds for the agent now; null when it holds nothing usable or cannot be read. */
function readStored(
  storage: SettingsStorage | null,
  agentId: string | undefined,
): Partial<GadgetSettings> | null {
  if (!storage || !agentId) return null;
  try {
    return parseSettings(storage.getItem(settingsKey(agentId)));
  } catch {
    return null;
  }
}

export function loadSettings(storage: SettingsStorage | null, agentId: string | undefined): GadgetSettings {
  return { ...DEFAULT_SETTINGS, ...readStored(storage, agentId) };
}

/**
 * Saves `patch` onto what storage holds now (re-read, not this copy's memory: another copy of the gadget
 * may have changed a different setting since) and returns the settings that now apply. `current` fills
 * in what storage does not hold.
 */
export function saveSettings(
  storage: SettingsStorage | null,
  agentId: string | undefined,
  current: GadgetSettings,
  patch: Partial<GadgetSettings>,
): GadgetSettings {
  const settings = { ...current, ...readStored(storage, agentId), ...patch };
  if (!storage || !agentId) return settings;
  try {
    storage.setItem(settingsKey(agentId), JSON.stringify(settings));
  } catch (error) {
    // Full or blocked storage: the setting still applies until the gadget reloads.
    console.warn('[hybrid-chat gadget] could not save settings', error);
  }
  return settings;
}

/**
 * Calls `onChange` with the stored settings whenever another document (another copy of the gadget)
 * changes this agent's entry. A removed or malformed entry is ignored: the current settings stay.
 * Returns the function that stops listening.
 */
export function watchSettings(
  events: SettingsEvents | null,
  agentId: string | undefined,
  onChange: (stored: Partial<GadgetSettings>) => void,
): () => void {
  if (!events || !agentId) return () => {};
  const key = settingsKey(agentId);
  const listener = (event: Event): void => {
    // Only StorageEvents carry a key; anything else dispatched under that name is not ours.
    const { key: changed, newValue } = event as Partial<StorageEvent>;
    if (changed !== key) return;
    const stored = parseSettings(newValue ?? null);
    if (stored) onChange(stored);
  };
  events.addEventListener('storage', listener);
  return () => events.removeEventListener('storage', listener);
}
