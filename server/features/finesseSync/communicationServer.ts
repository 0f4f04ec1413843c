/**
 * The `server` sync mode: the chat server itself follows each signed-in agent's Finesse voice
 * state — REST with the agent's credentials for the initial state and for blending's voice
 * changes, an XMPP pubsub subscription for every change after — so blending works while no
 * gadget is open (the "Communication Server" of docs/requirements.md). Credentials stay in memory only.
 */
import type { VoiceActionNotice, VoiceReport } from '../../../sdk/core/protocol.ts';
import { Emitter } from '../../../sdk/core/emitter.ts';
import type { FinesseUpdate } from '../../../sdk/core/finesseUpdate.ts';
import type { FinesseDialog } from '../../../sdk/core/finesseTypes.ts';
import type { FinesseUser } from '../../../sdk/core/finesseXml.ts';
import { findReasonCode, voiceReportOf } from '../../../sdk/core/voiceReport.ts';
import {
  createAgentVoiceSync,
  type AgentVoiceSync,
  type VoiceSource,
  type VoiceSourceSnapshot,
} from '../../../sdk/agent/voiceSync.ts';
import { createFinesseRestClient, type FinesseRestClient } from '../../../sdk/transport/finesseRestClient.ts';

/** What the server needs of an XMPP notifications subscription (sdk finesseNotifications). */
export interface NotificationSource {
  on(event: 'update', listener: (update: FinesseUpdate) => void): () => void;
  start(): void;
  stop(): void;
}

export interface CommunicationServerOptions {
  /** The Finesse node to use now (failover), null while none answers. */
  finesseUrl: () => string | null;
  timeoutMs: number;
  /** Opens the agent's XMPP subscription; null when XMPP is not configured. */
  subscribe: ((agent: { id: string; password: string }) => NotificationSource) | null;
  reportVoice(agentId: string, voice: VoiceReport): void;
  /**
   * Reloads every followed agent's state over REST this often: a notification lost in an XMPP
   * reconnect (or never delivered) is corrected within one period. 0 turns it off.
   */
  resyncMs: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

interface Tracked {
  authorization: string;
  user: FinesseUser | null;
  dialogs: Map<string, FinesseDialog>;
  reasonLabels: Map<string, string>;
  notifications: NotificationSource | null;
  changed: Emitter<{ voice: VoiceSourceSnapshot }>;
  source: VoiceSource;
  /** The same voice sync as the gadget's, with Finesse's REST API and XMPP as its source. */
  sync: AgentVoiceSync;
}

/** `Basic base64(id:password)` → the password, for the XMPP login Finesse expects. */
function basicPassword(authorization: string): string | null {
  if (!authorization.startsWith('Basic ')) return null;
  const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

export function createCommunicationServer(options: CommunicationServerOptions) {
  const agents = new Map<string, Tracked>();
  const resync =
    options.resyncMs > 0
      ? setInterval(() => {
          for (const [agentId, agent] of agents) {
            void load(agentId, agent).catch((error: unknown) =>
              options.log.warn({ err: error, agentId }, 'Finesse state resync failed'),
            );
          }
        }, options.resyncMs)
      : undefined;
  resync?.unref();

  function rest(agent: Pick<Tracked, 'authorization'>): FinesseRestClient {
    const baseUrl = options.finesseUrl();
    if (!baseUrl) throw new Error('no Finesse node answers');
    return createFinesseRestClient({
      baseUrl,
      authorization: agent.authorization,
      timeoutMs: options.timeoutMs,
    });
  }

  /** The agent's voice state as the voice sync reads it, and its changes over REST. */
  function voiceSource(agentId: string, agent: Omit<Tracked, 'sync' | 'source'>): VoiceSource {
    return {
      getSnapshot: () => {
        const { user } = agent;
        if (!user) return { ...voiceReportOf({ state: 'UNKNOWN', reasonCodeId: null }), loaded: false };
        const codes = [...agent.reasonLabels].map(([id, label]) => ({ id, label }));
        const input = { ...user, reasonLabel: user.reasonCode?.label, dialogs: [...agent.dialogs.values()] };
        return { ...voiceReportOf(input, codes), loaded: true };
      },
      on: (event, listener) => agent.changed.on(event, listener),
      async setState(state, reasonLabelOrId) {
        const client = rest(agent);
        const reasonCodeId =
          state === 'NOT_READY' && reasonLabelOrId
            ? findReasonCode(await client.getReasonCodes(agentId, 'NOT_READY'), reasonLabelOrId).id
            : undefined;
        await client.setState(agentId, state, reasonCodeId);
        if (state === 'NOT_READY')
          options.log.info({ agentId, reasonCodeId }, 'voice set NOT_READY for chat');
      },
    };
  }

  function onUpdate(agent: Tracked, update: FinesseUpdate): void {
    if (update.kind === 'user') agent.user = update.user;
    else if (update.kind === 'dialogs') {
      for (const dialog of update.dialogs) {
        if (update.event === 'DELETE') agent.dialogs.delete(dialog.id);
        else agent.dialogs.set(dialog.id, dialog);
      }
    } else if (update.kind === 'dialog') {
      if (update.event === 'DELETE' || update.dialog.state === 'DROPPED')
        agent.dialogs.delete(update.dialog.id);
      else agent.dialogs.set(update.dialog.id, update.dialog);
    } else return;
    agent.changed.emit('voice', agent.source.getSnapshot());
  }

  async function load(agentId: string, agent: Tracked): Promise<void> {
    const client = rest(agent);
    const [user, dialogs, codes] = await Promise.all([
      client.getUser(agentId),
      client.getDialogs(agentId),
      client.getReasonCodes(agentId, 'NOT_READY'),
    ]);
    agent.user = user;
    agent.dialogs = new Map(dialogs.map((dialog) => [dialog.id, dialog]));
    agent.reasonLabels = new Map(codes.map((code) => [code.id, code.label]));
    // Reported even when unchanged: the router may have lost it (a sign-in again, a resync).
    agent.sync.resend();
  }

  return {
    /** Starts following an agent who signed in (again: the newest credentials win). */
    track(agentId: string, authorization: string): void {
      const existing = agents.get(agentId);
      if (existing) {
        existing.authorization = authorization;
        void load(agentId, existing).catch((error: unknown) =>
          options.log.warn({ err: error, agentId }, 'Finesse state reload failed'),
        );
        return;
      }
      const base: Omit<Tracked, 'sync' | 'source'> = {
        authorization,
        user: null,
        dialogs: new Map(),
        reasonLabels: new Map(),
        notifications: null,
        changed: new Emitter(),
      };
      const source = voiceSource(agentId, base);
      const agent: Tracked = Object.assign(base, {
        sync: createAgentVoiceSync({
          voice: source,
          sink: { report: (voice) => options.reportVoice(agentId, voice) },
          onError: (error) => options.log.warn({ err: error, agentId }, 'voice report failed'),
        }),
        source,
      });
      agents.set(agentId, agent);
      const password = basicPassword(authorization);
      if (options.subscribe && password !== null) {
        agent.notifications = options.subscribe({ id: agentId, password });
        agent.notifications.on('update', (update) => onUpdate(agent, update));
        agent.notifications.start();
      } else if (options.subscribe) {
        options.log.warn(
          { agentId },
          'server sync needs Basic credentials for XMPP; SSO agents sync through the gadget',
        );
      }
      void load(agentId, agent).catch((error: unknown) =>
        options.log.warn({ err: error, agentId }, 'Finesse state load failed'),
      );
    },

    /** Applies a blending voice change through REST with the agent's credentials. */
    async apply(agentId: string, action: VoiceActionNotice): Promise<void> {
      await agents.get(agentId)?.sync.apply(action);
    },

    stop(): void {
      clearInterval(resync);
      for (const agent of agents.values()) agent.notifications?.stop();
      agents.clear();
    },
  };
}

export type CommunicationServer = ReturnType<typeof createCommunicationServer>;
