/**
 * The gadget's composition root: signs the agent in to the chat server with their Finesse
 * credentials (auto-login: docs/requirements.md), opens the `/agent` socket, and wires the SDK chat client and
 * the gadget's store. Everything else receives these objects; nothing else imports the SDK factories.
 */
import {
  HybridChatError,
  createAgentClient,
  createBrowserNetwork,
  createKeyValueOutboxStore,
  type VoiceSource,
} from '../sdk/index.ts';
import { browserStorage } from './desk/cannedCache.ts';
import type { BootPhase } from './components/BootPanel/BootPanel.tsx';
import type { GadgetServices } from './stores/gadgetContext.tsx';
import type { ChatServerDirectory } from './desktopChat/port.ts';
import type { DesktopChatSetup } from './desktopChat/useGadgetDesktopChat.tsx';
import { createGadgetShell } from './stores/gadgetStore.ts';

export interface GadgetSessionOptions {
  chatUrl: string;
  agentId: string;
  /** `Basic …` or `Bearer …` (`finesseAuthHeader`: finesse.js `getAuthHeaderString` from 11, the config on 10.x). */
  authorization: string;
  /** finesse.js voice state (the adapter), for media blending in `gadget` sync mode. */
  voice?: VoiceSource;
  /**
   * Desktop Chat, when its preferences name a server (gadget/desktopChat/config.ts), given the chat
   * server's agent directory for its contact search.
   */
  desktopChat?: (directory: ChatServerDirectory) => DesktopChatSetup | undefined;
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
  // Sign-in, token renewal (sdk/core/sessionRenewal.ts), the socket, the chat client, offers,
  // voice sync in `gadget` sync mode: the SDK's agent client. The gadget adds the page around it.
  // One store for the agent's state and the gadget's own (the selected chat, settings).
  const { store, attach } = createGadgetShell({ agentId });
  const agent = await createAgentClient({
    store,
    autoAccept: store.getState().settings.autoAccept,
    serverUrl: chatUrl,
    agentId,
    authorization,
    ...(voice ? { voice } : {}),
    network: createBrowserNetwork(),
    // Replies written while the chat server was out of reach survive a reload of the desktop.
    outboxStore: (profile) =>
      createKeyValueOutboxStore({ storage: () => browserStorage(), key: `hc-gadget:outbox:${profile.id}` }),
    onWarning: (what, error) => console.warn(`[hybrid-chat gadget] ${what}`, error),
  });
  const client = agent.chats;
  const detach = attach(agent, client);
  const colleagues = desktopChat?.({ baseUrl: chatUrl, token: agent.renewal.token });

  // The banner says so in plain words; the console keeps why (probe error or timeout) for support.
  const offUpgradeStalled = agent.transport.on('upgradeStalled', (stall) =>
    console.warn('[hybrid-chat gadget] the chat connection stays on HTTP long-polling', stall),
  );

  // The agent's sign-out from Finesse unloads the desktop and this gadget with it: the chat
  // session ends too. The server revokes the tokens and drops their sockets (server/http/sessionEnd.ts),
  // so nothing left behind in the browser reads chats with them. A page restored from the
  // back/forward cache signs in again.
  let hidden = false;
  const onPageHide = (): void => {
    hidden = true;
    agent.pause();
  };
  const onPageShow = (event: PageTransitionEvent): void => {
    if (!hidden) return;
    hidden = false;
    // Back from the back/forward cache: its tokens were ended, so sign in again at once.
    agent.resume(event.persisted);
  };
  const page = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  page.addEventListener?.('pagehide', onPageHide);
  page.addEventListener?.('pageshow', onPageShow);

  return {
    services: {
      store,
      client,
      agent: { id: agent.agent.id, name: agent.agent.name },
      // Canned messages and the customer panel, with the same (renewed) session token.
      desk: agent.api,
      // Finesse said Supervisor at sign-in (the server checks every request again).
      ...(agent.supervisor ? { supervisor: agent.supervisor } : {}),
      ...(colleagues ? { desktopChat: colleagues } : {}),
    },
    close() {
      page.removeEventListener?.('pagehide', onPageHide);
      page.removeEventListener?.('pageshow', onPageShow);
      offUpgradeStalled();
      detach();
      agent.close();
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
