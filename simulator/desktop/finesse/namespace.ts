/*
 * finesse.js, part 1: the `finesse` namespace. The simulator serves its parts as one classic
 * script, each part in its own block, sharing the private `__sim` object (see browserScripts.ts).
 */
import type { FinesseNamespace, SimInternals } from './types.ts';

declare const __sim: SimInternals;

const host = window as unknown as { finesse?: FinesseNamespace };
// Keep the object a page may have created before us; the parts below fill in its namespaces.
host.finesse ??= {} as FinesseNamespace;
__sim.finesse = host.finesse;
__sim.clientConfig = undefined;
