/** finesse.js adapter tests: setState with reason codes, errors and timeouts, auth headers and stop. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FinesseError, HybridChatError, TimeoutError } from '../core/errors.ts';
import {
  apiErrorResponse,
  CONFIG,
  createFakeFinesse,
  failure,
  FakeDialog,
  REASON_CODES,
  setup,
} from '../testing/fakeFinesseJs.ts';
import { createFinesseJsAdapter } from './finesseJsAdapter.ts';
import { finesseAuthHeader } from './finesseJsConvert.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('finesse.js adapter: setState and reason codes', () => {
  it('finds "Handling Chat" by label and passes its reason code object to user.setState', async () => {
    const { adapter, fake, loadUser } = setup();
    loadUser({ state: 'READY' });

    const done = adapter.setState('NOT_READY', 'handling chat');
    await vi.waitFor(() => expect(fake.setStateCalls).toHaveLength(1));
    fake.setStateCalls[0]!.handlers.success();

    await expect(done).resolves.toBeUndefined();
    expect(fake.setStateCalls[0]).toMatchObject({
      state: 'NOT_READY',
      reason: { id: '16', label: 'Handling Chat' },
    });
  });

  it('finds a reason code by id too', async () => {
    const { adapter, fake, loadUser } = setup();
    loadUser({ state: 'READY' });

    const done = adapter.setState('NOT_READY', '1');
    await vi.waitFor(() => expect(fake.setStateCalls).toHaveLength(1));
    fake.setStateCalls[0]!.handlers.success();

    await done;
    expect(fake.setStateCalls[0]?.reason).toEqual({ id: '1', label: 'Break' });
  });

  it('goes READY with a null reason code, and waits for the user to load first', async () => {
    const { adapter, fake, loadUser } = setup();

    const done = adapter.setState('READY', 'Handling Chat');
    await Promise.resolve();
    expect(fake.setStateCalls).toEqual([]);

    loadUser({ state: 'NOT_READY' });
    await vi.waitFor(() => expect(fake.setStateCalls).toHaveLength(1));
    fake.setStateCalls[0]!.handlers.success();

    await done;
    expect(fake.setStateCalls[0]).toMatchObject({ state: 'READY', reason: null });
    expect(fake.reasonCodeRequests).toEqual([]);
  });

  it('rejects with NOT_FOUND for a reason Finesse does not have, without calling setState', async () => {
    const { adapter, fake, loadUser } = setup();
    loadUser({ state: 'READY' });

    const error = await failure(adapter.setState('NOT_READY', 'Coffee'));

    expect(error).toBeInstanceOf(HybridChatError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(fake.setStateCalls).toEqual([]);
  });

  it.each([
    ['one ApiError', false],
    ['a list of ApiErrors', true],
  ])('maps error.object.ApiErrors.ApiError (%s) to FinesseError', async (_name, asList) => {
    const { adapter, fake, loadUser } = setup();
    loadUser({ state: 'TALKING' });

    const done = failure(adapter.setState('READY'));
    await vi.waitFor(() => expect(fake.setStateCalls).toHaveLength(1));
    fake.setStateCalls[0]!.handlers.error(
      apiErrorResponse(400, 'Invalid State', 'Cannot go READY while TALKING', asList),
    );

    const error = await done;
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({
      code: 'FINESSE',
      status: 400,
      errorType: 'Invalid State',
      message: 'Cannot go READY while TALKING',
    });
  });

  it('maps an error response without ApiErrors (network failure) to FinesseError with its status', async () => {
    const { adapter, fake, loadUser } = setup();
    loadUser({ state: 'READY' });

    const done = failure(adapter.setState('NOT_READY'));
    await vi.waitFor(() => expect(fake.setStateCalls).toHaveLength(1));
    fake.setStateCalls[0]!.handlers.error({ status: 0, content: 'TypeError: Failed to fetch', object: null });

    expect(await done).toMatchObject({
      status: 0,
      errorType: undefined,
      message: 'Setting NOT_READY failed',
    });
  });

  it('turns a synchronous throw of user.setState into a FinesseError', async () => {
    const { adapter, fake, loadUser } = setup();
    loadUser({ state: 'READY' });
    fake.setStateThrows = new Error('Invalid state: NOT_READY');

    const error = await failure(adapter.setState('NOT_READY'));
    expect(error).toBeInstanceOf(FinesseError);
    expect((error as Error).message).toContain('Invalid state');
  });

  it('rejects with TimeoutError when finesse.js never calls back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { adapter, loadUser } = setup(CONFIG, 2000);
    loadUser({ state: 'READY' });

    const done = failure(adapter.setState('READY'));
    await vi.advanceTimersByTimeAsync(2000);

    expect(await done).toBeInstanceOf(TimeoutError);
  });

  it('caches the NOT_READY reason codes', async () => {
    const { adapter, fake, loadUser } = setup();
    loadUser({ state: 'READY' });

    await expect(adapter.getNotReadyReasonCodes()).resolves.toEqual([
      { id: '1', label: 'Break' },
      { id: '16', label: 'Handling Chat' },
    ]);
    await adapter.getNotReadyReasonCodes();
    const done = adapter.setState('NOT_READY', 'Break');
    await vi.waitFor(() => expect(fake.setStateCalls).toHaveLength(1));
    fake.setStateCalls[0]!.handlers.success();
    await done;

    expect(fake.reasonCodeRequests).toHaveLength(1);
  });

  it('asks for reason codes again after a failure', async () => {
    const { adapter, fake, loadUser } = setup();
    fake.autoReasonCodes = false;
    loadUser({ state: 'READY' });

    const first = failure(adapter.getNotReadyReasonCodes());
    await vi.waitFor(() => expect(fake.reasonCodeRequests).toHaveLength(1));
    fake.reasonCodeRequests[0]!.error(apiErrorResponse(500, 'Internal Server Error', 'db down'));
    expect(await first).toMatchObject({ status: 500 });

    const second = adapter.getNotReadyReasonCodes();
    await vi.waitFor(() => expect(fake.reasonCodeRequests).toHaveLength(2));
    fake.reasonCodeRequests[1]!.success(REASON_CODES);
    await expect(second).resolves.toHaveLength(2);
  });
});

describe('finesse.js adapter: auth and stop', () => {
  it.each([
    ['a non-SSO agent', CONFIG, 'Basic MTAwMTpzZWNyZXQ='],
    ['an SSO agent', { id: '1001', authToken: 'eyJ.token', systemAuthMode: 'SSO' }, 'Bearer eyJ.token'],
  ])('gives the Authorization header of %s through getAuthHeaderString(config)', (_name, config, header) => {
    const { adapter, fake } = setup(config);
    expect(adapter.authHeader()).toBe(header);
    expect(fake.authConfigs).toEqual([config]);
  });

  it.each([
    ['a non-SSO agent', CONFIG, 'Basic MTAwMTpzZWNyZXQ='],
    ['an SSO config', { id: '1001', authToken: 'eyJ.token', systemAuthMode: 'SSO' }, 'Bearer eyJ.token'],
  ])(
    'builds the header of %s from the config on Finesse 10.x, whose finesse.js has no getAuthHeaderString',
    (_name, config, header) => {
      const { finesse } = createFakeFinesse();
      for (const without of [{}, { Utilities: {} }]) {
        const adapter = createFinesseJsAdapter({
          finesse: { restservices: finesse.restservices, utilities: without },
          config,
        });
        expect(adapter.authHeader()).toBe(header);
        adapter.stop();
      }
      expect(finesseAuthHeader(undefined, config)).toBe(header);
    },
  );

  it('stops: no more events, dialog handlers removed', () => {
    const { adapter, loadUser, loadDialogs, changeUser, voice } = setup();
    loadUser({ state: 'READY' });
    const call = new FakeDialog({ id: 'd1', state: 'ALERTING', callType: 'ACD_IN' });
    loadDialogs([call]);
    const before = voice.length;

    adapter.stop();
    changeUser({ state: 'TALKING' });
    call.update({ state: 'ACTIVE' });

    expect(voice).toHaveLength(before);
    expect(call.handlers.size).toBe(0);
  });

  it('returns an unsubscribe from on()', () => {
    const { adapter, loadUser } = setup();
    const seen: string[] = [];
    const off = adapter.on('voice', (v) => seen.push(v.state));
    off();
    loadUser({ state: 'READY' });
    expect(seen).toEqual([]);
  });
});
