/**
 * The supervisor's side of the protocol (server/features/supervision): the team view pushed over the
 * agent's socket, silent monitoring (with the chat's agent-only whispers), barge-in and forced
 * transfer. Only created for a session whose agent Finesse calls a Supervisor; the server checks every
 * request again anyway.
 */
import type {
  ChatMessage,
  ChatSummary,
  SyncResult,
  TeamSnapshot,
  TransferTarget,
  Whisper,
} from '../core/protocol.ts';
import { uuid } from '../core/uuid.ts';
import type { AgentTransport } from './agentTypes.ts';
import { codeOf } from './collab.ts';

export interface SupervisorClient {
  /** Team snapshots as they are pushed (the first one at once); re-subscribes after a reconnect. */
  watchTeam(listener: (snapshot: TeamSnapshot) => void, onError: (code: string) => void): () => void;
  /**
   * Silent monitor: the history, then live messages and changes until the returned stop. Whispers
   * (agent-only notes) come the same way: the stored ones once the monitor is set up, then live.
   */
  monitor(chatId: string, listeners: MonitorListeners): { history: Promise<SyncResult>; stop: () => void };
  barge(chatId: string): Promise<SyncResult>;
  send(chatId: string, text: string): Promise<ChatMessage>;
  transfer(chatId: string, to: TransferTarget): Promise<ChatSummary>;
  /** The queues a chat may be moved to (the server's transfer queues). */
  queues(): Promise<string[]>;
}

export interface MonitorListeners {
  message: (message: ChatMessage) => void;
  chat: (chat: ChatSummary) => void;
  /** Each whisper, possibly more than once (a reconnect lists them again): merge by id. */
  whisper: (whisper: Whisper) => void;
  /** The server ended the monitoring: the chat left the supervisor's teams. Nothing more comes. */
  ended?: () => void;
}

export function createSupervisorClient(
  transport: Pick<AgentTransport, 'request' | 'on' | 'connected'>,
): SupervisorClient {
  return {
    watchTeam(listener, onError) {
      const subscribe = (): void => {
        transport
          .request('supervisor:subscribe', {})
          .then(listener, (error: unknown) => onError(codeOf(error)));
      };
      const offTeam = transport.on('supervisor:team', listener);
      const offConnect = transport.on('connect', subscribe);
      if (transport.connected) subscribe();
      return () => {
        offTeam();
        offConnect();
        if (transport.connected) transport.request('supervisor:unsubscribe', {}).catch(() => undefined);
      };
    },
    monitor(chatId, listeners) {
      // The server lists a chat's whispers only to a socket in its monitor room: ask after joining.
      const listWhispers = (): void => {
        transport.request('whisper:list', { chatId }).then(
          (result) => result.whispers.forEach(listeners.whisper),
          () => undefined,
        );
      };
      const offWhisper = transport.on('chat:whisper', (whisper) => {
        if (whisper.chatId === chatId) listeners.whisper(whisper);
      });
      const offMessage = transport.on('supervisor:message', (message) => {
        if (message.chatId === chatId) listeners.message(message);
      });
      const offChat = transport.on('supervisor:chat', (chat) => {
        if (chat.id === chatId) listeners.chat(chat);
      });
      // A reconnect loses the server's monitor room: join it again (the caller merges by seq).
      let offConnect = transport.on('connect', () => {
        transport.request('supervisor:monitor', { chatId }).then(
          (result) => {
            result.messages.forEach(listeners.message);
            listWhispers();
          },
          () => undefined,
        );
      });
      // The chat moved out of the supervisor's teams: no joining again after a reconnect.
      const offEnded = transport.on('supervisor:monitorEnded', (notice) => {
        if (notice.chatId !== chatId) return;
        offConnect();
        offConnect = () => undefined;
        listeners.ended?.();
      });
      const history = transport.request('supervisor:monitor', { chatId });
      history.then(listWhispers, () => undefined);
      return {
        history,
        stop() {
          offWhisper();
          offMessage();
          offChat();
          offEnded();
          offConnect();
          if (transport.connected)
            transport.request('supervisor:unmonitor', { chatId }).catch(() => undefined);
        },
      };
    },
    barge: (chatId) => transport.request('supervisor:barge', { chatId }),
    async send(chatId, text) {
      const clientId = uuid();
      return (await transport.request('supervisor:send', { chatId, clientId, text })).message;
    },
    async transfer(chatId, to) {
      return (await transport.request('supervisor:transfer', { chatId, to })).chat;
    },
    async queues() {
      return (await transport.request('agents:available', {})).queues;
    },
  };
}
