import { describe, expect, it } from 'vitest';
import type { ChatSummary } from '../../../sdk/core/protocol.ts';
import { acceptedChat } from '../files/sharingTestKit.ts';
import {
  askAgent,
  connectSocket,
  unwrap,
  useTestServer,
  type AgentSocket,
  type CustomerSocket,
} from '../../testing/testServer.ts';

const CUSTOMER_GRACE_MS = 150;
const AGENT_GRACE_MS = 400;
const getServer = useTestServer(
  { offerTimeoutMs: 5000 },
  { presence: { customerGraceMs: CUSTOMER_GRACE_MS, agentGraceMs: AGENT_GRACE_MS } },
);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every change of presence a socket was told about for `chatId`, in order, from both sides present
 * (an update of the accept itself may still be on its way when this starts listening).
 */
function presences(socket: { on(event: string, fn: (chat: ChatSummary) => void): void }, chatId: string) {
  const seen: Array<ChatSummary['presence']> = [];
  let last = JSON.stringify({ customer: true, agent: true });
  socket.on('chat:update', (chat) => {
    if (chat.id !== chatId || JSON.stringify(chat.presence) === last) return;
    last = JSON.stringify(chat.presence);
    seen.push(chat.presence);
  });
  return seen;
}

describe('presence', () => {
  it('puts both sides in the summary of an open chat, the agent as null while nobody owns it', async () => {
    const server = getServer();
    const { a, chat } = await acceptedChat(server);
    expect(chat.presence).toEqual({ customer: true, agent: null }); // as chat:start answered
    const synced = unwrap(await askAgent(a.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 })).chat;
    expect(synced.presence).toEqual({ customer: true, agent: true });
  });

  it("tells the agent when the customer's connection is gone past the grace period, and when it is back", async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    const atAgent = presences(a.socket, chat.id);

    c.socket.disconnect();
    await pause(CUSTOMER_GRACE_MS / 2);
    expect(atAgent).toEqual([]); // a reload does not flicker
    await pause(CUSTOMER_GRACE_MS + 200);
    expect(atAgent).toEqual([{ customer: false, agent: true }]);

    const back = await connectSocket<CustomerSocket>(server.url, '/customer', c.token);
    await pause(200);
    expect(atAgent).toEqual([
      { customer: false, agent: true },
      { customer: true, agent: true },
    ]);
    back.disconnect();
  });

  it("tells the customer when the agent's desktop is gone past its grace, but not across a quick reload", async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    const atCustomer = presences(c.socket, chat.id);

    a.socket.disconnect(); // a reload of the desktop: back within the grace period
    await pause(50);
    const again = await connectSocket<AgentSocket>(server.url, '/agent', a.token);
    await pause(AGENT_GRACE_MS + 200);
    expect(atCustomer).toEqual([]);

    again.disconnect();
    await pause(AGENT_GRACE_MS + 200);
    expect(atCustomer).toEqual([{ customer: true, agent: false }]);
  });
});
