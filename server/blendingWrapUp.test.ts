/**
 * Media blending and wrap-up (docs/requirements.md): the agent works one medium at a time, and a
 * chat in wrap-up is still chat work. Voice stays NOT_READY "Handling Chat" until the last wrap-up is
 * submitted or times out, and only then is restored; the chat state reads ACTIVE meanwhile, so an
 * internal call does not interrupt (the internal-call table, "one or more active chats") while a routed one does.
 * The status (and the supervisor's team view) carries `wrapUps` so the desktop can say why.
 */
import { describe, expect, it } from 'vitest';
import type { AgentStatus, ChatOffer, VoiceActionNotice, VoiceReport, WrapUp } from '../sdk/core/protocol.ts';
import { askAgent, next, unwrap, useTestServer, type AgentSocket } from './testing/testServer.ts';
import { signedInAgent, signedInCustomer, startChat } from './testing/participants.ts';

const WRAP_UP_MS = 1000;
const getServer = useTestServer({
  offerTimeoutMs: 5000,
  wrapUpSeconds: WRAP_UP_MS / 1000,
  wrapUpReasons: ['Resolved'],
});

const voice = (
  state: VoiceReport['state'],
  callType: VoiceReport['callType'] = null,
  reasonLabel: string | null = null,
) => ({ state, reasonCodeId: null, reasonLabel, callType }) satisfies VoiceReport;
const HANDLING_CHAT = voice('NOT_READY', null, 'Handling Chat');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A READY agent who accepted one chat, with voice already moved to "Handling Chat" as the desktop
 * would after the server asked; `actions` collects every voice action the agent is sent.
 */
async function agentInChat() {
  const agent = (await signedInAgent(getServer().url, 0)).socket;
  const actions: VoiceActionNotice[] = [];
  agent.on('agent:voiceAction', (action) => actions.push(action));
  unwrap(await askAgent(agent, 'agent:voice', voice('READY')));
  unwrap(await askAgent(agent, 'agent:setState', { state: 'READY' }));

  const { socket } = await signedInCustomer(getServer().url, 'Dana');
  const offered = next<ChatOffer>(agent, 'offer:new');
  await startChat(socket);
  const { chatId } = await offered;
  unwrap(await askAgent(agent, 'offer:accept', { chatId }));
  await expect.poll(() => actions).toEqual([{ type: 'setNotReady', reasonLabel: 'Handling Chat' }]);
  unwrap(await askAgent(agent, 'agent:voice', HANDLING_CHAT));
  return { agent, chatId, actions };
}

/** Ends the chat and returns the agent's status once the wrap-up has started. */
async function endIntoWrapUp(agent: AgentSocket, chatId: string): Promise<AgentStatus> {
  const started = next<WrapUp>(agent, 'wrapup:update');
  const status = next<AgentStatus>(agent, 'agent:status');
  unwrap(await askAgent(agent, 'chat:end', { chatId }));
  expect(await started).toMatchObject({ chatId, state: 'running' });
  return status;
}

describe('media blending through wrap-up', () => {
  it('keeps voice in Handling Chat while the wrap-up runs and restores READY when it is submitted', async () => {
    const { agent, chatId, actions } = await agentInChat();
    const during = await endIntoWrapUp(agent, chatId);
    // Still busy with chat: ACTIVE, though no conversation is left to answer; the wrap-up says why.
    expect(during).toMatchObject({ state: 'ACTIVE', activeChats: 0, wrapUps: 1 });
    await pause(300);
    expect(actions).toHaveLength(1);
    // A fresh voice report mid wrap-up asks for nothing either.
    expect(unwrap(await askAgent(agent, 'agent:voice', HANDLING_CHAT)).status.state).toBe('ACTIVE');
    expect(actions).toHaveLength(1);

    const restore = next<VoiceActionNotice>(agent, 'agent:voiceAction');
    unwrap(await askAgent(agent, 'wrapup:submit', { chatId, reasons: ['Resolved'], notes: '' }));
    expect(await restore).toEqual({ type: 'restore', state: 'READY' });
    const after = unwrap(await askAgent(agent, 'agent:voice', voice('READY'))).status;
    expect(after).toMatchObject({ state: 'READY', activeChats: 0, wrapUps: 0 });
  });

  it('restores voice only when the wrap-up times out', async () => {
    const { agent, chatId, actions } = await agentInChat();
    const endedAt = Date.now();
    await endIntoWrapUp(agent, chatId);
    const restore = next<VoiceActionNotice>(agent, 'agent:voiceAction', WRAP_UP_MS + 3000);
    expect(await restore).toEqual({ type: 'restore', state: 'READY' });
    // Not before the timer ran out (a little slack for the clock's granularity).
    expect(Date.now() - endedAt).toBeGreaterThanOrEqual(WRAP_UP_MS - 50);
    expect(actions).toHaveLength(2);
    expect(unwrap(await askAgent(agent, 'agent:voice', voice('READY'))).status).toMatchObject({
      state: 'READY',
      wrapUps: 0,
    });
  });

  it("shows the agent's wrap-ups to their supervisor, and none once it is done", async () => {
    const { agent, chatId } = await agentInChat();
    const supervisor = (await signedInAgent(getServer().url, 2)).socket;
    const alice = async () =>
      unwrap(await askAgent(supervisor, 'supervisor:subscribe', {})).agents.find((a) => a.id === '1001');
    expect(await alice()).toMatchObject({ state: 'ACTIVE', activeChats: 1, wrapUps: 0 });
    await endIntoWrapUp(agent, chatId);
    expect(await alice()).toMatchObject({ state: 'ACTIVE', activeChats: 0, wrapUps: 1, chats: [] });
    unwrap(await askAgent(agent, 'wrapup:submit', { chatId, reasons: ['Resolved'], notes: '' }));
    expect(await alice()).toMatchObject({ activeChats: 0, wrapUps: 0 });
  });

  it('is not interrupted by an internal call during wrap-up, but is by a routed call', async () => {
    const { agent, chatId } = await agentInChat();
    await endIntoWrapUp(agent, chatId);
    const consult = unwrap(await askAgent(agent, 'agent:voice', voice('TALKING', 'consult'))).status;
    expect(consult.state).toBe('ACTIVE');
    const routed = unwrap(await askAgent(agent, 'agent:voice', voice('TALKING', 'inbound'))).status;
    expect(routed.state).toBe('INTERRUPTED');
    // The call ends in Handling Chat again; the wrap-up still holds the agent in chat work.
    expect(unwrap(await askAgent(agent, 'agent:voice', HANDLING_CHAT)).status.state).toBe('ACTIVE');
  });
});
