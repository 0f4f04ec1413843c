/**
 * The agent's part of transfer, consult/conference, whisper and wrap-up: whispers per chat, open
 * wrap-ups with the configured reasons, the requests behind them, and the notices for answers to
 * invites and for chats a supervisor moved away. Part of the agent store (agentStore.ts).
 */
import type { ChatSummary, TransferTarget, TransferTargets, Whisper, WrapUp } from '../core/protocol.ts';
import type { WritableStore } from '../core/store.ts';
import { uuid } from '../core/uuid.ts';
import type { AgentChatsPort, AgentNoticeKey, AgentState, AgentTransportPort } from './agentTypes.ts';

export interface CollabActions {
  /** The agents and queues a chat may go to. */
  loadTargets(): Promise<TransferTargets>;
  /** Resolves true once the server took the request (the answer comes later for a named agent). */
  transferChat(chatId: string, target: TransferTarget, note: string): Promise<boolean>;
  /** Consult or conference: invites another agent into the chat. */
  inviteAgent(chatId: string, agentId: string, note: string): Promise<boolean>;
  leaveChat(chatId: string): Promise<void>;
  sendWhisper(chatId: string, text: string): Promise<boolean>;
  loadWhispers(chatId: string): Promise<void>;
  startWrapUp(chatId: string): Promise<void>;
  /** Resolves with the server's refusal code, or null once stored. */
  submitWrapUp(chatId: string, reasons: string[], notes: string): Promise<string | null>;
}

type Store = Pick<WritableStore<AgentState>, 'getState' | 'setState'>;

function addWhisper(list: Whisper[] | undefined, whisper: Whisper): Whisper[] {
  const current = list ?? [];
  if (current.some((w) => w.id === whisper.id)) return current;
  return [...current, whisper].sort((a, b) => a.sentAt - b.sentAt);
}

export const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'INTERNAL';

function applyWrapUp(store: Store, wrapUp: WrapUp): void {
  store.setState((s) => {
    const { [wrapUp.chatId]: _old, ...rest } = s.wrapUps;
    return { wrapUps: wrapUp.state === 'done' ? rest : { ...rest, [wrapUp.chatId]: wrapUp } };
  });
}

export function createCollabActions(
  transport: AgentTransportPort,
  store: Store,
  closeChat: (chatId: string) => void,
  newId: () => string = uuid,
): CollabActions {
  const fail = (key: AgentNoticeKey): void => store.setState({ notice: { tone: 'error', key } });
  const attempt = async (request: () => Promise<unknown>, key: AgentNoticeKey): Promise<boolean> => {
    try {
      await request();
      return true;
    } catch {
      fail(key);
      return false;
    }
  };
  return {
    loadTargets: () => transport.request('agents:available', {}),

    transferChat: (chatId, target, note) =>
      attempt(() => transport.request('chat:transfer', { chatId, ...target, note }), 'transferFailed'),

    inviteAgent: (chatId, agentId, note) =>
      attempt(() => transport.request('chat:invite', { chatId, agentId, note }), 'inviteFailed'),

    async leaveChat(chatId) {
      if (await attempt(() => transport.request('chat:leave', { chatId }), 'leaveFailed')) closeChat(chatId);
    },

    async sendWhisper(chatId, text) {
      try {
        const { whisper } = await transport.request('whisper:send', { chatId, clientId: newId(), text });
        store.setState((s) => ({
          whispers: { ...s.whispers, [chatId]: addWhisper(s.whispers[chatId], whisper) },
        }));
        return true;
      } catch {
        fail('whisperFailed');
        return false;
      }
    },

    async loadWhispers(chatId) {
      try {
        const { whispers } = await transport.request('whisper:list', { chatId });
        store.setState((s) => ({
          whispers: { ...s.whispers, [chatId]: whispers.reduce(addWhisper, s.whispers[chatId] ?? []) },
        }));
      } catch {
        // Not in the chat any more (transferred, left): there is nothing to show.
      }
    },

    async startWrapUp(chatId) {
      try {
        const { wrapUp } = await transport.request('wrapup:start', { chatId });
        applyWrapUp(store, wrapUp);
      } catch {
        // Already running or done: the server's wrapup:update says which.
      }
    },

    async submitWrapUp(chatId, reasons, notes) {
      try {
        const { wrapUp } = await transport.request('wrapup:submit', { chatId, reasons, notes });
        applyWrapUp(store, wrapUp);
        store.setState({ notice: { tone: 'info', key: 'wrapUpSaved' } });
        return null;
      } catch (error) {
        return codeOf(error);
      }
    },
  };
}

/** Follows whispers, wrap-ups, answers to invites, and chats that left this agent. */
export function attachCollabEvents(
  store: Store,
  transport: AgentTransportPort,
  chats: AgentChatsPort,
  isMine: (chat: ChatSummary) => boolean,
  closeChat: (chatId: string) => void,
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

  return [
    transport.on('connect', () => void loadWrapUps()),
    transport.on('chat:whisper', (whisper) =>
      store.setState((s) => ({
        whispers: { ...s.whispers, [whisper.chatId]: addWhisper(s.whispers[whisper.chatId], whisper) },
      })),
    ),
    transport.on('wrapup:update', (wrapUp) => {
      const wasOpen = store.getState().wrapUps[wrapUp.chatId] !== undefined;
      applyWrapUp(store, wrapUp);
      if (wrapUp.state === 'done' && wrapUp.timedOut && wasOpen) {
        store.setState({
          notice: { tone: 'info', key: 'wrapUpTimedOut', values: { name: wrapUp.customerName } },
        });
      }
    }),
    transport.on('invite:result', (result) => {
      const transfer = result.kind === 'transfer';
      const accepted = result.outcome === 'accepted';
      const key: AgentNoticeKey = accepted
        ? transfer
          ? 'transferAccepted'
          : 'inviteAccepted'
        : transfer
          ? 'transferRequeued'
          : 'inviteDeclined';
      store.setState({
        notice: { tone: accepted ? 'info' : 'warning', key, values: { name: result.agent.name } },
      });
    }),
    transport.on('chat:movedBySupervisor', ({ customerName, to }) => {
      // Calm and informative: the chat did not vanish by mistake, and it went somewhere.
      store.setState({
        notice:
          'queue' in to
            ? { tone: 'info', key: 'movedToQueue', values: { name: customerName, target: to.queue } }
            : { tone: 'info', key: 'movedToAgent', values: { name: customerName, target: to.agent.name } },
      });
    }),
    transport.on('chat:update', (chat) => {
      // A chat transferred away, or a conference this agent left: it is no longer theirs to show.
      if (chat.status === 'ended' || isMine(chat) || !chats.getState().chats[chat.id]) return;
      // After the chat client's own listener, which would otherwise track the chat again.
      setTimeout(() => {
        const latest = chats.getState().chats[chat.id]?.chat;
        if (latest && !isMine(latest)) closeChat(chat.id);
      }, 0);
    }),
  ];
}
