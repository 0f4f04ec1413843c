/**
 * The gadget's composition root: signs the agent in to the chat server with their Finesse
 * credentials (auto-login: docs/requirements.md), opens the `/agent` socket, and wires the SDK chat client and
 * the gadget's store. Everything else receives these objects; nothing else imports the SDK factories.
 */
import {
  HybridChatError,
  createAgentSession,
  createBrowserNetwork,
  createChatClient,
  createFileApi,
  createKeyValueOutboxStore,
  createSessionRenewal,
  createSocketIoTransport,
  endSession,
  type AgentSessionResponse,
  type SessionRenewal,
} from '../sdk/index.ts';
import { browserStorage } from './desk/cannedCache.ts';
import { createSupervisorPort } from './components/Supervisor/supervisorPort.ts';
import type { BootPhase } from './components/BootPanel/BootPanel.tsx';
import { createDeskApi } from './desk/deskApi.ts';
import { createVoiceSync, type VoicePort } from './finesse/voiceSync.ts';
import type { GadgetServices } from './stores/gadgetContext.tsx';
import type { DesktopChatSetup } from './desktopChat/useGadgetDesktopChat.tsx';
import { createGadgetStore } from './stores/gadgetStore.ts';

export interface GadgetSessionOptions {
  chatUrl: string;
  agentId: string;
  /** `Basic …` or `Bearer …`, as `finesse.utilities.Utilities.getAuthHeaderString` gives it. */
  authorization: string;
  /** finesse.js voice state (the adapter), for media blending in `gadget` sync mode. */
  voice?: VoicePort;
  /** Desktop Chat, when its preferences name a server (gadget/desktopChat/config.ts). */
  desktopChat?: DesktopChatSetup;
}

export interface GadgetSession {
  services: GadgetServices;
  close(): void;
}

export async function startGadgetSession({
  chatUrl,
  agentId,
  authorization,
  voice,
  desktopChat,
}: GadgetSessionOptions): Promise<GadgetSession> {
  const session = await createAgentSession(chatUrl, { agentId, authorization });
  /** Every token this gadget got (one per renewal): the sign-out ends those not expired yet. */
  const issued = [session];
  let closed = false;
  /** Between `pagehide` and `pageshow`: the page is going away, or sleeps in the back/forward cache. */
  let hidden = false;
  const transport = createSocketIoTransport({
    url: chatUrl,
    namespace: '/agent',
    auth: () => ({ token: renewal.token() }),
  });
  // Signs in again before the token expires, after a refused handshake (socket.io does not retry a
  // refusal) and after a refused HTTP call; the rules, shared with the widget, are in
  // sdk/core/sessionRenewal.ts.
  const renewal: SessionRenewal<AgentSessionResponse> = createSessionRenewal({
    session,
    renew: () => createAgentSession(chatUrl, { agentId, authorization }),
    refusals: transport,
    // The client went `offline` on the refusal and waits for us to connect it again.
    reconnect: () => client.connect(),
    onRenewed: (renewed) => {
      issued.splice(0, issued.length, ...issued.filter((old) => old.expiresAt > Date.now()), renewed);
      if (closed || hidden) signOut();
    },
    onError: (error) => console.warn('[hybrid-chat gadget] renewing the chat session failed', error),
  });
  const client = createChatClient({
    transport,
    self: { role: 'agent', id: session.agent.id, name: session.agent.name },
    network: createBrowserNetwork(),
    // Attachments over HTTP with the same (renewed) session token.
    files: createFileApi({ baseUrl: chatUrl, token: renewal.token, renewToken: renewal.renewNow }),
    // Replies written while the chat server was out of reach survive a reload of the desktop.
    outboxStore: createKeyValueOutboxStore({
      storage: () => browserStorage(),
      key: `hc-gadget:outbox:${session.agent.id}`,
    }),
  });
  const { store, dispose } = createGadgetStore({ transport, client, agentId: session.agent.id });
  // In `server` sync mode the chat server follows Finesse itself; the gadget only shows the result.
  const voiceSync =
    voice && session.voiceSync === 'gadget'
      ? createVoiceSync({
          voice,
          transport,
          onError: (error) => console.warn('[hybrid-chat gadget] voice sync', error),
        })
      : null;

  // The banner says so in plain words; the console keeps why (probe error or timeout) for support.
  const offUpgradeStalled = transport.on('upgradeStalled', (stall) =>
    console.warn('[hybrid-chat gadget] the chat connection stays on HTTP long-polling', stall),
  );

  // The agent's sign-out from Finesse unloads the desktop and this gadget with it: the chat
  // session ends too. The server revokes the tokens and drops their sockets (server/http/sessionEnd.ts),
  // so nothing left behind in the browser reads chats with them. A page restored from the
  // back/forward cache signs in again.
  const signOut = (): void => {
    const live = issued.splice(0).filter((issuedSession) => issuedSession.expiresAt > Date.now());
    for (const { token } of live) {
      endSession(chatUrl, 'agent', token, { keepalive: true }).catch((error: unknown) =>
        console.warn('[hybrid-chat gadget] ending the chat session failed', error),
      );
    }
  };
  const onPageHide = (): void => {
    hidden = true;
    renewal.pause();
    signOut();
  };
  const onPageShow = (event: PageTransitionEvent): void => {
    if (!hidden) return;
    hidden = false;
    // Back from the back/forward cache: its tokens were ended, so sign in again at once.
    renewal.resume(event.persisted && !closed);
  };
  const page = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  page.addEventListener?.('pagehide', onPageHide);
  page.addEventListener?.('pageshow', onPageShow);

  client.connect();

  return {
    services: {
      store,
      client,
      agent: { id: session.agent.id, name: session.agent.name },
      // Canned messages and the customer panel, with the same (renewed) session token.
      desk: createDeskApi({ baseUrl: chatUrl, token: renewal.token, renewToken: renewal.renewNow }),
      // Finesse said Supervisor at sign-in (the server checks every request again).
      ...(session.agent.roles.includes('Supervisor') ? { supervisor: createSupervisorPort(transport) } : {}),
      ...(desktopChat ? { desktopChat } : {}),
    },
    close() {
      closed = true;
      renewal.close();
      page.removeEventListener?.('pagehide', onPageHide);
      page.removeEventListener?.('pageshow', onPageShow);
      offUpgradeStalled();
      voiceSync?.stop();
      dispose();
      client.close();
      signOut();
    },
  };
}

/** What the boot panel says about a failed sign-in. */
export function bootErrorOf(error: unknown): Extract<BootPhase, { kind: 'error' }> {
  const code = error instanceof HybridChatError ? error.code : null;
  const detail = error instanceof Error ? error.message : undefined;
  if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN')
    return { kind: 'error', reason: 'unauthorized', detail };
  // No Finesse node answers the chat server (Finesse failover, docs/requirements.md): it resumes by itself.
  if (code === 'FINESSE' || code === 'TIMEOUT')
    return { kind: 'error', reason: 'finesseUnavailable', detail };
  // The externalServerHostAndPort_chat preference is not an address (proxy map or gadget.xml).
  if (code === 'PROXY_MAP') return { kind: 'error', reason: 'noServer', detail };
  return { kind: 'error', reason: 'unreachable', detail };
}
