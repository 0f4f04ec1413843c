/**
 * The gadget's own state (not chat data, which the SDK chat client holds): the agent's chat state,
 * pending offers, the selected chat, what the agent has read, a one-line notice, and the agent's
 * settings (auto-accept lives here: an offer is accepted the moment it arrives). One vanilla store per
 * gadget instance, because a desktop may host several copies of the gadget.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentStatus, ChatOffer, ChatSummary } from '../../sdk/index.ts';
import type { AgentTransportPort, ChatClientPort } from '../chat/ports.ts';
import type { GadgetKey } from '../i18n/i18n.ts';
import {
  attachCollabEvents,
  collabInitialState,
  createCollabActions,
  type CollabActions,
  type CollabState,
} from './collabSlice.ts';
import {
  browserEvents,
  browserStorage,
  loadSettings,
  saveSettings,
  watchSettings,
  type GadgetSettings,
  type SettingsEvents,
  type SettingsStorage,
} from './settings.ts';

export interface PendingOffer {
  offer: ChatOffer;
  /** Local clock when the offer arrived: the countdown uses it, so clock skew does not matter. */
  receivedAt: number;
  busy: 'accepting' | 'declining' | null;
}

/** Notices are worded in the `notice.*` translations. */
export type NoticeKey = Extract<GadgetKey, `notice.${string}`>;

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  key: NoticeKey;
  /** `name`: the customer or agent the notice is about; `target`: where a chat went (forced transfer). */
  values?: { name: string; target?: string };
  /** A button beside the text; `goReady` asks for READY (after a missed offer). */
  action?: 'goReady';
}

export interface GadgetState extends CollabState {
  status: AgentStatus | null;
  /** The state asked for and not yet confirmed by the server. */
  requestedState: 'READY' | 'NOT_READY' | null;
  offers: PendingOffer[];
  selectedChatId: string | null;
  /** A chat just accepted: its reply box takes the focus once (never on a plain tab switch). */
  focusChatId: string | null;
  /** Highest `seq` the agent has seen per chat: unread badges count customer messages above it. */
  readSeq: Record<string, number>;
  notice: Notice | null;
  settings: GadgetSettings;
}

export interface GadgetActions extends CollabActions {
  setAgentState(state: 'READY' | 'NOT_READY'): Promise<void>;
  /** Resolves true once the chat is the agent's, false when the accept failed (a notice says so). */
  acceptOffer(chatId: string): Promise<boolean>;
  declineOffer(chatId: string): Promise<void>;
  /** `focus`: the chat's reply box takes the focus (a keyboard shortcut chose the chat). */
  selectChat(chatId: string | null, options?: { focus?: boolean }): void;
  markRead(chatId: string, seq: number): void;
  focusDone(): void;
  closeChat(chatId: string): void;
  showNotice(notice: Notice | null): void;
  updateSettings(patch: Partial<GadgetSettings>): void;
}

export type GadgetStore = StoreApi<GadgetState & GadgetActions>;

export interface GadgetStoreOptions {
  transport: AgentTransportPort;
  client: ChatClientPort;
  now?: () => number;
  /** Settings are saved per agent; without an id they are not saved. */
  agentId?: string;
  /** Default: the browser's localStorage (null: keep settings in memory only). */
  storage?: SettingsStorage | null;
  /** Where another copy's settings change is heard (`storage` events). Default: the window. */
  events?: SettingsEvents | null;
}

/** An active chat this agent owns or has joined: an offer of it has been answered already. */
function takenBy(chat: ChatSummary, agentId: string | undefined): boolean {
  if (chat.status !== 'active' || !agentId) return false;
  return chat.agent?.id === agentId || (chat.collaborators ?? []).some((c) => c.id === agentId);
}

/** The notices that explain a missed offer; they go away once the agent is ready again. */
const MISSED_KEYS: readonly NoticeKey[] = ['notice.offerMissed', 'notice.offerMissedFrom'];

export function createGadgetStore({
  transport,
  client,
  now = Date.now,
  agentId,
  storage = browserStorage(),
  events = browserEvents(),
}: GadgetStoreOptions): {
  store: GadgetStore;
  dispose: () => void;
} {
  const store = createStore<GadgetState & GadgetActions>()((set, get) => {
    const patchOffer = (chatId: string, busy: PendingOffer['busy']): void =>
      set((s) => ({ offers: s.offers.map((o) => (o.offer.chatId === chatId ? { ...o, busy } : o)) }));
    const dropOffer = (chatId: string): void =>
      set((s) => ({ offers: s.offers.filter((o) => o.offer.chatId !== chatId) }));
    const offerName = (chatId: string): string =>
      get().offers.find((o) => o.offer.chatId === chatId)?.offer.customer.name ?? '';

    return {
      status: null,
      requestedState: null,
      offers: [],
      selectedChatId: null,
      focusChatId: null,
      readSeq: {},
      notice: null,
      settings: loadSettings(storage, agentId),
      // Transfer, conference, whisper, wrap-up (collabSlice.ts).
      ...collabInitialState,
      ...createCollabActions(transport, set, get),

      async setAgentState(state) {
        set({ requestedState: state });
        try {
          const { status } = await transport.request('agent:setState', { state });
          set((s) => ({
            status,
            requestedState: null,
            notice: state === 'READY' && s.notice && MISSED_KEYS.includes(s.notice.key) ? null : s.notice,
          }));
        } catch {
          set({ requestedState: null, notice: { tone: 'error', key: 'notice.stateFailed' } });
        }
      },

      async acceptOffer(chatId) {
        // One answer per offer: a second click or shortcut while the first is on its way does nothing.
        const pending = get().offers.find((o) => o.offer.chatId === chatId);
        if (!pending || pending.busy !== null) return false;
        const name = offerName(chatId);
        patchOffer(chatId, 'accepting');
        try {
          // A transfer or consult to this agent by name is answered to its sender's invite.
          const event = pending.offer.invite?.via === 'agent' ? 'invite:accept' : 'offer:accept';
          const { chat, messages } = await transport.request(event, { chatId });
          client.track(chat, messages);
          dropOffer(chatId);
          // The history before the agent joined is not "unread" for them.
          const seen = messages.reduce((max, m) => Math.max(max, m.seq), chat.lastSeq);
          set((s) => ({
            selectedChatId: chatId,
            focusChatId: chatId,
            readSeq: { ...s.readSeq, [chatId]: seen },
          }));
          return true;
        } catch {
          dropOffer(chatId);
          // Another copy of the gadget (same agent, same desktop) accepted it first: not a failure.
          const tracked = client.getState().chats[chatId]?.chat;
          if (tracked && takenBy(tracked, agentId)) return false;
          set({ notice: { tone: 'error', key: 'notice.acceptFailed', values: { name } } });
          return false;
        }
      },

      async declineOffer(chatId) {
        patchOffer(chatId, 'declining');
        try {
          const invited = get().offers.find((o) => o.offer.chatId === chatId)?.offer.invite?.via === 'agent';
          await transport.request(invited ? 'invite:decline' : 'offer:decline', { chatId });
        } catch {
          // The server revokes an unanswered offer by itself when it times out, so a failed
          // decline only means the card goes away a little earlier than the server's copy.
        }
        dropOffer(chatId);
      },

      selectChat(chatId, options) {
        set(options?.focus ? { selectedChatId: chatId, focusChatId: chatId } : { selectedChatId: chatId });
      },

      markRead(chatId, seq) {
        if ((get().readSeq[chatId] ?? -1) >= seq) return;
        set((s) => ({ readSeq: { ...s.readSeq, [chatId]: seq } }));
      },

      focusDone() {
        if (get().focusChatId !== null) set({ focusChatId: null });
      },

      closeChat(chatId) {
        client.forget(chatId);
        const remaining = Object.keys(client.getState().chats).filter((id) => id !== chatId);
        set((s) => {
          const { [chatId]: _dropped, ...readSeq } = s.readSeq;
          return {
            readSeq,
            selectedChatId: s.selectedChatId === chatId ? (remaining[0] ?? null) : s.selectedChatId,
          };
        });
      },

      showNotice(notice) {
        set({ notice });
      },

      updateSettings(patch) {
        // Only the changed field goes onto what storage holds: another copy's change survives.
        set({ settings: saveSettings(storage, agentId, get().settings, patch) });
      },
    };
  });

  /** The customer of the offer that last timed out here: the missed-offer notice names them. */
  let timedOut: string | null = null;

  const offs = [
    ...attachCollabEvents(store, transport, client, agentId),
    // Another copy of the gadget changed a setting: this copy follows (no storage, nothing shared).
    watchSettings(storage ? events : null, agentId, (stored) => {
      const { settings } = store.getState();
      const next = { ...settings, ...stored };
      const same = (Object.keys(next) as (keyof GadgetSettings)[]).every((k) => next[k] === settings[k]);
      if (!same) store.setState({ settings: next });
    }),
    transport.on('agent:status', (status) => {
      store.setState((s) => {
        const missed = status.reason === 'offer-missed' && status.requested === 'NOT_READY';
        const wasMissed = s.status?.reason === 'offer-missed' && s.status.requested === 'NOT_READY';
        // Said once when it happens (or when the gadget starts in that state), not on every later update.
        if (missed && !wasMissed) {
          const name = timedOut;
          timedOut = null;
          return {
            status,
            notice: name
              ? { tone: 'info', key: 'notice.offerMissedFrom', values: { name }, action: 'goReady' }
              : { tone: 'info', key: 'notice.offerMissed', action: 'goReady' },
          };
        }
        // Ready again (here or from another copy of the gadget): the explanation is no longer needed.
        const stale = !missed && s.notice !== null && MISSED_KEYS.includes(s.notice.key);
        return { status, notice: stale ? null : s.notice };
      });
    }),
    transport.on('offer:new', (offer) => {
      store.setState((s) => ({
        offers: [
          ...s.offers.filter((o) => o.offer.chatId !== offer.chatId),
          { offer, receivedAt: now(), busy: null },
        ],
      }));
      if (store.getState().settings.autoAccept) void autoAccept(offer.chatId, offer.customer.name);
    }),
    // Accepted in another copy of the gadget: the server sends no revoke, only the chat itself.
    transport.on('chat:update', (chat) => {
      if (!takenBy(chat, agentId)) return;
      store.setState((s) => ({
        offers: s.offers.filter((o) => o.offer.chatId !== chat.id || o.busy !== null),
      }));
    }),
    transport.on('offer:revoked', ({ chatId, reason }) => {
      const pending = store.getState().offers.find((o) => o.offer.chatId === chatId);
      if (!pending) return;
      const name = pending.offer.customer.name;
      if (reason === 'timeout') timedOut = name;
      store.setState((s) => ({
        offers: s.offers.filter((o) => o.offer.chatId !== chatId),
        notice:
          reason === 'customer-left'
            ? { tone: 'info', key: 'notice.offerCustomerLeft', values: { name } }
            : reason === 'timeout'
              ? { tone: 'warning', key: 'notice.offerExpired', values: { name } }
              : s.notice,
      }));
    }),
  ];

  async function autoAccept(chatId: string, name: string): Promise<void> {
    // A failed accept has already said so; a success says it happened without the agent.
    if (await store.getState().acceptOffer(chatId)) {
      store.setState({ notice: { tone: 'info', key: 'notice.autoAccepted', values: { name } } });
    }
  }

  return {
    store,
    dispose: () => {
      for (const off of offs) off();
    },
  };
}
