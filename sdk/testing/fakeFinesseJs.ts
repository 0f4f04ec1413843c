/**
 * A hand-written finesse.js for the adapter tests (`sdk/transport/finesseJsAdapter.*.test.ts`): the
 * names and callback shapes of Cisco's finesse.js, driven by the test, plus the adapter set up on top of it.
 */
import { createFinesseJsAdapter } from '../transport/finesseJsAdapter.ts';
import type { VoiceSnapshot } from '../transport/finesseJsAdapter.ts';
import type {
  FinesseGadgetConfig,
  FinesseJsDialog,
  FinesseJsDialogs,
  FinesseJsGlobal,
  FinesseJsReasonCode,
  FinesseJsUser,
} from '../transport/finesseJsTypes.ts';
import type { HybridChatError } from '../core/errors.ts';

/** The fake's objects exist only once finesse.js has been asked for them; a test that skips that step is wrong. */
function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`fake finesse.js: no ${what} yet`);
  return value;
}

interface DialogData {
  id: string;
  state: string;
  callType?: string;
  mediaType?: string;
  participants?: unknown[];
  variables?: Record<string, string>;
}

export class FakeDialog implements FinesseJsDialog {
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

export interface UserData {
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

export const REASON_CODES: FinesseJsReasonCode[] = [
  { id: '1', label: 'Break' },
  { id: '16', label: 'Handling Chat' },
];

export function createFakeFinesse() {
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
        // As Cisco's: Bearer for SSO, Basic otherwise.
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
      must(fake.user, 'User').data = data;
      must(fake.options, 'User options').onLoad?.(must(fake.user, 'User'));
    },
    changeUser(data: UserData) {
      must(fake.user, 'User').data = data;
      must(fake.options, 'User options').onChange?.(must(fake.user, 'User'));
    },
    loadDialogs(dialogs: FakeDialog[]) {
      must(fake.dialogsHandlers, 'getDialogs call').onLoad?.({
        getCollection: () => Object.fromEntries(dialogs.map((dialog) => [dialog.getId(), dialog])),
      });
    },
    addDialog(dialog: FakeDialog) {
      must(fake.dialogsHandlers, 'getDialogs call').onCollectionAdd?.(dialog);
    },
    deleteDialog(dialog: FakeDialog) {
      must(fake.dialogsHandlers, 'getDialogs call').onCollectionDelete?.(dialog);
    },
  };
}

/** finesse.gadget.Config as the fake's getAuthHeaderString reads it. */
export interface TestConfig extends FinesseGadgetConfig {
  authorization?: string;
  authToken?: string;
  systemAuthMode?: string;
}

export const CONFIG: TestConfig = {
  id: '1001',
  authorization: 'MTAwMTpzZWNyZXQ=',
  systemAuthMode: 'NON_SSO',
};

export function setup(config: TestConfig = CONFIG, timeoutMs?: number) {
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

export const apiErrorResponse = (status: number, errorType: string, message: string, asList = false) => {
  const apiError = { ErrorType: errorType, ErrorMessage: message, ErrorData: 'state' };
  return { status, content: '', object: { ApiErrors: { ApiError: asList ? [apiError] : apiError } } };
};

export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}
