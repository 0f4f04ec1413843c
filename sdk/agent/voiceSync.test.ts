import { describe, expect, it, vi } from 'vitest';
import {
  agentSocketVoiceSink,
  createAgentVoiceSync,
  type VoiceSource,
  type VoiceSourceSnapshot,
} from './voiceSync.ts';

/** What the sync reads, and a field of finesse.js's snapshot it does not report. */
type VoiceSnapshot = VoiceSourceSnapshot & { stateChangeTime: string | null };

const snapshot = (over: Partial<VoiceSnapshot> = {}): VoiceSnapshot => ({
  ...{ loaded: true, state: 'READY', reasonCodeId: null, reasonLabel: null, callType: null },
  stateChangeTime: null,
  ...over,
});

function fakes(initial = snapshot()) {
  let current = initial;
  const voiceListeners = new Set<(s: VoiceSnapshot) => void>();
  const transportListeners = new Map<string, Set<(payload: never) => void>>();
  const voice: VoiceSource & { change(next: Partial<VoiceSnapshot>): void } = {
    getSnapshot: () => current,
    on: (_event, listener) => {
      voiceListeners.add(listener);
      return () => voiceListeners.delete(listener);
    },
    setState: vi.fn(async () => {}),
    change(next) {
      current = { ...current, ...next };
      for (const listener of voiceListeners) listener(current);
    },
  };
  const request = vi.fn(async () => ({ status: {} }));
  const transport = {
    connected: true,
    request,
    on: (event: string, listener: (payload: never) => void) => {
      const set = transportListeners.get(event) ?? new Set();
      set.add(listener);
      transportListeners.set(event, set);
      return () => set.delete(listener);
    },
    fire(event: string, payload: unknown) {
      for (const listener of transportListeners.get(event) ?? []) listener(payload as never);
    },
  };
  return { voice, transport, request };
}

describe('agent voice sync (the agent socket as sink, gadget mode)', () => {
  it('reports the voice state at start and on each change, not on repeats', () => {
    const { voice, transport, request } = fakes();
    createAgentVoiceSync({ voice, sink: agentSocketVoiceSink(transport as never) });
    expect(request).toHaveBeenLastCalledWith('agent:voice', {
      state: 'READY',
      reasonCodeId: null,
      reasonLabel: null,
      callType: null,
    });
    voice.change({ state: 'TALKING', callType: 'inbound' });
    voice.change({ stateChangeTime: 'later' });
    expect(request).toHaveBeenCalledTimes(2);
    expect(request).toHaveBeenLastCalledWith('agent:voice', expect.objectContaining({ callType: 'inbound' }));
  });

  it('reports again after a reconnect and waits for finesse.js to load', () => {
    const { voice, transport, request } = fakes(snapshot({ loaded: false, state: 'UNKNOWN' }));
    createAgentVoiceSync({ voice, sink: agentSocketVoiceSink(transport as never) });
    expect(request).not.toHaveBeenCalled();
    voice.change({ loaded: true, state: 'NOT_READY' });
    transport.fire('connect', { transport: 'websocket' });
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('applies the server’s voice actions through finesse.js', () => {
    const { voice, transport } = fakes();
    createAgentVoiceSync({ voice, sink: agentSocketVoiceSink(transport as never) });
    transport.fire('agent:voiceAction', { type: 'setNotReady', reasonLabel: 'Handling Chat' });
    expect(voice.setState).toHaveBeenLastCalledWith('NOT_READY', 'Handling Chat');
    transport.fire('agent:voiceAction', { type: 'restore', state: 'READY' });
    expect(voice.setState).toHaveBeenLastCalledWith('READY', undefined);
  });

  it('stops listening when stopped', () => {
    const { voice, transport, request } = fakes();
    const sync = createAgentVoiceSync({ voice, sink: agentSocketVoiceSink(transport as never) });
    sync.stop();
    voice.change({ state: 'TALKING' });
    transport.fire('agent:voiceAction', { type: 'restore', state: 'READY' });
    expect(request).toHaveBeenCalledTimes(1);
    expect(voice.setState).not.toHaveBeenCalled();
  });
});
