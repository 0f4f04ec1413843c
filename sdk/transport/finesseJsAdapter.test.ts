import { afterEach, describe, expect, it, vi } from 'vitest';
import { FinesseError, HybridChatError, TimeoutError } from '../core/errors.ts';
import {
  createFinesseJsAdapter,
  dialogFromFinesseJs,
  type FinesseGadgetConfig,
  type FinesseJsDialog,
  type FinesseJsDialogs,
  type FinesseJsGlobal,
  type FinesseJsReasonCode,
  type FinesseJsUser,
  type VoiceSnapshot,
} from './finesseJsAdapter.ts';

/* A hand-written finesse.js: the names and callback shapes of FINESSE.md, driven by the test. */

interface DialogData {
  id: string;
  state: string;
  callType?: string;
  mediaType?: string;
  participants?: unknown[];
  variables?: Record<string, string>;
}

class FakeDialog implements FinesseJsDialog {
  readonly handlers = new Set<(dialog: FinesseJsDialog) => void>();
  data: DialogData;
  constructor(data: DialogData) {
    this.data = data;
  }
  update(patch: Partial<DialogData>): void {
    this.data = { ...this.data, ...patch };
    for (const handler of [...this.handlers]) handler(this);
  }
  getId = () => this.data.id;
  getMediaType = () => this.data.mediaType ?? 'Voice';
  getFromAddress = () => '5551234';
  getToAddress = () => '3001';
  getState = () => this.data.state;
  getParticipants = () => this.data.participants ?? [];
  getMediaProperties = () => ({
    dialedNumber: '8000',
    ...(this.data.callType === undefined ? {} : { callType: this.data.callType }),
    ...this.data.variables,
  });
  addHandler(_event: 'change', handler: (dialog: FinesseJsDialog) => void) {
    this.handlers.add(handler);
  }
  removeHandler(_event: 'change', handler: (dialog: FinesseJsDialog) => void) {
    this.handlers.delete(handler);
  }
}

interface UserData {
  state: string;
  pendingState?: string;
  reasonCodeId?: number;
  reasonLabel?: string;
  stateChangeTime?: string;
}

type UserOptions = ConstructorParameters<FinesseJsGlobal['restservices']['User']>[0];
type DialogsHandlers = Parameters<FinesseJsUser['getDialogs']>[0];
type ReasonCodeHandlers = Parameters<FinesseJsUser['getNotReadyReasonCodes']>[0];
type StateHandlers = Parameters<FinesseJsUser['setState']>[2];

const REASON_CODES: FinesseJsReasonCode[] = [
  { id: '1', label: 'Break' },
  { id: '16', label: 'Handling Chat' },
];

function createFakeFinesse() {
  const fake = {
    user: null as FakeUser | null,
    options: null as UserOptions | null,
    dialogsHandlers: null as DialogsHandlers | null,
    reasonCodeRequests: [] as ReasonCodeHandlers[],
    setStateCalls: [] as { state: string; reason: FinesseJsReasonCode | null; handlers: StateHandlers }[],
    authConfigs: [] as FinesseGadgetConfig[],
    setStateThrows: null as Error | null,
    /** Answers reason code requests at once (true) or leaves them to the test (false). */
    autoReasonCodes: true,
  };

  class FakeUser implements FinesseJsUser {
    data: UserData = { state: 'LOGOUT' };
    constructor(options: UserOptions) {
      fake.user = this;
      fake.options = options;
    }
    getState = () => this.data.state;
    getPendingState = () => this.data.pendingState ?? '';
    getStateChangeTime = () => this.data.stateChangeTime ?? '';
    getNotReadyReasonCodeId = () => this.data.reasonCodeId ?? -1;
    getReasonCodeLabel = () => this.data.reasonLabel;
    getNotReadyReasonCodes(handlers: ReasonCodeHandlers) {
      fake.reasonCodeRequests.push(handlers);
      if (fake.autoReasonCodes) handlers.success(REASON_CODES);
    }
    setState(state: string, reason: FinesseJsReasonCode | null, handlers: StateHandlers) {
      if (fake.setStateThrows) throw fake.setStateThrows;
      fake.setStateCalls.push({ state, reason, handlers });
      return this;
    }
    getDialogs(handlers: DialogsHandlers): FinesseJsDialogs {
      fake.dialogsHandlers = handlers;
      return { getCollection: () => ({}) };
    }
  }

  const finesse: FinesseJsGlobal = {
    restservices: { User: FakeUser },
    utilities: {
      Utilities: {
        // As Cisco's: Bearer for SSO, Basic otherwise (FINESSE.md).
        getAuthHeaderString(config: TestConfig) {
          fake.authConfigs.push(config);
          return config.systemAuthMode === 'SSO'
            ? `Bearer ${String(config.authToken)}`
            : `Basic ${String(config.authorization)}`;
        },
      },
    },
  };

  return {
    fake,
    finesse,
    loadUser(data: UserData) {
      fake.user!.data = data;
      fake.options!.onLoad?.(fake.user!);
    },
    changeUser(data: UserData) {
      fake.user!.data = data;
      fake.options!.onChange?.(fake.user!);
    },
    loadDialogs(dialogs: FakeDialog[]) {
      fake.dialogsHandlers!.onLoad?.({
        getCollection: () => Object.fromEntries(dialogs.map((dialog) => [dialog.getId(), dialog])),
      });
    },
    addDialog(dialog: FakeDialog) {
      fake.dialogsHandlers!.onCollectionAdd?.(dialog);
    },
    deleteDialog(dialog: FakeDialog) {
      fake.dialogsHandlers!.onCollectionDelete?.(dialog);
    },
  };
}

/** finesse.gadget.Config as the fake's getAuthHeaderString reads it. */
interface TestConfig extends FinesseGadgetConfig {
  authorization?: string;
  authToken?: string;
  systemAuthMode?: string;
}

const CONFIG: TestConfig = {
  id: '1001',
  authorization: 'MTAwMTpzZWNyZXQ=',
  systemAuthMode: 'NON_SSO',
};

function setup(config: TestConfig = CONFIG, timeoutMs?: number) {
  const env = createFakeFinesse();
  const adapter = createFinesseJsAdapter({
    finesse: env.finesse,
    config,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  const voice: VoiceSnapshot[] = [];
  const errors: HybridChatError[] = [];
  adapter.on('voice', (snapshot) => voice.push(snapshot));
  adapter.on('error', (error) => errors.push(error));
  return { ...env, adapter, voice, errors };
}

const apiErrorResponse = (status: number, errorType: string, message: string, asList = false) => {
  const apiError = { ErrorType: errorType, ErrorMessage: message, ErrorData: 'state' };
  return { status, content: '', object: { ApiErrors: { ApiError: asList ? [apiError] : apiError } } };
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('finesse.js adapter: voice snapshot', () => {
  it('observes the configured user and reports UNKNOWN until finesse.js has loaded it', () => {
    const { adapter, fake, voice } = setup();

    expect(fake.options?.id).toBe('1001');
    expect(adapter.getSnapshot()).toMatchObject({
      loaded: false,
      state: 'UNKNOWN',
      callType: null,
      dialogs: [],
    });
    expect(voice).toEqual([]);
  });

  it('builds the snapshot from onLoad, with the reason of a NOT_READY state', () => {
    const { adapter, loadUser, voice } = setup();

    loadUser({
      state: 'NOT_READY',
      reasonCodeId: 16,
      reasonLabel: 'Handling Chat',
      stateChangeTime: '2026-11-22T10:00:00.000Z',
    });

    const expected: VoiceSnapshot = {
      loaded: true,
      state: 'NOT_READY',
      pendingState: null,
      reasonCodeId: '16',
      reasonLabel: 'Handling Chat',
      stateChangeTime: '2026-11-22T10:00:00.000Z',
      callType: null,
      dialogs: [],
    };
    expect(voice).toEqual([expected]);
    expect(adapter.getSnapshot()).toEqual(expected);
  });

  it('follows onChange, and emits nothing when nothing changed', () => {
    const { adapter, loadUser, changeUser, voice } = setup();
    loadUser({ state: 'READY' });

    changeUser({ state: 'READY' });
    changeUser({ state: 'TALKING', pendingState: 'NOT_READY' });

    expect(voice.map((v) => [v.state, v.pendingState])).toEqual([
      ['READY', null],
      ['TALKING', 'NOT_READY'],
    ]);
    expect(adapter.getSnapshot().state).toBe('TALKING');
  });

  it.each([
    [
      'a READY user with a stale reason',
      { state: 'READY', reasonCodeId: 16, reasonLabel: 'Handling Chat' },
      null,
      null,
    ],
    ['NOT_READY without a reason', { state: 'NOT_READY', reasonCodeId: -1 }, null, null],
    [
      'LOGOUT with a reason',
      { state: 'LOGOUT', reasonCodeId: 21, reasonLabel: 'End of Shift' },
      '21',
      'End of Shift',
    ],
  ])('reads the reason of %s', (_name, data: UserData, reasonCodeId, reasonLabel) => {
    const { adapter, loadUser } = setup();
    loadUser(data);
    expect(adapter.getSnapshot()).toMatchObject({ reasonCodeId, reasonLabel });
  });

  it('reports a state finesse.js does not list as UNKNOWN', () => {
    const { adapter, loadUser } = setup();
    loadUser({ state: 'DANCING' });
    expect(adapter.getSnapshot().state).toBe('UNKNOWN');
  });

  it('reports a throwing finesse.js getter as an error event instead of throwing into finesse.js', () => {
    const { fake, loadUser, errors } = setup();
    loadUser({ state: 'READY' });
    fake.user!.getState = () => {
      throw new Error('User not loaded');
    };

    expect(() => fake.options!.onChange!(fake.user!)).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HybridChatError);
  });

  it('emits an error and rejects requests when the user fails to load', async () => {
    const { adapter, fake, errors } = setup();

    fake.options!.onError!(apiErrorResponse(401, 'Unauthorized', 'Invalid credentials'));

    expect(errors[0]).toMatchObject({ status: 401, errorType: 'Unauthorized' });
    const error = await failure(adapter.setState('READY'));
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ status: 401, message: 'Invalid credentials' });
  });
});

describe('finesse.js adapter: dialogs and call type', () => {
  it('asks for the dialogs once the user has loaded', () => {
    const { fake, loadUser } = setup();
    expect(fake.dialogsHandlers).toBeNull();
    loadUser({ state: 'READY' });
    expect(fake.dialogsHandlers).not.toBeNull();
  });

  it('follows a routed call from load to change to delete', () => {
    const { adapter, loadUser, loadDialogs, deleteDialog, voice } = setup();
    loadUser({ state: 'RESERVED' });
    const call = new FakeDialog({ id: 'd1', state: 'ALERTING', callType: 'PREROUTE_ACD_IN' });

    loadDialogs([call]);
    expect(adapter.getSnapshot()).toMatchObject({
      callType: 'inbound',
      dialogs: [{ id: 'd1', state: 'ALERTING', rawCallType: 'PREROUTE_ACD_IN' }],
    });

    call.update({ state: 'ACTIVE' });
    expect(adapter.getSnapshot().dialogs[0]?.state).toBe('ACTIVE');

    call.update({ state: 'DROPPED' });
    expect(adapter.getSnapshot().callType).toBeNull();

    deleteDialog(call);
    expect(adapter.getSnapshot().dialogs).toEqual([]);
    expect(call.handlers.size).toBe(0);
    expect(voice.length).toBe(5);
  });

  it.each([
    ['TRANSFER', 'transfer'],
    ['CONFERENCE', 'conference'],
    ['CONSULT', 'consult'],
    ['AGENT_INSIDE', 'direct'],
    ['OTHER_IN', 'direct'],
    ['ACD_IN', 'inbound'],
    ['SUPERVISOR_MONITOR', 'inbound'],
  ])('gives callType %s → %s for an added dialog', (raw, kind) => {
    const { adapter, loadUser, loadDialogs, addDialog } = setup();
    loadUser({ state: 'READY' });
    loadDialogs([]);

    addDialog(new FakeDialog({ id: 'd2', state: 'ALERTING', callType: raw }));

    expect(adapter.getSnapshot().callType).toBe(kind);
  });

  it('counts a live call whose callType has not arrived yet as a routed call, until its change brings one', () => {
    const { adapter, loadUser, loadDialogs, addDialog } = setup();
    loadUser({ state: 'READY' });
    loadDialogs([]);
    const call = new FakeDialog({ id: 'd3', state: 'ALERTING' });

    addDialog(call);
    expect(adapter.getSnapshot().callType).toBe('inbound');

    call.update({ callType: 'CONSULT' });
    expect(adapter.getSnapshot().callType).toBe('consult');
  });

  it('ignores non-voice dialogs for the call type', () => {
    const { adapter, loadUser, loadDialogs } = setup();
    loadUser({ state: 'READY' });
    loadDialogs([new FakeDialog({ id: '151635_312_1', state: 'ACTIVE', mediaType: 'Chat' })]);
    expect(adapter.getSnapshot().callType).toBeNull();
  });

  it('adds a dialog once even when finesse.js reports it twice, and drops what a reload no longer holds', () => {
    const { adapter, loadUser, loadDialogs, addDialog } = setup();
    loadUser({ state: 'READY' });
    const old = new FakeDialog({ id: 'old', state: 'ACTIVE', callType: 'ACD_IN' });
    const fresh = new FakeDialog({ id: 'new', state: 'ACTIVE', callType: 'CONSULT' });

    addDialog(old);
    addDialog(old);
    expect(old.handlers.size).toBe(1);

    loadDialogs([fresh]);
    expect(adapter.getSnapshot().dialogs.map((d) => d.id)).toEqual(['new']);
    expect(old.handlers.size).toBe(0);
    expect(adapter.getSnapshot().callType).toBe('consult');
  });

  it('reports a failure to load the dialogs as an error event', () => {
    const { fake, loadUser, errors } = setup();
    loadUser({ state: 'READY' });

    fake.dialogsHandlers!.onError!(apiErrorResponse(500, 'Internal Server Error', 'boom'));

    expect(errors[0]).toMatchObject({ status: 500, errorType: 'Internal Server Error', message: 'boom' });
  });

  it('converts a finesse.js dialog: participants, actions, call variables', () => {
    const dialog = new FakeDialog({
      id: 'd9',
      state: 'ACTIVE',
      callType: 'ACD_IN',
      participants: [
        { mediaAddress: '3001', state: 'ACTIVE', actions: { action: ['HOLD', 'DROP'] } },
        { mediaAddress: '5551234', state: 'HELD', actions: { action: 'RETRIEVE' } },
        { mediaAddress: '9', actions: '' },
      ],
      variables: { callVariable1: 'Ada', 'user.cisco.acctnum': '42', BACampaign: 'Spring' },
    });

    expect(dialogFromFinesseJs(dialog)).toEqual({
      id: 'd9',
      mediaType: 'Voice',
      fromAddress: '5551234',
      toAddress: '3001',
      state: 'ACTIVE',
      callType: 'inbound',
      rawCallType: 'ACD_IN',
      participants: [
        { mediaAddress: '3001', state: 'ACTIVE', actions: ['HOLD', 'DROP'] },
        { mediaAddress: '5551234', state: 'HELD', actions: ['RETRIEVE'] },
        { mediaAddress: '9', state: 'UNKNOWN', actions: [] },
      ],
      callVariables: { callVariable1: 'Ada', 'user.cisco.acctnum': '42', BACampaign: 'Spring' },
    });
  });
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
