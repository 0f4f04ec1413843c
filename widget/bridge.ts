/**
 * The messages between the host page's loader and the chat app in its iframe. Versioned so that a
 * cached loader and a newer app (or the reverse) can tell when they do not understand each other;
 * adding a message type keeps the version (receivers ignore types they do not know), changing the
 * meaning of one bumps it. Both sides check `event.origin` and post to an explicit target origin,
 * never `*`.
 */
export const BRIDGE_VERSION = 1;

export type WidgetStatus = 'idle' | 'waiting' | 'active' | 'ended';

/** A new message from someone else in the chat, as the host page's `on('message')` gets it. */
export interface WidgetMessage {
  chatId: string;
  seq: number;
  from: { role: 'agent' | 'customer' | 'system'; name: string };
  kind: 'text' | 'event' | 'file';
  text: string;
  sentAt: number;
}

/** What the host page knows about the customer (`identify`): name, email, phone and its own fields. */
export type Identity = Record<string, string>;

/** From the chat app to the loader. */
export type FrameMessage =
  | { v: 1; type: 'ready' }
  | { v: 1; type: 'close' }
  | { v: 1; type: 'status'; status: WidgetStatus }
  /** `label`: the count in the chat's language ("2 new messages"), for the title and the launcher. */
  | { v: 1; type: 'unread'; count: number; label?: string }
  | { v: 1; type: 'message'; message: WidgetMessage }
  | { v: 1; type: 'chat:start'; chatId: string }
  | { v: 1; type: 'chat:end'; chatId: string };

/** From the loader to the chat app. */
export type HostMessage =
  | { v: 1; type: 'visibility'; open: boolean }
  | { v: 1; type: 'identify'; identity: Identity }
  | { v: 1; type: 'locale'; locale: string };

const FRAME_TYPES = new Set(['ready', 'close', 'status', 'unread', 'message', 'chat:start', 'chat:end']);

export function isFrameMessage(data: unknown): data is FrameMessage {
  const m = data as FrameMessage | null;
  return typeof m === 'object' && m !== null && m.v === BRIDGE_VERSION && FRAME_TYPES.has(m.type);
}

const MAX_IDENTITY_FIELDS = 20;
const MAX_IDENTITY_VALUE = 256;

/**
 * The host page's `identify` data, checked: at most 20 fields with simple names, string values
 * (numbers become strings), trimmed, at most 256 characters; anything else is dropped.
 */
export function cleanIdentity(data: unknown): Identity {
  const identity: Identity = {};
  if (typeof data !== 'object' || data === null) return identity;
  for (const [key, value] of Object.entries(data).slice(0, MAX_IDENTITY_FIELDS)) {
    if (!/^[A-Za-z][\w-]{0,39}$/.test(key)) continue;
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string') continue;
    const trimmed = Array.from(text.trim()).slice(0, MAX_IDENTITY_VALUE).join('');
    if (trimmed) identity[key] = trimmed;
  }
  return identity;
}

export function isHostMessage(data: unknown): data is HostMessage {
  const m = data as HostMessage | null;
  if (typeof m !== 'object' || m === null || m.v !== BRIDGE_VERSION) return false;
  switch (m.type) {
    case 'visibility':
      return typeof m.open === 'boolean';
    case 'identify':
      return typeof m.identity === 'object' && m.identity !== null;
    case 'locale':
      return typeof m.locale === 'string' && m.locale.length <= 35;
    default:
      return false;
  }
}
