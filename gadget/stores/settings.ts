/**
 * The agent's own gadget settings (sound, desktop notifications, auto-accept), kept in the browser's
 * localStorage under the agent's id: two agents sharing a computer keep their own, and a broken or
 * blocked storage never stops the gadget (defaults then, and nothing is saved).
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

export function loadSettings(storage: SettingsStorage | null, agentId: string | undefined): GadgetSettings {
  if (!storage || !agentId) return { ...DEFAULT_SETTINGS };
  try {
    const raw = storage.getItem(settingsKey(agentId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (typeof parsed !== 'object' || parsed === null) return { ...DEFAULT_SETTINGS };
    const saved = parsed as Record<string, unknown>;
    // Only booleans we know: a tampered or older entry cannot switch on something unexpected.
    const pick = (name: keyof GadgetSettings): boolean =>
      typeof saved[name] === 'boolean' ? saved[name] : DEFAULT_SETTINGS[name];
    return { sound: pick('sound'), desktopAlerts: pick('desktopAlerts'), autoAccept: pick('autoAccept') };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(
  storage: SettingsStorage | null,
  agentId: string | undefined,
  settings: GadgetSettings,
): void {
  if (!storage || !agentId) return;
  try {
    storage.setItem(settingsKey(agentId), JSON.stringify(settings));
  } catch (error) {
    // Full or blocked storage: the setting still applies until the gadget reloads.
    console.warn('[hybrid-chat gadget] could not save settings', error);
  }
}
