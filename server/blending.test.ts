import { describe, expect, it } from 'vitest';
import type { AgentStatus, ChatOffer, VoiceActionNotice, VoiceReport } from '../sdk/core/protocol.ts';
import {
  TEST_AGENTS,
  agentSession,
  askAgent,
  askCustomer,
  connectSocket,
  customerSession,
  next,
  unwrap,
  useTestServer,
  type AgentSocket,
  type CustomerSocket,
} from './testing/testServer.ts';

const getServer = useTestServer({ offerTimeoutMs: 5000 });

const voice = (
  state: VoiceReport['state'],
  callType: VoiceReport['callType'] = null,
  reasonLabel: string | null = null,
) => ({ state, reasonCodeId: null, reasonLabel, callType }) satisfies VoiceReport;

async function readyAgent(): Promise<AgentSocket> {
  const session = await agentSession(getServer().url, TEST_AGENTS[0]!);
  const socket = await connectSocket<AgentSocket>(getServer().url, '/agent', session.token);
  unwrap(await askAgent(socket, 'agent:voice', voice('READY')));
  unwrap(await askAgent(socket, 'agent:setState', { state: 'READY' }));
  return socket;
}

async function queueChat(name = 'Dana'): Promise<{ socket: CustomerSocket; chatId: string }> {
  const session = await customerSession(getServer().url, name);
  const socket = await connectSocket<CustomerSocket>(getServer().url, '/customer', session.token);
  const { chat } = unwrap(await askCustomer(socket, 'chat:start', { clientId: crypto.randomUUID() }));
  return { socket, chatId: chat.id };
}

/** Collects what the agent is told, so a test can wait for a state. */
function watch(socket: AgentSocket) {
  const statuses: AgentStatus[] = [];
  const actions: VoiceActionNotice[] = [];
  const offers: ChatOffer[] = [];
  socket.on('agent:status', (status) => statuses.push(status));
  socket.on('agent:voiceAction', (action) => actions.push(action));
  socket.on('offer:new', (offer) => offers.push(offer));
  return { statuses, actions, offers };
}

describe('media blending on the server', () => {
  it('interrupts chat during a voice call, offers nothing, and restores it when the call ends', async () => {
    const agent = await readyAgent();
    const seen = watch(agent);
    const during = unwrap(await askAgent(agent, 'agent:voice', voice('TALKING', 'inbound'))).status;
    expect(during.state).toBe('INTERRUPTED');

    await queueChat();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen.offers).toHaveLength(0);

    const offered = next<ChatOffer>(agent, 'offer:new');
    const after = unwrap(await askAgent(agent, 'agent:voice', voice('READY'))).status;
    expect(after.state).toBe('READY');
    expect((await offered).queue).toBe('default');
  });

  it('puts voice NOT_READY "Handling Chat" on the first chat and restores READY when the last ends', async () => {
    const agent = await readyAgent();
    const seen = watch(agent);
    const offered = next<ChatOffer>(agent, 'offer:new');
    const { chatId } = await queueChat();
    await offered;
    const action = next<VoiceActionNotice>(agent, 'agent:voiceAction');
    unwrap(await askAgent(agent, 'offer:accept', { chatId }));
    expect(await action).toEqual({ type: 'setNotReady', reasonLabel: 'Handling Chat' });

    // The desktop applied it: Finesse now reports NOT_READY with our reason; no new action.
    const status = unwrap(
      await askAgent(agent, 'agent:voice', voice('NOT_READY', null, 'Handling Chat')),
    ).status;
    expect(status.state).toBe('ACTIVE');
    expect(seen.actions).toHaveLength(1);

    const restore = next<VoiceActionNotice>(agent, 'agent:voiceAction');
    unwrap(await askAgent(agent, 'chat:end', { chatId }));
    expect(await restore).toEqual({ type: 'restore', state: 'READY' });
  });

  it('is BUSY at five chats and takes no sixth', async () => {
    const agent = await readyAgent();
    const seen = watch(agent);
    for (let i = 0; i < 6; i++) await queueChat(`Customer ${i}`);
    for (let accepted = 0; accepted < 5; accepted++) {
      await expect.poll(() => seen.offers.length).toBe(accepted + 1);
      unwrap(await askAgent(agent, 'offer:accept', { chatId: seen.offers[accepted]!.chatId }));
    }
    await expect.poll(() => seen.statuses.at(-1)?.state).toBe('BUSY');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen.offers).toHaveLength(5);
  });

  it('does not interrupt an agent with an active chat for an internal call, but does without one', async () => {
    const agent = await readyAgent();
    const idle = unwrap(await askAgent(agent, 'agent:voice', voice('TALKING', 'transfer'))).status;
    expect(idle.state).toBe('INTERRUPTED');
    unwrap(await askAgent(agent, 'agent:voice', voice('READY')));

    const offered = next<ChatOffer>(agent, 'offer:new');
    const { chatId } = await queueChat();
    await offered;
    unwrap(await askAgent(agent, 'offer:accept', { chatId }));
    const busy = unwrap(await askAgent(agent, 'agent:voice', voice('TALKING', 'consult'))).status;
    expect(busy.state).toBe('ACTIVE');
  });

  it('refuses a malformed voice report', async () => {
    const agent = await readyAgent();
    const bad = await askAgent(agent, 'agent:voice', { ...voice('READY'), state: 'DANCING' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
