/**
 * Media blending's voice sync: reports the agent's Finesse voice state and call to the chat server,
 * and applies the voice changes blending asks for ("Handling Chat" on the first chat, the saved
 * state when the last ends). The same sync runs in the gadget (`gadget` sync mode: finesse.js is the
 * source, the agent's socket the sink) and in the chat server (`server` sync mode: Finesse's REST API
 * and XMPP notifications are the source, the router the sink).
 */
import type { CallType } from '../core/blending.ts';
import type { VoiceState } from '../core/finesseTypes.ts';
import type { VoiceActionNotice, VoiceReport } from '../core/protocol.ts';
import { voiceReportOf } from '../core/voiceReport.ts';
import type { AgentTransport } from './agentTypes.ts';

/** What the sync reads of the voice state (the finesse.js adapter's `VoiceSnapshot` fits). */
export interface VoiceSourceSnapshot {
  /** False until the state is known; nothing is reported before. */
  loaded: boolean;
  state: VoiceState;
  reasonCodeId: string | null;
  reasonLabel: string | null;
  callType: CallType | null;
}

/** Where the voice state comes from, and how it is changed (the finesse.js adapter fits). */
export interface VoiceSource {
  getSnapshot(): VoiceSourceSnapshot;
  on(event: 'voice', listener: (snapshot: VoiceSourceSnapshot) => void): () => void;
  /** READY, or NOT_READY with a reason given by its label or id (`findReasonCode`). */
  setState(state: 'READY' | 'NOT_READY', reasonLabelOrId?: string): Promise<void>;
}

/** Where reports go, and where blending's voice changes come from. */
export interface VoiceSink {
  /** Returns a promise (rejects when not delivered) or nothing. */
  report(report: VoiceReport): unknown;
  /** False while a report cannot be delivered (a socket offline); default: always. */
  connected?(): boolean;
  /** Each time the receiver may have forgotten the state (a reconnect): reported again. */
  onReconnect?(listener: () => void): () => void;
  /** Blending's voice changes, when they come as events (the agent's socket). */
  onAction?(listener: (action: VoiceActionNotice) => void): () => void;
}

export interface AgentVoiceSyncOptions {
  voice: VoiceSource;
  sink: VoiceSink;
  onError?: (error: unknown) => void;
}

export interface AgentVoiceSync {
  /** Applies a blending voice change to the source; rejects when it fails. */
  apply(action: VoiceActionNotice): Promise<void>;
  /** Reports the current state even when unchanged. */
  resend(): void;
  stop(): void;
}

/** The agent's socket as a sink (`gadget` sync mode: the `agent:voice` request). */
export function agentSocketVoiceSink(
  transport: Pick<AgentTransport, 'request' | 'on' | 'connected'>,
): VoiceSink {
  return {
    report: (report) => transport.request('agent:voice', report),
    connected: () => transport.connected,
    onReconnect: (listener) => transport.on('connect', listener),
    onAction: (listener) => transport.on('agent:voiceAction', listener),
  };
}

export function createAgentVoiceSync({
  voice,
  sink,
  onError = () => {},
}: AgentVoiceSyncOptions): AgentVoiceSync {
  let lastSent: string | null = null;

  const report = (force: boolean): void => {
    const snapshot = voice.getSnapshot();
    if (!snapshot.loaded || sink.connected?.() === false) return;
    const body = voiceReportOf(snapshot);
    const key = JSON.stringify(body);
    if (!force && key === lastSent) return;
    lastSent = key;
    try {
      Promise.resolve(sink.report(body)).catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  function failed(error: unknown): void {
    lastSent = null; // not delivered: the next change or reconnect sends it again
    onError(error);
  }

  const apply = (action: VoiceActionNotice): Promise<void> =>
    action.type === 'setNotReady'
      ? voice.setState('NOT_READY', action.reasonCodeId ?? action.reasonLabel)
      : voice.setState(action.state, action.reasonCodeId);

  const offs = [
    voice.on('voice', () => report(false)),
    // After every (re)connect the server may have restarted: tell it again.
    sink.onReconnect?.(() => report(true)),
    sink.onAction?.((action) => void apply(action).catch(onError)),
  ];
  report(true);

  return {
    apply,
    resend: () => report(true),
    stop() {
      for (const off of offs) off?.();
    },
  };
}
