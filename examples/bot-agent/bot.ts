/**
 * A bot agent built on the SDK alone (`hybrid-chat/sdk`), as an integrator would write one: it
 * signs in as an agent with Finesse credentials, goes READY, accepts the offers of one queue
 * (declining the others), greets each customer with the contact center's canned greeting and
 * answers every message with an echo. Ended chats are dropped from its list.
 */
import {
  cannedFor,
  cannedText,
  createAgentClient,
  type AgentClient,
  type CannedMessage,
} from 'hybrid-chat/sdk';

export interface BotOptions {
  /** The chat server, e.g. `http://127.0.0.1:8444`. */
  serverUrl: string;
  /** The agent's Finesse login id and password. */
  agentId: string;
  password: string;
  /** The queue whose offers the bot takes. */
  queue: string;
  log?: (line: string) => void;
}

export interface Bot {
  agent: AgentClient;
  stop(): void;
}

/** Resolves once the agent's socket is connected (the chat client `online`). */
function online(agent: AgentClient): Promise<void> {
  return new Promise((resolve) => {
    if (agent.chats.getState().status === 'online') return resolve();
    const off = agent.chats.subscribe((state) => {
      if (state.status !== 'online') return;
      off();
      resolve();
    });
  });
}

/** The reply to a customer's message. */
export const echo = (text: string): string => `You said: ${text}`;

export async function startBotAgent({
  serverUrl,
  agentId,
  password,
  queue,
  log = console.log,
}: BotOptions): Promise<Bot> {
  const authorization = `Basic ${Buffer.from(`${agentId}:${password}`).toString('base64')}`;
  const agent = await createAgentClient({ serverUrl, agentId, authorization });
  const canned: CannedMessage[] = await agent.api.canned().catch(() => []);

  /** Offers already answered, and per chat the last customer message answered. */
  const answered = new Set<string>();
  const lastSeen = new Map<string, number>();

  const offOffers = agent.subscribe((state) => {
    for (const { offer, busy } of state.offers) {
      if (busy !== null || answered.has(offer.chatId)) continue;
      answered.add(offer.chatId);
      if (offer.queue === queue) void agent.acceptOffer(offer.chatId);
      else void agent.declineOffer(offer.chatId);
    }
  });

  const offAccepted = agent.on('accepted', ({ chat, messages }) => {
    lastSeen.set(
      chat.id,
      messages.reduce((max, m) => Math.max(max, m.seq), chat.lastSeq),
    );
    const values = { customerName: chat.customer.name, agentName: agent.agent.firstName };
    const greeting =
      cannedText(cannedFor(chat.queue, canned), 'greet', values) ?? `Hello ${chat.customer.name}!`;
    agent.chats.send(chat.id, greeting);
    log(`[bot] took the chat of ${chat.customer.name} (${chat.id})`);
  });

  const offMessages = agent.chats.subscribe((state) => {
    for (const [chatId, view] of Object.entries(state.chats)) {
      if (view.chat.status === 'ended') {
        lastSeen.delete(chatId);
        agent.closeChat(chatId);
        continue;
      }
      const seen = lastSeen.get(chatId);
      if (seen === undefined) continue;
      const replies: string[] = [];
      let last = seen;
      for (const message of view.messages) {
        if (message.seq === null || message.seq <= last) continue;
        last = message.seq;
        if (message.from.role === 'customer' && message.kind === 'text') replies.push(echo(message.text));
      }
      // Noted before sending: a send changes the state, and this listener hears it at once.
      lastSeen.set(chatId, last);
      for (const reply of replies) agent.chats.send(chatId, reply);
    }
  });

  // READY is asked over the agent's socket, which connects right after the sign-in.
  await online(agent);
  await agent.setAgentState('READY');
  if (agent.getState().status?.state !== 'READY')
    throw new Error(`[bot] could not go READY: ${agent.getState().notice?.key}`);
  log(`[bot] ready as ${agent.agent.name} for queue ${queue}`);

  return {
    agent,
    stop() {
      offOffers();
      offAccepted();
      offMessages();
      agent.close();
    },
  };
}
