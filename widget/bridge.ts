/**
 * The messages between the host page's loader and the chat app in its iframe. Versioned so that a
 * cached loader and a newer app (or the reverse) can tell when they do not understand each other.
 * Both sides check `event.origin` and post to an explicit target origin, never `*`.
 */
export const BRIDGE_VERSION = 1;

export type WidgetStatus = 'idle' | 'waiting' | 'active' | 'ended';

/** From the chat app to the loader. */
export type FrameMessage =
  | { v: 1; type: 'ready' }
  | { v: 1; type: 'close' }
  | { v: 1; type: 'status'; status: WidgetStatus }
  | { v: 1; type: 'unread'; count: number };

/** From the loader to the chat app. */
export type HostMessage = { v: 1; type: 'visibility'; open: boolean };

export function isFrameMessage(data: unknown): data is FrameMessage {
  const m = data as FrameMessage | null;
  return typeof m === 'object' && m !== null && m.v === BRIDGE_VERSION && typeof m.type === 'string';
}

export function isHostMessage(data: unknown): data is HostMessage {
  const m = data as HostMessage | null;
  return typeof m === 'object' && m !== null && m.v === BRIDGE_VERSION && m.type === 'visibility';
}
