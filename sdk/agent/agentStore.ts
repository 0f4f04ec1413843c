/**
 * The agent's desk as a framework-free store: routing state, pending offers (accept, decline,
 * auto-accept, another copy of the desktop accepting first), what the agent has read, a notice, and
 * transfer/consult/whisper/wrap-up (collab.ts). Chat data itself stays in the chat client
 * (`createChatClient`), which an accepted offer's chat is handed to. One store per agent desktop:
 * several copies for the same agent each have their own and agree through the server.
 */
import { Emitter } from '../core/emitter.ts';
import type { LocalMessage } from '../core/chatTypes.ts';
import { HybridChatError } from '../core/errors.ts';
import type { ChatMessage, ChatSummary } from '../core/protocol.ts';
import { createStore, type WritableStore } from '../core/store.ts';
import type {
  AgentChatsPort,
  AgentEvents,
  AgentNoticeKey,
  AgentNotice,
  AgentState,
  AgentTransportPort,
  PendingOffer,
} from './agentTypes.ts';
import { attachCollabEvents, createCollabActions, type CollabActions } from './collab.ts';

export interface AgentActions extends CollabActions {
  setAgentState(state: 'READY' | 'NOT_READY'): Promise<void>;
  /** Resolves true once the chat is the agent's, false when the accept failed (a notice says why). */
  acceptOffer(chatId: string): Promise<boolean>;
  declineOffer(chatId: string): Promise<void>;
  setAutoAccept(on: boolean): void;
  markRead(chatId: string, seq: number): void;
  /** Drops an ended (or left) chat from the agent's list. */
  closeChat(chatId: string): void;
  /** Shows a notice of the UI's own (a failed send), or clears the current one (null). */
  showNotice(notice: AgentNotice | null): void;
}

/** The state with the actions in it, as zustand stores keep them: `useAgent(agent, (s) => s.acceptOffer)`. */
export type AgentStoreState = AgentState & AgentActions;

export interface AgentStore extends AgentActions {
  getState: WritableStore<AgentStoreState>['getState'];
  getInitialState: WritableStore<AgentStoreState>['getInitialState'];
  subscribe: WritableStore<AgentStoreState>['subscribe'];
  on: Emitter<AgentEvents>['on'];
  /** Stops following the transport. */
  dispose(): void;
}

export interface AgentStoreOptions {
  transport: AgentTransportPort;
  chats: AgentChatsPort;
  /** The signed-in agent: tells their chats from others' (another copy accepted, a transfer away). */
  agentId?: string;
  autoAccept?: boolean;
  now?: () => number;
  /**
   * The store to keep the state in, for a UI that keeps its own state beside the agent's in one
   * store (start it from `initialAgentState`; the actions are put in here). Default: a store of its own.
   */
  store?: WritableStore<AgentStoreState>;
}

/** The agent's state before the server said anything. */
export function initialAgentState(autoAccept = false): AgentState {
  return {
    status: null,
    requestedState: null,
    offers: [],
    autoAccept,
    readSeq: {},
    notice: null,
    whispers: {},
    wrapUps: {},
    wrapUpReasons: [],
    wrapUpReasonLabels: {},
  };
}

/** The notices that explain a missed offer; they go away once the agent is ready again. */
const MISSED_KEYS: readonly AgentNoticeKey[] = ['offerMissed', 'offerMissedFrom'];

/** How long an accept cut off by a dropped connection waits to learn whether it happened. */
export const ACCEPT_LOST_WAIT_MS = 20_000;

const isDisconnected = (error: unknown): boolean =>
  error instanceof HybridChatError && error.code === 'DISCONNECTED';

/** A message the server has (a sequence number), as the protocol gives it. */
function acked({
  seq,
  delivery: _delivery,
  error: _error,
  errorCode: _code,
  ...rest
}: LocalMessage): ChatMessage[] {
  return seq === null ? [] : [{ ...rest, seq } as ChatMessage];
}

export function createAgentStore({
  transport,
  chats,
  agentId,
  autoAccept = false,
  now = Date.now,
  store = createStore(initialAgentState(autoAccept) as AgentStoreState),
}: AgentStoreOptions): AgentStore {
  const events = new Emitter<AgentEvents>();
  const { getState, setState } = store;

  /** An active chat this agent owns or has joined. */
  const isMine = (chat: ChatSummary): boolean =>
    agentId !== undefined &&
    (chat.agent?.id === agentId || (chat.collaborators ?? []).some((c) => c.id === agentId));
  const patchOffer = (chatId: string, busy: PendingOffer['busy']): void =>
    setState((s) => ({ offers: s.offers.map((o) => (o.offer.chatId === chatId ? { ...o, busy } : o)) }));
  const dropOffer = (chatId: string): void =>
    setState((s) => ({ offers: s.offers.filter((o) => o.offer.chatId !== chatId) }));
  /** Drops the offer this accept was for, not one offered again meanwhile. */
  const dropAccepting = (chatId: string): void =>
    setState((s) => ({
      offers: s.offers.filter((o) => o.offer.chatId !== chatId || o.busy !== 'accepting'),
    }));
  const mineNow = (chatId: string): boolean => {
    const tracked = chats.getState().chats[chatId]?.chat;
    return tracked?.status === 'active' && isMine(tracked);
  };
  /**
   * The connection dropped before the server answered an accept: it may have made the chat ours
   * all the same. The next connection's list of chats tells (the chat client asks for it on every
   * connect); after `ACCEPT_LOST_WAIT_MS`, or once the offer is gone or made again, it did not.
   */
  const becameMine = (chatId: string): Promise<boolean> =>
    new Promise((resolve) => {
      const done = (mine: boolean) => {
        clearTimeout(timer);
        offChats();
        offOffers();
        resolve(mine);
      };
      const timer = setTimeout(() => done(false), ACCEPT_LOST_WAIT_MS);
      const offChats = chats.subscribe(() => {
        if (mineNow(chatId)) done(true);
      });
      const offOffers = store.subscribe(() => {
        const pending = getState().offers.find((o) => o.offer.chatId === chatId);
        if (pending?.busy !== 'accepting') done(mineNow(chatId));
      });
      if (mineNow(chatId)) done(true);
    });
  const notify = (notice: AgentNotice): void => setState({ notice });

  async function accept(chatId: string, auto: boolean): Promise<boolean> {
    // One answer per offer: a second click or shortcut while the first is on its way does nothing.
    const pending = getState().offers.find((o) => o.offer.chatId === chatId);
    if (!pending || pending.busy !== null) return false;
    const name = pending.offer.customer.name;
    patchOffer(chatId, 'accepting');
    try {
      // A transfer or consult to this agent by name is answered to its sender's invite.
      const event = pending.offer.invite?.via === 'agent' ? 'invite:accept' : 'offer:accept';
      const { chat, messages } = await transport.request(event, { chatId });
      chats.track(chat, messages);
      dropOffer(chatId);
      ours(chat, messages, auto);
      return true;
    } catch (error) {
      if (isDisconnected(error) && (await becameMine(chatId))) {
        dropAccepting(chatId);
        const view = chats.getState().chats[chatId];
        if (view) ours(view.chat, view.messages.flatMap(acked), auto);
        return true;
      }
      dropAccepting(chatId);
      // Another copy of the desktop (same agent) accepted it first, or the server, having lost
      // this desktop, offers the chat again: not a failure.
      if (mineNow(chatId) || getState().offers.some((o) => o.offer.chatId === chatId)) return false;
      notify({ tone: 'error', key: 'acceptFailed', values: { name } });
      return false;
    }
  }

  /** An accepted chat: its history before the agent joined is not "unread" for them. */
  function ours(chat: ChatSummary, messages: ChatMessage[], auto: boolean): void {
    const seen = messages.reduce((max, m) => Math.max(max, m.seq), chat.lastSeq);
    setState((s) => ({ readSeq: { ...s.readSeq, [chat.id]: seen } }));
    events.emit('accepted', { chat, messages, auto });
  }

  function closeChat(chatId: string): void {
    chats.forget(chatId);
    setState((s) => {
      const { [chatId]: _dropped, ...readSeq } = s.readSeq;
      return { readSeq };
    });
    events.emit('closed', { chatId });
  }

  /** The customer of the offer that last timed out here: the missed-offer notice names them. */
  let timedOut: string | null = null;

  const offs = [
    ...attachCollabEvents(store, transport, chats, isMine, closeChat),
    transport.on('agent:status', (status) => {
      setState((s) => {
        const missed = status.reason === 'offer-missed' && status.requested === 'NOT_READY';
        const wasMissed = s.status?.reason === 'offer-missed' && s.status.requested === 'NOT_READY';
        // Said once when it happens (or when the desktop starts in that state), not on every update.
        if (missed && !wasMissed) {
          const name = timedOut;
          timedOut = null;
          return {
            status,
            notice: name
              ? { tone: 'info', key: 'offerMissedFrom', values: { name }, action: 'goReady' }
              : { tone: 'info', key: 'offerMissed', action: 'goReady' },
          };
        }
        // Ready again (here or from another copy): the explanation is no longer needed.
        const stale = !missed && s.notice !== null && MISSED_KEYS.includes(s.notice.key);
        return { status, notice: stale ? null : s.notice };
      });
    }),
    transport.on('offer:new', (offer) => {
      setState((s) => ({
        offers: [
          ...s.offers.filter((o) => o.offer.chatId !== offer.chatId),
          { offer, receivedAt: now(), busy: null },
        ],
      }));
      if (getState().autoAccept) void acceptAutomatically(offer.chatId, offer.customer.name);
    }),
    // Accepted in another copy of the desktop: the server sends no revoke, only the chat itself.
    transport.on('chat:update', (chat) => {
      if (chat.status !== 'active' || !isMine(chat)) return;
      setState((s) => ({ offers: s.offers.filter((o) => o.offer.chatId !== chat.id || o.busy !== null) }));
    }),
    transport.on('offer:revoked', ({ chatId, reason }) => {
      const pending = getState().offers.find((o) => o.offer.chatId === chatId);
      if (!pending) return;
      const name = pending.offer.customer.name;
      if (reason === 'timeout') timedOut = name;
      setState((s) => ({
        offers: s.offers.filter((o) => o.offer.chatId !== chatId),
        notice:
          reason === 'customer-left'
            ? { tone: 'info', key: 'offerCustomerLeft', values: { name } }
            : reason === 'timeout'
              ? { tone: 'warning', key: 'offerExpired', values: { name } }
              : s.notice,
      }));
    }),
  ];

  async function acceptAutomatically(chatId: string, name: string): Promise<void> {
    // A failed accept has already said so; a success says it happened without the agent.
    if (await accept(chatId, true)) notify({ tone: 'info', key: 'autoAccepted', values: { name } });
  }

  const actions: AgentActions = {
    ...createCollabActions(transport, store, closeChat),

    async setAgentState(state) {
      setState({ requestedState: state });
      try {
        const { status } = await transport.request('agent:setState', { state });
        setState((s) => ({
          status,
          requestedState: null,
          notice: state === 'READY' && s.notice && MISSED_KEYS.includes(s.notice.key) ? null : s.notice,
        }));
      } catch {
        setState({ requestedState: null, notice: { tone: 'error', key: 'stateFailed' } });
      }
    },

    acceptOffer: (chatId) => accept(chatId, false),

    async declineOffer(chatId) {
      patchOffer(chatId, 'declining');
      try {
        const invited =
          getState().offers.find((o) => o.offer.chatId === chatId)?.offer.invite?.via === 'agent';
        await transport.request(invited ? 'invite:decline' : 'offer:decline', { chatId });
      } catch {
        // The server revokes an unanswered offer by itself when it times out, so a failed decline
        // only means the offer goes away a little earlier than the server's copy.
      }
      dropOffer(chatId);
    },

    setAutoAccept(on) {
      setState({ autoAccept: on });
    },

    markRead(chatId, seq) {
      if ((getState().readSeq[chatId] ?? -1) >= seq) return;
      setState((s) => ({ readSeq: { ...s.readSeq, [chatId]: seq } }));
    },

    closeChat,

    showNotice(notice) {
      setState({ notice });
    },
  };
  setState(actions);

  return {
    getState,
    getInitialState: store.getInitialState,
    subscribe: store.subscribe,
    on: events.on.bind(events),
    ...actions,
    dispose() {
      for (const off of offs) off();
      events.clear();
    },
  };
}
