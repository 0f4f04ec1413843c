/**
 * The agent's voice side, read through finesse.js inside the Finesse desktop (docs/requirements.md, "The gadget
 * in the Finesse desktop"): `new finesse.restservices.User({ id, onLoad, onChange, onError })`, then
 * `user.getDialogs({ onCollectionAdd, onCollectionDelete, onLoad })` and each dialog's
 * `addHandler('change')`. The snapshot it emits feeds `blend()` (voice state, reason, call type).
 *
 * finesse.js is typed in finesseJsTypes.ts and read into the SDK's shapes in finesseJsConvert.ts.
 */
import type { CallType } from '../core/blending.ts';
import { Emitter } from '../core/emitter.ts';
import { findReasonCode, type ReasonCodeChoice } from '../core/voiceReport.ts';
import { FinesseError, HybridChatError, TimeoutError } from '../core/errors.ts';
import { activeCallType, toVoiceState, type FinesseDialog, type VoiceState } from '../core/finesseTypes.ts';
import {
  dialogFromFinesseJs,
  finesseAuthHeader,
  finesseErrorFromResponse,
  list,
  record,
  text,
} from './finesseJsConvert.ts';
import type {
  FinesseGadgetConfig,
  FinesseJsDialog,
  FinesseJsGlobal,
  FinesseJsReasonCode,
  FinesseJsUser,
} from './finesseJsTypes.ts';

export interface VoiceSnapshot {
  /** False until finesse.js has loaded the user; the state is 'UNKNOWN' until then. */
  loaded: boolean;
  state: VoiceState;
  pendingState: VoiceState | null;
  /** Reason of a NOT_READY or LOGOUT state; null otherwise or without one. */
  reasonCodeId: string | null;
  reasonLabel: string | null;
  stateChangeTime: string | null;
  /** Kind of the call the agent is on (see `activeCallType`); null with no live voice dialog. */
  callType: CallType | null;
  dialogs: FinesseDialog[];
}

// A type alias, not an interface: Emitter's EventMap needs the implicit index signature.
export type FinesseJsAdapterEvents = {
  voice: VoiceSnapshot;
  /** Ongoing trouble (the user or its dialogs failed to load); requests reject instead. */
  error: HybridChatError;
};

export interface FinesseJsAdapterOptions {
  finesse: FinesseJsGlobal;
  config: FinesseGadgetConfig;
  /** How long a finesse.js request may take before it rejects with TimeoutError (default 15 s). */
  timeoutMs?: number;
}

export type { ReasonCodeChoice } from '../core/voiceReport.ts';

const INITIAL: VoiceSnapshot = {
  loaded: false,
  state: 'UNKNOWN',
  pendingState: null,
  reasonCodeId: null,
  reasonLabel: null,
  stateChangeTime: null,
  callType: null,
  dialogs: [],
};

export function createFinesseJsAdapter(options: FinesseJsAdapterOptions) {
  const { finesse, config } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const events = new Emitter<FinesseJsAdapterEvents>();
  const dialogs = new Map<string, { dialog: FinesseJsDialog; onChange: () => void }>();
  let snapshot = INITIAL;
  let snapshotKey = JSON.stringify(INITIAL);
  let stopped = false;
  let reasonCodes: Promise<ReasonCodeChoice[]> | null = null;

  let resolveUser!: (user: FinesseJsUser) => void;
  let rejectUser!: (error: FinesseError) => void;
  const userLoaded = new Promise<FinesseJsUser>((resolve, reject) => {
    resolveUser = resolve;
    rejectUser = reject;
  });
  userLoaded.catch(() => undefined); // reported through 'error'; callers awaiting it see the rejection too
  let loadedUser: FinesseJsUser | null = null;

  function report(error: unknown, what: string): void {
    if (stopped) return;
    const typed =
      error instanceof HybridChatError ? error : new HybridChatError('INTERNAL', `${what}: ${String(error)}`);
    events.emit('error', typed);
  }

  /** Reads the user and dialogs afresh; emits only when something changed. */
  function refresh(): void {
    if (stopped || !loadedUser) return;
    try {
      const user = loadedUser;
      const state = toVoiceState(user.getState());
      const pending = text(user.getPendingState());
      const withReason = state === 'NOT_READY' || state === 'LOGOUT';
      const reasonId = text(user.getNotReadyReasonCodeId());
      const reasonCodeId = withReason && reasonId && reasonId !== '-1' ? reasonId : null;
      const current = [...dialogs.values()].map(({ dialog }) => dialogFromFinesseJs(dialog));
      const next: VoiceSnapshot = {
        loaded: true,
        state,
        pendingState: pending ? toVoiceState(pending) : null,
        reasonCodeId,
        reasonLabel: reasonCodeId ? text(user.getReasonCodeLabel()) || null : null,
        stateChangeTime: text(user.getStateChangeTime()) || null,
        callType: activeCallType(current),
        dialogs: current,
      };
      const key = JSON.stringify(next);
      if (key === snapshotKey) return;
      snapshot = next;
      snapshotKey = key;
      events.emit('voice', snapshot);
    } catch (error) {
      report(error, 'reading the Finesse user');
    }
  }

  function track(dialog: FinesseJsDialog): void {
    const id = text(dialog.getId());
    if (!id || dialogs.has(id)) return;
    const onChange = () => refresh();
    dialog.addHandler('change', onChange);
    dialogs.set(id, { dialog, onChange });
  }

  function untrack(id: string): void {
    const entry = dialogs.get(id);
    if (!entry) return;
    entry.dialog.removeHandler('change', entry.onChange);
    dialogs.delete(id);
  }

  function watchDialogs(user: FinesseJsUser): void {
    user.getDialogs({
      onCollectionAdd: (dialog) => {
        track(dialog);
        refresh();
      },
      onCollectionDelete: (dialog) => {
        untrack(text(dialog.getId()));
        refresh();
      },
      onLoad: (collection) => {
        // The loaded collection is the whole truth: adopt it, and drop what it no longer holds.
        const loaded = collection.getCollection();
        for (const id of [...dialogs.keys()]) if (!(id in loaded)) untrack(id);
        for (const dialog of Object.values(loaded)) track(dialog);
        refresh();
      },
      onError: (response) => report(finesseErrorFromResponse(response, 'Loading the dialogs'), 'dialogs'),
    });
  }

  new finesse.restservices.User({
    id: config.id,
    onLoad: (user) => {
      if (stopped || loadedUser) return;
      loadedUser = user;
      resolveUser(user);
      refresh();
      watchDialogs(user);
    },
    onChange: () => refresh(),
    onError: (response) => {
      const error = finesseErrorFromResponse(response, 'Loading the Finesse user');
      if (!loadedUser) rejectUser(error);
      report(error, 'user');
    },
  });

  /** Runs one finesse.js request with success/error handlers, bounded by `timeoutMs`. */
  function call<T>(what: string, start: (done: (value: T) => void, fail: (r: unknown) => void) => void) {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new TimeoutError(`${what}: Finesse did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const settle = () => clearTimeout(timer);
      try {
        start(
          (value) => {
            settle();
            resolve(value);
          },
          (response) => {
            settle();
            reject(finesseErrorFromResponse(response, what));
          },
        );
      } catch (error) {
        // finesse.js throws synchronously on arguments it refuses (an unknown state, say).
        settle();
        reject(new FinesseError(`${what}: ${error instanceof Error ? error.message : String(error)}`, 0));
      }
    });
  }

  function getNotReadyReasonCodes(): Promise<ReasonCodeChoice[]> {
    reasonCodes ??= userLoaded
      .then((user) =>
        call<FinesseJsReasonCode[]>('Reading NOT_READY reason codes', (done, fail) =>
          user.getNotReadyReasonCodes({ success: done, error: fail }),
        ),
      )
      .then((codes) =>
        list(codes).map((code) => {
          const c = record(code);
          return { id: text(c['id']), label: text(c['label']) };
        }),
      );
    // A failure is not cached: the next call asks again.
    reasonCodes.catch(() => {
      reasonCodes = null;
    });
    return reasonCodes;
  }

  /**
   * READY, or NOT_READY with a reason given by its label (e.g. media blending's "Handling Chat",
   * case-insensitive) or its id. The new state arrives through `voice` (Finesse answers 202 first).
   */
  async function setState(state: 'READY' | 'NOT_READY', reasonLabelOrId?: string): Promise<void> {
    const user = await userLoaded;
    let reason: FinesseJsReasonCode | null = null;
    const wanted = reasonLabelOrId?.trim();
    if (state === 'NOT_READY' && wanted) {
      reason = findReasonCode(await getNotReadyReasonCodes(), wanted);
    }
    await call<undefined>(`Setting ${state}`, (done, fail) =>
      user.setState(state, reason, { success: () => done(undefined), error: fail }),
    );
  }

  return {
    on: events.on.bind(events) as Emitter<FinesseJsAdapterEvents>['on'],
    getSnapshot: (): VoiceSnapshot => snapshot,
    getNotReadyReasonCodes,
    setState,
    /** `Basic …` or, for SSO agents, `Bearer …` (`finesseAuthHeader`: finesse.js's own where it has one). */
    authHeader: (): string => finesseAuthHeader(finesse, config),
    /** Stops listening; finesse.js has no way to drop a User, so later callbacks are ignored. */
    stop(): void {
      stopped = true;
      for (const id of [...dialogs.keys()]) untrack(id);
      events.clear();
    },
  };
}

export type FinesseJsAdapter = ReturnType<typeof createFinesseJsAdapter>;
