import { describe, expect, it, vi } from 'vitest';
import type { AgentStatus } from '../../sdk/index.ts';
import { createGadgetStore } from './gadgetStore.ts';
import { DEFAULT_SETTINGS, loadSettings, settingsKey, type SettingsStorage } from './settings.ts';
import { fakeClient, fakeTransport, offer, ready, summary } from './storeFakes.ts';

const missed: AgentStatus = { ...ready, state: 'NOT_READY', requested: 'NOT_READY', reason: 'offer-missed' };

function memoryStorage(): SettingsStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('gadgetStore: a missed offer', () => {
  it('names the customer whose offer timed out and offers a way back to Ready', async () => {
    const { transport, emit } = fakeTransport({ 'agent:setState': () => ({ status: ready }) });
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('agent:status', ready);
    emit('offer:new', offer);
    // The server withdraws the offer first, then says why the state changed.
    emit('offer:revoked', { chatId: 'chat-1', reason: 'timeout' });
    emit('agent:status', missed);
    expect(store.getState().notice).toEqual({
      tone: 'info',
      key: 'offerMissedFrom',
      values: { name: 'Ada' },
      action: 'goReady',
    });

    await store.getState().setAgentState('READY');
    expect(store.getState().notice).toBeNull();
  });

  it('says it once: later status updates do not bring a dismissed notice back', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('agent:status', ready);
    emit('agent:status', missed);
    expect(store.getState().notice?.key).toBe('offerMissed');
    store.getState().showNotice(null);
    emit('agent:status', { ...missed, voice: null });
    expect(store.getState().notice).toBeNull();
  });

  it('goes away when the agent is made ready elsewhere (another copy of the gadget)', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('agent:status', missed);
    expect(store.getState().notice?.action).toBe('goReady');
    emit('agent:status', ready);
    expect(store.getState().notice).toBeNull();
  });
});

describe('gadgetStore: auto-accept', () => {
  it('accepts an offer the moment it arrives and says so', async () => {
    const storage = memoryStorage();
    storage.setItem(settingsKey('a-1'), JSON.stringify({ autoAccept: true }));
    const { transport, request, emit } = fakeTransport({
      'offer:accept': () => ({ chat: summary, messages: [] }),
    });
    const { store } = createGadgetStore({ transport, client: fakeClient(), agentId: 'a-1', storage });
    emit('offer:new', offer);
    await expect.poll(() => store.getState().selectedChatId).toBe('chat-1');
    expect(request).toHaveBeenCalledExactlyOnceWith('offer:accept', { chatId: 'chat-1' });
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().notice).toEqual({
      tone: 'info',
      key: 'autoAccepted',
      values: { name: 'Ada' },
    });
  });

  it('leaves offers to the agent when it is off (the default)', () => {
    const { transport, request, emit } = fakeTransport();
    const { store } = createGadgetStore({
      transport,
      client: fakeClient(),
      agentId: 'a-1',
      storage: memoryStorage(),
    });
    emit('offer:new', offer);
    expect(request).not.toHaveBeenCalled();
    expect(store.getState().offers).toHaveLength(1);
  });

  it('sends one accept however often it is asked while the first is on its way', async () => {
    const { transport, request, emit } = fakeTransport({
      'offer:accept': () => ({ chat: summary, messages: [] }),
    });
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('offer:new', offer);
    const answers = await Promise.all([
      store.getState().acceptOffer('chat-1'),
      store.getState().acceptOffer('chat-1'),
    ]);
    expect(answers).toEqual([true, false]);
    expect(request).toHaveBeenCalledTimes(1);
  });
});

describe('gadget settings', () => {
  it('are saved per agent and read back by the next store', () => {
    const storage = memoryStorage();
    const { transport } = fakeTransport();
    const first = createGadgetStore({ transport, client: fakeClient(), agentId: 'a-1', storage });
    first.store.getState().updateSettings({ autoAccept: true, sound: false });
    const again = createGadgetStore({ transport, client: fakeClient(), agentId: 'a-1', storage });
    expect(again.store.getState().settings).toEqual({ sound: false, desktopAlerts: false, autoAccept: true });
    const colleague = createGadgetStore({ transport, client: fakeClient(), agentId: 'a-2', storage });
    expect(colleague.store.getState().settings).toEqual(DEFAULT_SETTINGS);
  });

  it('fall back to the defaults for broken or tampered entries and blocked storage', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = memoryStorage();
    storage.setItem(settingsKey('a-1'), '{not json');
    expect(loadSettings(storage, 'a-1')).toEqual(DEFAULT_SETTINGS);
    storage.setItem(settingsKey('a-1'), JSON.stringify({ autoAccept: 'yes', sound: false }));
    expect(loadSettings(storage, 'a-1')).toEqual({ ...DEFAULT_SETTINGS, sound: false });
    const blocked: SettingsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(loadSettings(blocked, 'a-1')).toEqual(DEFAULT_SETTINGS);
    const { transport } = fakeTransport();
    const { store } = createGadgetStore({
      transport,
      client: fakeClient(),
      agentId: 'a-1',
      storage: blocked,
    });
    store.getState().updateSettings({ sound: false });
    expect(store.getState().settings.sound).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
