/*
 * finesse.js, last part: the surface of the Finesse release the simulator plays. The server names
 * what that release's library lacks (`__sim.absent`, from finesseJsSurface.ts); those names are
 * removed here, so a gadget finds exactly what Cisco's library of that version offers.
 */
import type { SimInternals } from './types.ts';

declare const __sim: SimInternals;

for (const name of __sim.absent ?? []) {
  const path = name.split('.');
  const last = path.pop();
  let owner: unknown = { finesse: __sim.finesse };
  for (const key of path) owner = owner == null ? undefined : (owner as Record<string, unknown>)[key];
  if (last && owner != null && (typeof owner === 'object' || typeof owner === 'function'))
    Reflect.deleteProperty(owner, last);
}
