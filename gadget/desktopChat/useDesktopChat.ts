/**
 * Desktop Chat for the whole gadget: the sign-in session and the open chats as React state, and
 * what happens when a colleague writes. The panel may be closed or the chat window minimized; the
 * connection, the unread counts and the header button live on regardless.
 *
 * A new message, unless we are in Do Not Disturb: it is read out (polite live region), a browser
 * notification shows while the desktop's tab is hidden (if the agent switched them on in the
 * settings), and a minimized chat window comes back. In Do Not Disturb (as Cisco's Desktop Chat
 * does it) a message shows only in the chat the agent has open; otherwise there is no sound, no
 * notification and no announcement: the Desktop Chat button blinks and the minimized header counts.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ChatMessage, ConversationsState } from '../../sdk/desktop-chat/index.ts';
import {
  createDesktopChatSession,
  SIGNED_OUT,
  type DesktopChatPort,
  type DesktopChatSession,
} from './session.ts';

const NO_CHATS: ConversationsState = { chats: [], active: null };
const noSubscription = () => () => {};

export interface IncomingEffects {
  /** Read a sentence out (polite). */
  announce: (message: ChatMessage) => void;
  /** Show a browser notification if the page is hidden and the agent allowed it; clicking focuses the chat. */
  notify: (message: ChatMessage, focus: () => void) => void;
}

const noSession = {
  subscribe: noSubscription,
  getSnapshot: () => SIGNED_OUT,
};

/** Without a port (Desktop Chat not configured) everything stays signed out and nothing connects. */
export function useDesktopChat(port: DesktopChatPort | null, effects: IncomingEffects) {
  const session = useMemo(() => (port ? createDesktopChatSession(port) : null), [port]);
  useEffect(() => () => session?.dispose(), [session]);
  // The desktop reloads or closes: go offline now (best effort), so colleagues do not see a
  // session that nobody uses until the server times it out. The open chats stay stored.
  useEffect(() => {
    if (!session) return;
    const leave = () =>
      void session
        .getSnapshot()
        .chat?.stop()
        .catch(() => {});
    addEventListener('pagehide', leave);
    return () => removeEventListener('pagehide', leave);
  }, [session]);
  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noSession.subscribe,
    session?.getSnapshot ?? noSession.getSnapshot,
  );
  const { conversations, chat, own } = snapshot;
  const chats = useSyncExternalStore(
    conversations?.subscribe ?? noSubscription,
    conversations?.getSnapshot ?? (() => NO_CHATS),
  );

  const [panelOpen, setPanelOpenState] = useState(false);
  const [minimized, setMinimizedState] = useState(false);
  const [large, setLarge] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [blinkWanted, setBlink] = useState(false);
  /** Colleagues written with this session, most recent first (with the open chats: Recent Chats). */
  const [written, setWritten] = useState<readonly string[]>([]);

  const peers = chats.chats.map((c) => c.peer);
  const current =
    selected !== null && peers.includes(selected) ? selected : (chats.active ?? peers[0] ?? null);
  const visible = panelOpen && !minimized;
  const shown = visible ? current : null;
  const recent = useMemo(() => [...new Set([...written, ...[...peers].reverse()])], [written, peers]);

  // The store counts unread for every chat but the one the agent looks at.
  useEffect(() => {
    if (conversations && conversations.getSnapshot().active !== shown) conversations.setActive(shown);
  }, [conversations, shown, chats]);

  const setPanelOpen = useCallback((open: boolean) => {
    setPanelOpenState(open);
    if (open) setBlink(false);
  }, []);
  const setMinimized = useCallback((value: boolean) => {
    setMinimizedState(value);
    if (!value) setBlink(false);
  }, []);
  const focusChat = useCallback((peer: string) => {
    setPanelOpenState(true);
    setMinimizedState(false);
    setBlink(false);
    setSelected(peer);
    setWritten((old) => [peer, ...old.filter((p) => p !== peer)]);
  }, []);

  const latest = useRef({ own, shown, effects });
  useEffect(() => {
    latest.current = { own, shown, effects };
  });

  useEffect(() => {
    if (!chat) return;
    return chat.on('message', (message) => {
      if (message.direction !== 'in') return;
      const now = latest.current;
      setWritten((old) => [message.peer, ...old.filter((peer) => peer !== message.peer)]);
      if (now.own.availability === 'dnd') {
        if (now.shown !== message.peer) setBlink(true);
        return;
      }
      if (now.shown !== message.peer) now.effects.announce(message);
      now.effects.notify(message, () => focusChat(message.peer));
      setMinimizedState(false);
      setSelected((old) => old ?? message.peer);
    });
  }, [chat, focusChat]);

  const totalUnread = chats.chats.reduce((sum, c) => sum + c.unread, 0);
  const chatsWithUnread = chats.chats.filter((c) => c.unread > 0).length;
  // Blinks until the agent looks at Desktop Chat, or while nothing is unread.
  const blink = blinkWanted && !visible && totalUnread > 0;

  const signOut = useCallback(async () => {
    setSelected(null);
    setWritten([]);
    setMinimizedState(false);
    setBlink(false);
    await session?.signOut();
  }, [session]);

  return {
    session,
    snapshot,
    chats,
    current,
    panelOpen,
    setPanelOpen,
    minimized,
    setMinimized,
    large,
    setLarge,
    select: setSelected,
    focusChat,
    recent,
    blink,
    totalUnread,
    chatsWithUnread,
    signOut,
  };
}

export type DesktopChatController = ReturnType<typeof useDesktopChat>;
/** A controller with a session (Desktop Chat is configured). */
export type ConfiguredController = DesktopChatController & { session: DesktopChatSession };
