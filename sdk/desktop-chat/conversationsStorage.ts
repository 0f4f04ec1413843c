/**
 * Reading back the open chats the conversations store kept (conversations.ts). What storage holds
 * may be old, cut short or changed by hand: anything that does not fit is dropped, never thrown.
 */
import { CHAT_STATES, type ChatState } from './chatStates.ts';
import type { ChatMessage, Conversation, ConversationsState, FileInfo } from './types.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const FILE_STATES = new Set(['offered', 'accepted', 'declined']);

function fileFrom(value: unknown): FileInfo | undefined {
  if (!isObject(value)) return undefined;
  const { name, size, type, url, state } = value;
  if (typeof name !== 'string' || typeof size !== 'number' || typeof type !== 'string') return undefined;
  if (typeof url !== 'string' || typeof state !== 'string' || !FILE_STATES.has(state)) return undefined;
  return { name, size, type, url, state: state as FileInfo['state'] };
}

function messageFrom(value: unknown): ChatMessage | null {
  if (!isObject(value)) return null;
  const { id, peer, direction, body, at, delayed, carbon, delivered } = value;
  if (typeof id !== 'string' || typeof peer !== 'string' || typeof body !== 'string') return null;
  if ((direction !== 'in' && direction !== 'out') || typeof at !== 'number') return null;
  const file = fileFrom(value['file']);
  return {
    id,
    peer,
    direction,
    body,
    at,
    delayed: delayed === true,
    carbon: carbon === true,
    ...(file ? { file } : {}),
    ...(delivered === true ? { delivered: true } : {}),
  };
}

function conversationFrom(value: unknown): Conversation | null {
  if (!isObject(value) || typeof value['peer'] !== 'string') return null;
  const messages = Array.isArray(value['messages']) ? value['messages'] : [];
  const unread = value['unread'];
  const state = value['state'];
  return {
    peer: value['peer'],
    messages: messages.map(messageFrom).filter((m): m is ChatMessage => m !== null),
    unread: typeof unread === 'number' && Number.isInteger(unread) && unread > 0 ? unread : 0,
    state: CHAT_STATES.includes(state as ChatState) ? (state as ChatState) : null,
  };
}

export function restoreConversations(stored: string | null): ConversationsState {
  let parsed: unknown;
  try {
    parsed = stored ? JSON.parse(stored) : null;
  } catch {
    return { chats: [], active: null };
  }
  if (!isObject(parsed) || !Array.isArray(parsed['chats'])) return { chats: [], active: null };
  const chats = parsed['chats'].map(conversationFrom).filter((c): c is Conversation => c !== null);
  const unique = chats.filter((c, i) => chats.findIndex((other) => other.peer === c.peer) === i);
  const active = parsed['active'];
  return {
    chats: unique,
    active: typeof active === 'string' && unique.some((c) => c.peer === active) ? active : null,
  };
}
