/**
 * The agent client: everything an agent desktop or a bot needs, over one sign-in. It signs the
 * agent in with their Finesse credentials (the chat server checks them against Finesse), keeps the
 * session token fresh (`createSessionRenewal`, shared with the customer side), opens the `/agent`
 * socket and wires the chat client (the agent's chats), the agent store (status, offers, transfer,
 * consult, whisper, wrap-up), the agent HTTP API (canned messages, customer panel, left messages),
 * the supervisor client for a Finesse Supervisor and, in `gadget` sync mode, voice sync.
 *
 * ```ts
 * const agent = await createAgentClient({ serverUrl, agentId: '1001', authorization: `Basic ${btoa('1001:pass')}` });
 * agent.subscribe((state) => render(state.offers, state.status));
 * agent.on('accepted', ({ chat }) => agent.chats.send(chat.id, 'Hello, how can I help?'));
 * await agent.setAgentState('READY');
 * ```
 */
import { createChatClient } from '../core/chatClient.ts';
import type { ChatClient, NetworkStatus } from '../core/chatClientTypes.ts';
import type { OutboxStore } from '../core/outboxStore.ts';
import type { AgentProfile, AgentSessionResponse } from '../core/protocol.ts';
import { createSessionRenewal, type SessionRenewal } from '../core/sessionRenewal.ts';
import type { WritableStore } from '../core/store.ts';
import { createFileApi } from '../transport/fileApi.ts';
import { createAgentSession, endSession } from '../transport/httpApi.ts';
import { createSocketIoTransport } from '../transport/socketIoTransport.ts';
import { createAgentApi, type AgentApi } from './agentApi.ts';
import { createAgentStore, type AgentStore, type AgentStoreState } from './agentStore.ts';
import type { AgentTransport } from './agentTypes.ts';
import { createSupervisorClient, type SupervisorClient } from './supervisor.ts';
import { agentSocketVoiceSink, createAgentVoiceSync, type VoiceSource } from './voiceSync.ts';

export interface AgentClientOptions {
  /** The chat server, e.g. `https://chat.example.com:8444`. */
  serverUrl: string;
  /** The agent's Finesse login id. */
  agentId: string;
  /** `Basic base64(id:password)`, or `Bearer <token>` for an SSO agent, as Finesse takes them. */
  authorization: string;
  /** Accept each offer the moment it arrives (default false). */
  autoAccept?: boolean;
  /** The agent's Finesse voice state (the finesse.js adapter), reported in `gadget` sync mode. */
  voice?: VoiceSource;
  /** Online/offline of the device (`createBrowserNetwork()` in a browser). */
  network?: NetworkStatus;
  /** Keeps unsent replies across a reload (`createKeyValueOutboxStore`). */
  outboxStore?: (agent: AgentProfile) => OutboxStore;
  /** Problems the client copes with by itself (a failed renewal, a voice report not delivered). */
  onWarning?: (what: string, error: unknown) => void;
  /** Connect at once (default true); else call `chats.connect()`. */
  connect?: boolean;
  /** Where the agent state is kept (`createAgentStore`'s `store`): a UI's own store beside it. */
  store?: WritableStore<AgentStoreState>;
}

export interface AgentClient extends AgentStore {
  /** The signed-in agent (name, team, roles) as Finesse knows them. */
  readonly agent: AgentProfile;
  /** Who follows the Finesse voice state: this client (`gadget`) or the chat server. */
  readonly voiceSyncMode: AgentSessionResponse['voiceSync'];
  /** The agent's chats: messages, typing, files, read receipts (`createChatClient`). */
  readonly chats: ChatClient;
  /** The `/agent` socket, for events the client does not handle itself. */
  readonly transport: AgentTransport;
  /** Canned messages, the customer panel, left messages (HTTP, with the renewed token). */
  readonly api: AgentApi;
  /** Team view, monitor, barge-in, forced transfer: only for a Finesse Supervisor. */
  readonly supervisor: SupervisorClient | null;
  /** The session token's renewal (`token()`, `renewNow()`). */
  readonly renewal: SessionRenewal<AgentSessionResponse>;
  /** The page goes away or sleeps: stop renewing and end the session's tokens. */
  pause(): void;
  /** Back: renew again; `signInAgain` after `pause` ended the tokens (a page restored from cache). */
  resume(signInAgain: boolean): void;
  /** Ends every token this client got that has not expired (`keepalive` while a page unloads). */
  signOut(options?: { keepalive?: boolean }): void;
  /** Disconnects, stops everything and signs out. */
  close(): void;
}

export async function createAgentClient(options: AgentClientOptions): Promise<AgentClient> {
  const { serverUrl, agentId, authorization } = options;
  const warn = options.onWarning ?? ((what, error) => console.warn(`[hybrid-chat] ${what}`, error));
  const signIn = () => createAgentSession(serverUrl, { agentId, authorization });
  const session = await signIn();
  /** Every token this client got (one per renewal): the sign-out ends those not expired yet. */
  const issued = [session];
  let closed = false;
  let paused = false;

  const transport: AgentTransport = createSocketIoTransport({
    url: serverUrl,
    namespace: '/agent',
    auth: () => ({ token: renewal.token() }),
  });
  const renewal = createSessionRenewal({
    session,
    renew: signIn,
    refusals: transport,
    // The chat client went `offline` on the refusal and waits to be connected again.
    reconnect: () => chats.connect(),
    onRenewed: (renewed) => {
      issued.splice(0, issued.length, ...issued.filter((old) => old.expiresAt > Date.now()), renewed);
      if (closed || paused) signOut({ keepalive: true });
    },
    onError: (error) => warn('renewing the agent session failed', error),
  });
  const chats = createChatClient({
    transport,
    self: { role: 'agent', id: session.agent.id, name: session.agent.name },
    ...(options.network ? { network: options.network } : {}),
    // Attachments over HTTP with the same (renewed) session token.
    files: createFileApi({ baseUrl: serverUrl, token: renewal.token, renewToken: renewal.renewNow }),
    ...(options.outboxStore ? { outboxStore: options.outboxStore(session.agent) } : {}),
  });
  const store = createAgentStore({
    transport,
    chats,
    agentId: session.agent.id,
    autoAccept: options.autoAccept ?? false,
    ...(options.store ? { store: options.store } : {}),
  });
  // In `server` sync mode the chat server follows Finesse itself.
  const voiceSync =
    options.voice && session.voiceSync === 'gadget'
      ? createAgentVoiceSync({
          voice: options.voice,
          sink: agentSocketVoiceSink(transport),
          onError: (error) => warn('voice sync', error),
        })
      : null;

  function signOut({ keepalive = false }: { keepalive?: boolean } = {}): void {
    const live = issued.splice(0).filter((issuedSession) => issuedSession.expiresAt > Date.now());
    for (const { token } of live) {
      endSession(serverUrl, 'agent', token, { keepalive }).catch((error: unknown) =>
        warn('ending the agent session failed', error),
      );
    }
  }

  if (options.connect !== false) chats.connect();

  return {
    ...store,
    agent: session.agent,
    voiceSyncMode: session.voiceSync,
    chats,
    transport,
    api: createAgentApi({ baseUrl: serverUrl, token: renewal.token, renewToken: renewal.renewNow }),
    // Finesse said Supervisor at sign-in (the server checks every request again).
    supervisor: session.agent.roles.includes('Supervisor') ? createSupervisorClient(transport) : null,
    renewal,
    pause() {
      paused = true;
      renewal.pause();
      signOut({ keepalive: true });
    },
    resume(signInAgain) {
      if (!paused) return;
      paused = false;
      renewal.resume(signInAgain && !closed);
    },
    signOut,
    close() {
      if (closed) return;
      closed = true;
      renewal.close();
      voiceSync?.stop();
      store.dispose();
      chats.close();
      signOut({ keepalive: true });
    },
  };
}
