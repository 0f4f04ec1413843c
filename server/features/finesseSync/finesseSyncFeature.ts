/**
 * The `server` sync mode (`FINESSE_SYNC=server`): this server follows each signed-in agent's Finesse
 * voice state itself (REST and an XMPP subscription, communicationServer.ts) and applies media
 * blending's voice changes, so blending works while no gadget is open. In `gadget` sync mode the
 * gadget does both and this feature is not mounted.
 */
import type { Core, Feature } from '../../core/feature.ts';
import { createCommunicationServer } from './communicationServer.ts';
import { subscribeToFinesse } from './xmppSubscription.ts';

export function finesseSyncFeature(core: Core, finesse: { activeUrl(): string | null }): Feature {
  const { config, log } = core;
  const communication = createCommunicationServer({
    finesseUrl: () => finesse.activeUrl(),
    timeoutMs: config.finesseTimeoutMs,
    subscribe: config.finesseXmpp ? subscribeToFinesse(config.finesseXmpp, log) : null,
    reportVoice: (agentId, voice) => core.router.reportVoice(agentId, voice),
    resyncMs: config.finesseResyncMs,
    log,
  });
  core.events.on('agentSignedIn', ({ agentId, authorization }) =>
    communication.track(agentId, authorization),
  );
  core.events.on('voiceAction', ({ agentId, action }) => {
    void communication
      .apply(agentId, action)
      .catch((error: unknown) => log.warn({ err: error, agentId }, 'voice change for blending failed'));
  });
  return { name: 'finesseSync', close: () => communication.stop() };
}
