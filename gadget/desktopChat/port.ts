/**
 * The browser's Desktop Chat: the SDK's client over BOSH or WebSocket to the configured servers,
 * the open chats kept in sessionStorage (a reload of the desktop keeps them; signing out clears
 * them), the served node and the remembered username in localStorage.
 */
import {
  createConversations,
  createDesktopChat,
  type KeyValueStorage,
} from '../../sdk/desktop-chat/index.ts';
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

export function createDesktopChatPort(config: DesktopChatConfig): DesktopChatPort {
  const local = storageOf('localStorage');
  return {
    config,
    create({ username, password }) {
      const [name = '', domain = config.domain] = userJid(username, config.domain).split('@');
      return createDesktopChat({
        service: config.service,
        transport: config.transport,
        domain,
        username: name,
        password,
        // Remembers which server served this user, as Cisco's Desktop Chat does.
        ...(local ? { storage: local } : {}),
        resource: `finesse-${crypto.randomUUID().slice(0, 8)}`,
      });
    },
    conversations(chat, user) {
      const session = storageOf('sessionStorage');
      return createConversations(chat, {
        ...(session ? { storage: session } : {}),
        key: `hybrid-chat:desktop-chat:chats:${user}`,
      });
    },
    storage: local,
  };
}
