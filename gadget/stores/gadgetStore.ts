/**
 * The gadget's own state (not chat data, which the SDK chat client holds): the agent's chat state,
 * pending offers, the selected chat, what the agent has read, and a one-line notice. One vanilla
 * store per gadget instance, because a desktop may host several copies of the gadget.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentStatus, ChatOffer } from '../../sdk/index.ts';
import type { AgentTransportPort, ChatClientPort } from '../chat/ports.ts';
import type { GadgetKey } from '../i18n/i18n.ts';

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
  values?: { name: string };
}

export interface GadgetState {
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
}

export interface GadgetActions {
  setAgentState(state: 'READY' | 'NOT_READY'): Promise<void>;
  acceptOffer(chatId: string): Promise<void>;
  declineOffer(chatId: string): Promise<void>;
  selectChat(chatId: string | null): void;
  markRead(chatId: string, seq: number): void;
  focusDone(): void;
  closeChat(chatId: string): void;
  showNotice(notice: Notice | null): void;
}

export type GadgetStore = StoreApi<GadgetState & GadgetActions>;

export interface GadgetStoreOptions {
  transport: AgentTransportPort;
  client: ChatClientPort;
  now?: () => number;
}

export function createGadgetStore({ transport, client, now = Date.now }: GadgetStoreOptions): {
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

      async setAgentState(state) {
        set({ requestedState: state });
        try {
          const { status } = await transport.request('agent:setState', { state });
          set({ status, requestedState: null });
        } catch {
          set({ requestedState: null, notice: { tone: 'error', key: 'notice.stateFailed' } });
        }
      },

      async acceptOffer(chatId) {
        const name = offerName(chatId);
        patchOffer(chatId, 'accepting');
        try {
          const { chat, messages } = await transport.request('offer:accept', { chatId });
          client.track(chat, messages);
          dropOffer(chatId);
          // The history before the agent joined is not "unread" for them.
          const seen = messages.reduce((max, m) => Math.max(max, m.seq), chat.lastSeq);
          set((s) => ({
            selectedChatId: chatId,
            focusChatId: chatId,
            readSeq: { ...s.readSeq, [chatId]: seen },
          }));
        } catch {
          dropOffer(chatId);
          set({ notice: { tone: 'error', key: 'notice.acceptFailed', values: { name } } });
        }
      },

      async declineOffer(chatId) {
        patchOffer(chatId, 'declining');
        try {
          await transport.request('offer:decline', { chatId });
        } catch {
          // The server revokes an unanswered offer by itself when it times out, so a failed
          // decline only means the card goes away a little earlier than the server's copy.
        }
        dropOffer(chatId);
      },

      selectChat(chatId) {
        set({ selectedChatId: chatId });
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
    };
  });

  const offs = [
    transport.on('agent:status', (status) => {
      const notice: Notice | null =
        status.reason === 'offer-missed' && status.state === 'NOT_READY'
          ? { tone: 'warning', key: 'notice.offerMissed' }
          : null;
      store.setState((s) => ({ status, notice: notice ?? s.notice }));
    }),
    transport.on('offer:new', (offer) => {
      store.setState((s) => ({
        offers: [
          ...s.offers.filter((o) => o.offer.chatId !== offer.chatId),
          { offer, receivedAt: now(), busy: null },
        ],
      }));
    }),
    transport.on('offer:revoked', ({ chatId, reason }) => {
      const pending = store.getState().offers.find((o) => o.offer.chatId === chatId);
      if (!pending) return;
      const name = pending.offer.customer.name;
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

  return {
    store,
    dispose: () => {
      for (const off of offs) off();
    },
  };
}
