/* finesse.js, part 7: finesse.clientservices.ClientServices (gadgets call `init(cfg, false)`). */
import type { GadgetConfig, SimInternals } from './types.ts';

declare const __sim: SimInternals;

let connectedAs = '';

__sim.finesse.clientservices = {
  ClientServices: {
    /**
     * Keeps the config (read live: `finesse.gadget.Config`'s fields are getters) and opens the
     * notification connection for `config.id`. Calling it again with the same user is harmless.
     */
    init(config: Partial<GadgetConfig>, _bypassServerCheck?: boolean) {
      __sim.clientConfig = config;
      const identity = `${config.id ?? ''}\n${__sim.finesse.utilities.Utilities.getAuthHeaderString(config)}`;
      if (identity === connectedAs) return;
      connectedAs = identity;
      __sim.notifications.restart();
    },
  },
};
