/**
 * The browser's Desktop Chat: the SDK's client over BOSH or WebSocket to the configured servers,
 * the open chats kept in sessionStorage (a reload of the desktop keeps them; signing out clears
 * them), the served node and the remembered username in localStorage.
 */
import type * as DesktopChatSdk from '../../sdk/desktop-chat/index.ts';
import type { KeyValueStorage } from '../../sdk/desktop-chat/index.ts';
import type { DesktopChatConfig } from './config.ts';
import { userJid, type DesktopChatPort } from './session.ts';

type Storage = KeyValueStorage & { removeItem(key: string): void };

function storageOf(name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[name] ?? null;
  } catch {
    return null;
  }
}

/**
 * The XMPP client (xmpp.js and the BOSH transport) loads on the first sign-in, not with the gadget:
 * an agent who never uses Desktop Chat never downloads it.
 */
type DesktopChatModule = typeof DesktopChatSdk;
let loading: Promise<DesktopChatModule> | undefined;
let loaded: DesktopChatModule | undefined;
async function desktopChatModule(): Promise<DesktopChatModule> {
  loading ??= import('../../sdk/desktop-chat/index.ts');
  return (loaded = await loading);
}

/** The chat server's directory of Finesse agents, for contact search (the agent's session token). */
export interface ChatServerDirectory {
  readonly baseUrl: string;
  token(): string | null;
}

export function createDesktopChatPort(
  config: DesktopChatConfig,
  directory?: ChatServerDirectory,
): DesktopChatPort {
  const local = storageOf('localStorage');
  return {
    config,
    async create({ username, password }) {
      const [name = '', domain = config.domain] = userJid(username, config.domain).split('@');
      const { agentDirectory, createDesktopChat } = await desktopChatModule();
      return createDesktopChat({
        service: config.service,
        transport: config.transport,
        domain,
        username: name,
        password,
        // Remembers which server served this user, as Cisco's Desktop Chat does.
        ...(local ? { storage: local } : {}),
        resource: `finesse-${crypto.randomUUID().slice(0, 8)}`,
        // Search asks the chat server's agents when the IM server has no user directory (XEP-0055).
        ...(directory ? { directory: agentDirectory({ ...directory, domain: config.domain }) } : {}),
      });
    },
    conversations(chat, user) {
      const session = storageOf('sessionStorage');
      // `create` loaded the module before there was a chat to pass here.
      if (!loaded) throw new Error('Desktop Chat: conversations before the client loaded');
      return loaded.createConversations(chat, {
        ...(session ? { storage: session } : {}),
        key: `hybrid-chat:desktop-chat:chats:${user}`,
      });
    },
    storage: local,
  };
}
