/**
 * Media blending in `gadget` sync mode (docs/requirements.md): the gadget reports the agent's voice state
 * and call from finesse.js to the chat server, and applies the voice changes the server's
 * blending asks for ("Handling Chat" on the first chat, the saved state when the last ends).
 */
import type { VoiceSnapshot, VoiceActionNotice, VoiceReport } from '../../sdk/index.ts';
import type { AgentTransport } from '../chat/ports.ts';

/** What voice sync needs of the finesse.js adapter. */
export interface VoicePort {
  getSnapshot(): VoiceSnapshot;
  on(event: 'voice', listener: (snapshot: VoiceSnapshot) => void): () => void;
  setState(state: 'READY' | 'NOT_READY', reasonLabelOrId?: string): Promise<void>;
}

export type VoiceTransportPort = Pick<AgentTransport, 'request' | 'on' | 'connected'>;

export interface VoiceSyncOptions {
  voice: VoicePort;
  transport: VoiceTransportPort;
  onError?: (error: unknown) => void;
}

export function reportOf(snapshot: VoiceSnapshot): VoiceReport {
  return {
    state: snapshot.state,
    reasonCodeId: snapshot.reasonCodeId,
    reasonLabel: snapshot.reasonLabel,
    callType: snapshot.callType,
  };
}

export function createVoiceSync({ voice, transport, onError = () => {} }: VoiceSyncOptions): {
  stop(): void;
} {
  let lastSent: string | null = null;

  const report = (force: boolean): void => {
    const snapshot = voice.getSnapshot();
    if (!snapshot.loaded || !transport.connected) return;
    const body = reportOf(snapshot);
    const key = JSON.stringify(body);
    if (!force && key === lastSent) return;
    lastSent = key;
    transport.request('agent:voice', body).catch((error: unknown) => {
      lastSent = null; // not delivered: the next change or reconnect sends it again
      onError(error);
    });
  };

  const apply = (action: VoiceActionNotice): void => {
    const target =
      action.type === 'setNotReady'
        ? voice.setState('NOT_READY', action.reasonCodeId ?? action.reasonLabel)
        : voice.setState(action.state, action.reasonCodeId);
    target.catch(onError);
  };

  const offs = [
    voice.on('voice', () => report(false)),
    // After every (re)connect the server may have restarted: tell it again.
    transport.on('connect', () => report(true)),
    transport.on('agent:voiceAction', apply),
  ];
  report(true);

  return {
    stop() {
      for (const off of offs) off();
    },
  };
}
