/**
 * The gadget's store: a thin shell over the SDK's agent store (`createAgentStore`: status, offers,
 * transfer, whisper, wrap-up, notices), plus what only this UI has: the selected chat, the reply box
 * to focus once, notices worded in `notice.*` and the agent's settings (auto-accept is handed to the
 * agent store). One store per gadget instance, because a desktop may host several copies.
 */
import {
  createAgentStore,
  createVanillaStore,
  type AgentNotice,
  type AgentState,
  type AgentStore,
  type AgentTransportPort,
  type CollabActions,
  type PendingOffer,
  type VanillaStore,
} from '../../sdk/index.ts';
import type { ChatClientPort } from '../chat/ports.ts';
import type { GadgetKey } from '../i18n/i18n.ts';
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

export type { PendingOffer };

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

/** What the gadget shows of the agent store, as it is. */
type Mirrored = Omit<AgentState, 'notice' | 'autoAccept'>;

export interface GadgetState extends Mirrored {
  selectedChatId: string | null;
  /** A chat just accepted: its reply box takes the focus once (never on a plain tab switch). */
  focusChatId: string | null;
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

export type GadgetStore = VanillaStore<GadgetState & GadgetActions>;

export interface GadgetStoreOptions {
  /** The agent client's store; without it one is made over `transport`. */
  agent?: AgentStore;
  transport?: AgentTransportPort;
  client: ChatClientPort;
  now?: () => number;
  /** Settings are saved per agent; without an id they are not saved. */
  agentId?: string;
  /** Default: the browser's localStorage (null: keep settings in memory only). */
  storage?: SettingsStorage | null;
  /** Where another copy's settings change is heard (`storage` events). Default: the window. */
  events?: SettingsEvents | null;
}

const noticeOf = (notice: AgentNotice | null): Notice | null =>
  notice && { ...notice, key: `notice.${notice.key}` };

function mirrored(state: AgentState): Mirrored {
  const { notice: _notice, autoAccept: _autoAccept, ...rest } = state;
  return rest;
}

function agentStoreOver(
  transport: AgentTransportPort | undefined,
  chats: ChatClientPort,
  agentId: string | undefined,
  now: (() => number) | undefined,
): AgentStore {
  if (!transport)
    throw new Error('[hybrid-chat gadget] createGadgetStore needs an agent store or a transport');
  return createAgentStore({ transport, chats, ...(agentId ? { agentId } : {}), ...(now ? { now } : {}) });
}

export function createGadgetStore({
  agent: given,
  transport,
  client,
  now,
  agentId,
  storage = browserStorage(),
  events = browserEvents(),
}: GadgetStoreOptions): {
  store: GadgetStore;
  dispose: () => void;
} {
  const agent = given ?? agentStoreOver(transport, client, agentId, now);
  const set: GadgetStore['setState'] = (patch) => store.setState(patch);
  const get = (): GadgetState & GadgetActions => store.getState();
  /** The gadget's copy of the agent store's latest notice: replaced or cleared with it. */
  let agentNotice = noticeOf(agent.getState().notice);

  const store: GadgetStore = createVanillaStore<GadgetState & GadgetActions>({
    ...mirrored(agent.getState()),
    selectedChatId: null,
    focusChatId: null,
    notice: agentNotice,
    settings: loadSettings(storage, agentId),
    loadTargets: agent.loadTargets,
    transferChat: agent.transferChat,
    inviteAgent: agent.inviteAgent,
    leaveChat: agent.leaveChat,
    sendWhisper: agent.sendWhisper,
    loadWhispers: agent.loadWhispers,
    startWrapUp: agent.startWrapUp,
    submitWrapUp: agent.submitWrapUp,
    setAgentState: agent.setAgentState,
    acceptOffer: agent.acceptOffer,
    declineOffer: agent.declineOffer,
    markRead: agent.markRead,
    closeChat: agent.closeChat,

    selectChat(chatId, options) {
      set(options?.focus ? { selectedChatId: chatId, focusChatId: chatId } : { selectedChatId: chatId });
    },

    focusDone() {
      if (get().focusChatId !== null) set({ focusChatId: null });
    },

    showNotice(notice) {
      set({ notice });
      if (notice === null) agent.dismissNotice();
    },

    updateSettings(patch) {
      // Only the changed field goes onto what storage holds: another copy's change survives.
      set({ settings: saveSettings(storage, agentId, get().settings, patch) });
    },
  });
  agent.setAutoAccept(store.getState().settings.autoAccept);

  const offs = [
    agent.subscribe((state, previous) => {
      const patch: Partial<GadgetState> = mirrored(state);
      if (state.notice !== previous.notice) {
        const next = noticeOf(state.notice);
        // A cleared agent notice takes only itself away, not one the gadget showed since.
        if (next || store.getState().notice === agentNotice) patch.notice = next;
        agentNotice = next;
      }
      store.setState(patch);
    }),
    // Accepted here (by the agent or auto-accept): the chat opens with its reply box focused.
    agent.on('accepted', ({ chat }) => store.setState({ selectedChatId: chat.id, focusChatId: chat.id })),
    agent.on('closed', ({ chatId }) => {
      const remaining = Object.keys(client.getState().chats).filter((id) => id !== chatId);
      store.setState((s) => ({
        selectedChatId: s.selectedChatId === chatId ? (remaining[0] ?? null) : s.selectedChatId,
      }));
    }),
    store.subscribe((state, previous) => {
      if (state.settings.autoAccept !== previous.settings.autoAccept)
        agent.setAutoAccept(state.settings.autoAccept);
    }),
    // Another copy of the gadget changed a setting: this copy follows (no storage, nothing shared).
    watchSettings(storage ? events : null, agentId, (stored) => {
      const { settings } = store.getState();
      const next = { ...settings, ...stored };
      const same = (Object.keys(next) as (keyof GadgetSettings)[]).every((k) => next[k] === settings[k]);
      if (!same) store.setState({ settings: next });
    }),
  ];

  return {
    store,
    dispose: () => {
      for (const off of offs) off();
      if (!given) agent.dispose();
    },
  };
}
