/*
 * finesse.js, part 4: finesse.gadget.Config, built from the gadget's prefs (Cisco "Gadget
 * Configuration"). Fields are read live, so Config is complete by the time the hub connects even
 * though the desktop hands the credentials over only when the gadget page starts.
 */
import type { GadgetsWindow } from '../../container/runtime/gadgetsTypes.ts';
import type { GadgetConfig, SimInternals } from './types.ts';

declare const __sim: SimInternals;

const STRING_FIELDS = [
  'id',
  'authorization',
  'authToken',
  'host',
  'hostPort',
  'restHost',
  'scheme',
  'xmppDomain',
  'pubsubDomain',
  'locale',
  'extension',
  'teamId',
  'teamName',
  'systemAuthMode',
  'deploymentType',
] as const;

function pref(name: string): string {
  const gadgets = (window as GadgetsWindow).gadgets;
  return gadgets ? new gadgets.Prefs().getString(name) : '';
}

const overrides = new Map<string, unknown>();
const config = {} as GadgetConfig;
const define = (name: keyof GadgetConfig, read: () => unknown): void => {
  Object.defineProperty(config, name, {
    enumerable: true,
    get: () => (overrides.has(name) ? overrides.get(name) : read()),
    // Gadgets sometimes patch a field; let them, as with the real plain object.
    set: (value: unknown) => void overrides.set(name, value),
  });
};
for (const name of STRING_FIELDS) define(name, () => pref(name));
define('language', () => pref('language') || pref('locale').split('_')[0] || '');
define('country', () => pref('country') || pref('locale').split('_')[1] || '');
define('clientDriftInMillis', () => Number.parseInt(pref('clientDriftInMillis'), 10) || 0);

__sim.finesse.gadget = { Config: config };
