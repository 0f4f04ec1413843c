/**
 * The gadget's part of transfer, consult/conference, whisper and wrap-up (server/features/collaboration):
 * whispers per chat, open wrap-ups with the configured reason codes, and the requests behind the
 * transfer dialog, the whisper toggle and the wrap-up panel, and the notice after a supervisor moved
 * one of the agent's chats away (the tab itself closes on the chat's update, as for any transfer). A slice of the gadget store (one per
 * gadget instance); `attachCollabEvents` follows the server's events for it.
 */
import type { LocalizedLabel, ChatSummary, TransferTargets, Whisper, WrapUp } from '../../sdk/index.ts';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentTransportPort, ChatClientPort } from '../chat/ports.ts';
import type { Notice } from './gadgetStore.ts';

export interface CollabState {
  /** Agent-only notes per chat, oldest first, at most once each (by id). */
  whispers: Record<string, Whisper[]>;
  /** Wrap-ups not done yet, by chat. */
  wrapUps: Record<string, WrapUp>;
  wrapUpReasons: string[];
  /** How to show each reason code in the agent's language (from the server's configuration). */
  wrapUpReasonLabels: Record<string, LocalizedLabel>;
}

export type TransferTarget = { agentId: string } | { queue: string };

export interface CollabActions {
  loadTargets(): Promise<TransferTargets>;
  /** Resolves true once the server took the request (the answer comes later for a named agent). */
  transferChat(chatId: string, target: TransferTarget, note: string): Promise<boolean>;
  inviteAgent(chatId: string, agentId: string, note: string): Promise<boolean>;
  leaveChat(chatId: string): Promise<void>;
  sendWhisper(chatId: string, text: string): Promise<boolean>;
  loadWhispers(chatId: string): Promise<void>;
  startWrapUp(chatId: string): Promise<void>;
  /** Resolves with the server's refusal code, or null once stored. */
  submitWrapUp(chatId: string, reasons: string[], notes: string): Promise<string | null>;
}

interface SliceHost {
  notice: Notice | null;
  closeChat(chatId: string): void;
}

type Store = StoreApi<CollabState & CollabActions & SliceHost>;

export const collabInitialState: CollabState = {
  whispers: {},
  wrapUps: {},
  wrapUpReasons: [],
  wrapUpReasonLabels: {},
};

function addWhisper(list: Whisper[] | undefined, whisper: Whisper): Whisper[] {
  const current = list ?? [];
  if (current.some((w) => w.id === whisper.id)) return current;
  return [...current, whisper].sort((a, b) => a.sentAt - b.sentAt);
}

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'INTERNAL';

export function createCollabActions(
  transport: AgentTransportPort,
  set: Store['setState'],
  get: Store['getState'],
  newId: () => string = () => crypto.randomUUID(),
): CollabActions {
  const fail = (key: Notice['key']) => set({ notice: { tone: 'error', key } });
  return {
    loadTargets: () => transport.request('agents:available', {}),

    async transferChat(chatId, target, note) {
      try {
        await transport.request('chat:transfer', { chatId, ...target, note });
        return true;
      } catch {
        fail('notice.transferFailed');
        return false;
      }
    },

    async inviteAgent(chatId, agentId, note) {
      try {
        await transport.request('chat:invite', { chatId, agentId, note });
        return true;
      } catch {
        fail('notice.inviteFailed');
        return false;
      }
    },

    async leaveChat(chatId) {
      try {
        await transport.request('chat:leave', { chatId });
        get().closeChat(chatId);
      } catch {
        fail('notice.leaveFailed');
      }
    },

    async sendWhisper(chatId, text) {
      try {
        const { whisper } = await transport.request('whisper:send', { chatId, clientId: newId(), text });
        set((s) => ({ whispers: { ...s.whispers, [chatId]: addWhisper(s.whispers[chatId], whisper) } }));
        return true;
      } catch {
        fail('notice.whisperFailed');
        return false;
      }
    },

    async loadWhispers(chatId) {
      try {
        const { whispers } = await transport.request('whisper:list', { chatId });
        set((s) => ({
          whispers: { ...s.whispers, [chatId]: whispers.reduce(addWhisper, s.whispers[chatId] ?? []) },
        }));
      } catch {
        // Not in the chat any more (transferred, left): there is nothing to show.
      }
    },

    async startWrapUp(chatId) {
      try {
        const { wrapUp } = await transport.request('wrapup:start', { chatId });
        applyWrapUp(set, wrapUp);
      } catch {
        // Already running or done: the server's wrapup:update says which.
      }
    },

    async submitWrapUp(chatId, reasons, notes) {
      try {
        const { wrapUp } = await transport.request('wrapup:submit', { chatId, reasons, notes });
        applyWrapUp(set, wrapUp);
        set({ notice: { tone: 'info', key: 'notice.wrapUpSaved' } });
        return null;
      } catch (error) {
        return codeOf(error);
      }
    },
  };
}

function applyWrapUp(set: Store['setState'], wrapUp: WrapUp): void {
  set((s) => {
    const { [wrapUp.chatId]: _old, ...rest } = s.wrapUps;
    return { wrapUps: wrapUp.state === 'done' ? rest : { ...rest, [wrapUp.chatId]: wrapUp } };
  });
}

/** Follows whispers, wrap-ups, answers to invites, and chats that left this agent. */
export function attachCollabEvents(
  store: Store,
  transport: AgentTransportPort,
  client: ChatClientPort,
  agentId: string | undefined,
): Array<() => void> {
  const loadWrapUps = async (): Promise<void> => {
    try {
      const list = await transport.request('wrapup:list', {});
      store.setState({
        wrapUpReasons: list.reasons,
        wrapUpReasonLabels: list.reasonLabels ?? {},
        wrapUps: Object.fromEntries(list.wrapUps.map((w) => [w.chatId, w])),
      });
    } catch {
      // Asked again on the next connect.
    }
  };
  const isMine = (chat: ChatSummary): boolean =>
    chat.agent?.id === agentId || (chat.collaborators ?? []).some((c) => c.id === agentId);

  return [
    transport.on('connect', () => void loadWrapUps()),
    transport.on('chat:whisper', (whisper) =>
      store.setState((s) => ({
        whispers: { ...s.whispers, [whisper.chatId]: addWhisper(s.whispers[whisper.chatId], whisper) },
      })),
    ),
    transport.on('wrapup:update', (wrapUp) => {
      const wasOpen = store.getState().wrapUps[wrapUp.chatId] !== undefined;
      applyWrapUp(store.setState, wrapUp);
      if (wrapUp.state === 'done' && wrapUp.timedOut && wasOpen) {
        store.setState({
          notice: { tone: 'info', key: 'notice.wrapUpTimedOut', values: { name: wrapUp.customerName } },
        });
      }
    }),
    transport.on('invite:result', (result) => {
      const name = result.agent.name;
      const key =
        result.outcome === 'accepted'
          ? result.kind === 'transfer'
            ? 'notice.transferAccepted'
            : 'notice.inviteAccepted'
          : result.kind === 'transfer'
            ? 'notice.transferRequeued'
            : 'notice.inviteDeclined';
      store.setState({
        notice: { tone: result.outcome === 'accepted' ? 'info' : 'warning', key, values: { name } },
      });
    }),
    transport.on('chat:movedBySupervisor', ({ customerName, to }) => {
      // Calm and informative: the chat did not vanish by mistake, and it went somewhere.
      store.setState({
        notice:
          'queue' in to
            ? { tone: 'info', key: 'notice.movedToQueue', values: { name: customerName, target: to.queue } }
            : {
                tone: 'info',
                key: 'notice.movedToAgent',
                values: { name: customerName, target: to.agent.name },
              },
      });
    }),
    transport.on('chat:update', (chat) => {
      // A chat transferred away, or a conference this agent left: it is no longer theirs to show.
      if (chat.status === 'ended' || isMine(chat) || !client.getState().chats[chat.id]) return;
      // After the chat client's own listener, which would otherwise track the chat again.
      setTimeout(() => {
        const latest = client.getState().chats[chat.id]?.chat;
        if (latest && !isMine(latest)) store.getState().closeChat(chat.id);
      }, 0);
    }),
  ];
}
