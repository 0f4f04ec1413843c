/**
 * An in-memory stand-in for the storage the router uses (chats and agents), for router unit tests:
 * it records what the router wrote so a test can restart a router on the same "database".
 */
import type { AgentRecord, AgentRef, ChatStore, StoredChat, WaitingChat } from '../core/storage/storage.ts';

type RouterChats = Pick<ChatStore, 'waiting' | 'active' | 'setStatus' | 'accept' | 'requeue'>;

export function createFakeRoutingStore(now: () => number) {
  const chats = new Map<string, StoredChat & { queuedAt: number; waitingSince: number }>();
  const agents = new Map<string, AgentRecord>();
  let sequence = 0;

  function mustGet(id: string) {
    const chat = chats.get(id);
    if (!chat) throw new Error(`no chat ${id}`);
    return chat;
  }
  const plain = ({
    queuedAt: _q,
    waitingSince: _w,
    ...chat
  }: StoredChat & { queuedAt: number; waitingSince: number }): StoredChat => chat;

  const chatStore: RouterChats = {
    async waiting(): Promise<WaitingChat[]> {
      return [...chats.values()]
        .filter((chat) => chat.status === 'queued' || chat.status === 'offered')
        .sort((a, b) => a.queuedAt - b.queuedAt)
        .map((chat) => ({ chat: plain(chat), queuedAt: chat.queuedAt, waitingSince: chat.waitingSince }));
    },
    async active() {
      return [...chats.values()].filter((chat) => chat.status === 'active').map(plain);
    },
    async setStatus(chatId, status) {
      mustGet(chatId).status = status;
    },
    async accept(chatId, agent: AgentRef) {
      const chat = mustGet(chatId);
      Object.assign(chat, { status: 'active', agent, acceptedAt: now() });
      return plain(chat);
    },
    async requeue(chatId, input) {
      const chat = mustGet(chatId);
      Object.assign(chat, {
        status: 'queued',
        agent: null,
        acceptedAt: null,
        queue: input.queue,
        queuedAt: input.queuedAt,
        waitingSince: input.waitingSince,
      });
      return plain(chat);
    },
  };

  return {
    chats: chatStore,
    agents: {
      async all() {
        return [...agents.values()];
      },
      async save(agent: AgentRecord) {
        agents.set(agent.id, { ...agent });
      },
    },
    /** A customer's new chat in `queue`, as `ChatStore.start` would store it. */
    newChat(queue: string, name = `Customer ${sequence + 1}`): StoredChat {
      const id = `chat-${++sequence}`;
      const at = now();
      const chat = {
        id,
        status: 'queued' as const,
        queue,
        customer: { id: `c-${sequence}`, name },
        agent: null,
        preChat: {},
        createdAt: at,
        acceptedAt: null,
        endedAt: null,
        endedBy: null,
        lastSeq: 0,
        queuedAt: at,
        waitingSince: at,
      };
      chats.set(id, chat);
      return plain(chat);
    },
    /** Ends the chat as `ChatStore.end` would. */
    end(chatId: string, by: 'customer' | 'agent' = 'customer'): StoredChat {
      const chat = mustGet(chatId);
      Object.assign(chat, { status: 'ended', endedAt: now(), endedBy: by });
      return plain(chat);
    },
    chat: (id: string): StoredChat | undefined => {
      const chat = chats.get(id);
      return chat ? plain(chat) : undefined;
    },
    agent: (id: string) => agents.get(id),
  };
}

export type FakeRoutingStore = ReturnType<typeof createFakeRoutingStore>;
