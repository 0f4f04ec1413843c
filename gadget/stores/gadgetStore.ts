/**
 * The gadget's store: the SDK's agent state (status, offers, transfer, whisper, wrap-up, notices,
 * kept up to date by the agent store, `createAgentStore`) and, in the same store, what only this UI
 * has: the selected chat, the reply box to focus once and the agent's settings (auto-accept is the
 * agent store's). One store per gadget instance, because a desktop may host several copies.
 */
import {
  createAgentStore,
  createStore,
  initialAgentState,
  type AgentActions,
  type AgentNotice,
  type AgentNoticeKey,
  type AgentState,
  type AgentStore,
  type AgentTransportPort,
  type PendingOffer,
  type WritableStore,
} from '../../sdk/index.ts';
import type { ChatClientPort } from '../chat/ports.ts';
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

/** Worded in the `notice.*` translations (`notice.<key>`). */
export type NoticeKey = AgentNoticeKey;
export type Notice = AgentNotice;

export interface GadgetState extends AgentState {
  selectedChatId: string | null;
  /** A chat just accepted: its reply box takes the focus once (never on a plain tab switch). */
  focusChatId: string | null;
  settings: GadgetSettings;
}

export interface GadgetActions extends AgentActions {
  /** `focus`: the chat's reply box takes the focus (a keyboard shortcut chose the chat). */
  selectChat(chatId: string | null, options?: { focus?: boolean }): void;
  focusDone(): void;
  updateSettings(patch: Partial<GadgetSettings>): void;
}

export type GadgetStore = WritableStore<GadgetState & GadgetActions>;

export interface GadgetShellOptions {
  /** Settings are saved per agent; without an id they are not saved. */
  agentId?: string;
  /** Default: the browser's localStorage (null: keep settings in memory only). */
  storage?: SettingsStorage | null;
  /** Where another copy's settings change is heard (`storage` events). Default: the window. */
  events?: SettingsEvents | null;
}

export interface GadgetShell {
  /** Also the agent store's `store`. */
  store: GadgetStore;
  /** Follows the agent store kept in `store` (its accepted and closed chats); returns the detach. */
  attach(agent: AgentStore, client: ChatClientPort): () => void;
}

/** The gadget's store, for the agent store to keep its state and actions in (`store` option). */
export function createGadgetShell({
  agentId,
  storage = browserStorage(),
  events = browserEvents(),
}: GadgetShellOptions): GadgetShell {
  const settings = loadSettings(storage, agentId);
  // The agent store puts its actions (accept, transfer, …) in when it is created over this store.
  const store: GadgetStore = createStore({
    ...initialAgentState(settings.autoAccept),
    selectedChatId: null,
    focusChatId: null,
    settings,
    selectChat(chatId, options) {
      store.setState(
        options?.focus ? { selectedChatId: chatId, focusChatId: chatId } : { selectedChatId: chatId },
      );
    },
    focusDone() {
      if (store.getState().focusChatId !== null) store.setState({ focusChatId: null });
    },
    updateSettings(patch) {
      // Only the changed field goes onto what storage holds: another copy's change survives.
      store.setState({ settings: saveSettings(storage, agentId, store.getState().settings, patch) });
    },
  } as GadgetState & GadgetActions);

  return {
    store,
    attach(given, client) {
      const offs = [
        // Accepted here (by the agent or auto-accept): the chat opens with its reply box focused.
        given.on('accepted', ({ chat }) => store.setState({ selectedChatId: chat.id, focusChatId: chat.id })),
        given.on('closed', ({ chatId }) => {
          const remaining = Object.keys(client.getState().chats).filter((id) => id !== chatId);
          store.setState((s) => ({
            selectedChatId: s.selectedChatId === chatId ? (remaining[0] ?? null) : s.selectedChatId,
          }));
        }),
        store.subscribe((state, previous) => {
          if (state.settings.autoAccept !== previous.settings.autoAccept)
            given.setAutoAccept(state.settings.autoAccept);
        }),
        // Another copy of the gadget changed a setting: this copy follows (no storage, nothing shared).
        watchSettings(storage ? events : null, agentId, (stored) => {
          const current = store.getState().settings;
          const next = { ...current, ...stored };
          const same = (Object.keys(next) as (keyof GadgetSettings)[]).every((k) => next[k] === current[k]);
          if (!same) store.setState({ settings: next });
        }),
      ];
      return () => {
        for (const off of offs) off();
      };
    },
  };
}

export interface GadgetStoreOptions extends GadgetShellOptions {
  transport: AgentTransportPort;
  client: ChatClientPort;
  now?: () => number;
}

/** The gadget's store with an agent store of its own over `transport` (tests, and any host without the agent client). */
export function createGadgetStore({ transport, client, now, ...shellOptions }: GadgetStoreOptions): {
  store: GadgetStore;
  dispose: () => void;
} {
  const { store, attach } = createGadgetShell(shellOptions);
  const { agentId } = shellOptions;
  const agent = createAgentStore({
    transport,
    chats: client,
    store,
    autoAccept: store.getState().settings.autoAccept,
    ...(agentId ? { agentId } : {}),
    ...(now ? { now } : {}),
  });
  const detach = attach(agent, client);
  return {
    store,
    dispose: () => {
      detach();
      agent.dispose();
    },
  };
}
