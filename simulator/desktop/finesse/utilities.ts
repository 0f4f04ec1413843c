/* finesse.js, part 3: finesse.utilities.Utilities and finesse.cslogger.ClientLogger. */
import type { GadgetConfig, SimInternals } from './types.ts';

declare const __sim: SimInternals;

__sim.finesse.utilities = {
  Utilities: {
    /** "Basic …" for NON_SSO, "Bearer …" for SSO (Cisco's `getAuthHeaderString`, Finesse 11 and later). */
    getAuthHeaderString(config: Partial<GadgetConfig>): string {
      const sso = config.systemAuthMode === 'SSO' || (!config.authorization && Boolean(config.authToken));
      return sso ? `Bearer ${config.authToken ?? ''}` : `Basic ${config.authorization ?? ''}`;
    },
  },
};

// Cisco's sample gadgets start with `clientLogs = finesse.cslogger.ClientLogger`; a real desktop
// ships these logs to the server, the simulator writes them to the console.
__sim.finesse.cslogger = {
  ClientLogger: {
    init() {},
    log: (message) => console.debug('[finesse gadget]', message),
    error: (message) => console.error('[finesse gadget]', message),
  },
};
