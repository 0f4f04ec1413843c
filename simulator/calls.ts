import { Emitter } from '../sdk/core/emitter.ts';
import type { Agent } from './agents.ts';
import { apiErrors } from './apiError.ts';
import { calledParty, outboundDialog, participant, ringingDialog } from './callParties.ts';
import { isAcdCall, type CallKind } from './callTypes.ts';
import type { Dialog, ParticipantState } from './dialogs.ts';
import { NO_REASON_CODE } from './reasonCodes.ts';
import { WRAP_UP_STATES } from './stateRules.ts';
import type { UserSnapshot, UserState, UserStore } from './users.ts';

/** The participant actions the simulator carries out (the REST API's `requestedAction`). */
export type CallAction = 'ANSWER' | 'HOLD' | 'RETRIEVE' | 'DROP';

export interface DialogEvent {
  readonly userId: string;
  readonly event: 'POST' | 'PUT' | 'DELETE';
  readonly dialog: Dialog;
  readonly requestId: string;
}

export type CallEngineEvents = { dialog: DialogEvent };

export interface PlaceCallOptions {
  readonly kind: CallKind;
  readonly from?: string | undefined;
  readonly callVariables?: Readonly<Record<string, string>> | undefined;
}

export interface MakeCallOptions {
  /** The extension the agent is signed in with (Finesse refuses any other). */
  readonly from: string;
  readonly to: string;
  readonly callVariables?: Readonly<Record<string, string>> | undefined;
}

/**
 * The reason code Unified CCE gives an agent who goes off-hook in READY to place a call (Cisco
 * "Dialog—Create a New Dialog (Make a Call)": NOT_READY with 50006, so no ACD call is routed meanwhile).
 */
export const OFF_HOOK_REASON_CODE = 50006;

export interface CallEngine {
  /** Rings the agent; throws `ApiError` 400 Invalid State when Finesse would not offer the call. */
  place(userId: string, options: PlaceCallOptions): Dialog;
  /** The agent places a call (MAKE_CALL): the dialog rings the far end; throws `ApiError` when refused. */
  makeCall(userId: string, options: MakeCallOptions, requestId?: string): Dialog;
  /** The far end answers an outbound call: both legs ACTIVE, the agent TALKING. */
  connect(dialogId: string): Dialog;
  /** Acts on the agent's leg of the call; throws `ApiError` when the action is not allowed now. */
  act(dialogId: string, action: CallAction, requestId?: string): Dialog;
  /** The wrap-up timer expired (or the agent finished): WORK → NOT_READY, WORK_READY → READY. */
  completeWrapUp(userId: string): void;
  get(dialogId: string): { userId: string; dialog: Dialog } | undefined;
  dialogsOf(userId: string): Dialog[];
  reset(): void;
  on: Emitter<CallEngineEvents>['on'];
}

interface CallRecord {
  readonly userId: string;
  readonly kind: CallKind | 'outbound';
  dialog: Dialog;
  /** Where the agent goes when the call (or its wrap-up) is over, unless a NOT_READY is pending. */
  returnTo: { state: UserState; reasonCodeId: number };
}

export interface CallEngineOptions {
  readonly users: UserStore;
  readonly agents: readonly Agent[];
  readonly deploymentType: 'UCCE' | 'UCCX';
  readonly now: () => Date;
  /** First dialog id; Finesse's voice dialog ids are CTI call ids, 8 digits or so. */
  readonly firstDialogId?: number;
}

const ACTIONS: Record<CallAction, { from: readonly ParticipantState[]; to: ParticipantState }> = {
  ANSWER: { from: ['ALERTING'], to: 'ACTIVE' },
  HOLD: { from: ['ACTIVE'], to: 'HELD' },
  RETRIEVE: { from: ['HELD'], to: 'ACTIVE' },
  // INITIATING/INITIATED: the agent hangs up a call they are placing.
  DROP: { from: ['INITIATING', 'INITIATED', 'ALERTING', 'ACTIVE', 'HELD'], to: 'DROPPED' },
};

/**
 * Simulated calls for the agents of one cluster. Each state change follows Cisco's "User—Change
 * Agent State" transition table for UCCE: READY → RESERVED on an ACD call, TALKING on answer, HOLD
 * and back; when the call drops the agent returns to the state before it (or the pending NOT_READY),
 * or with wrap-up required enters WORK (NOT_READY was pending) or WORK_READY. Internal calls ring
 * whatever the agent's state, as the phone does. Each dialog change is a `dialog` event.
 */
export function createCallEngine(options: CallEngineOptions): CallEngine {
  const { users, now } = options;
  const emitter = new Emitter<CallEngineEvents>();
  const calls = new Map<string, CallRecord>();
  let nextId = options.firstDialogId ?? 16804377;

  const publish = (record: CallRecord, event: DialogEvent['event'], requestId = '') =>
    emitter.emit('dialog', { userId: record.userId, event, dialog: record.dialog, requestId });

  const mustUser = (id: string): UserSnapshot => {
    const user = users.get(id);
    if (!user) throw apiErrors.notFound(`User ${id} not found.`);
    return user;
  };

  const recordsOf = (userId: string) => [...calls.values()].filter((r) => r.userId === userId);

  /** Sets the agent's own leg (the participant at the agent's extension) and the dialog state. */
  const setLeg = (record: CallRecord, state: ParticipantState, dialogState: Dialog['state']) => {
    const at = now();
    const extension = users.get(record.userId)?.extension;
    const others: ParticipantState = dialogState === 'DROPPED' ? 'DROPPED' : 'ACTIVE';
    record.dialog = {
      ...record.dialog,
      state: dialogState,
      participants: record.dialog.participants.map((p) =>
        p.mediaAddress === extension && p.mediaAddressType === 'AGENT_DEVICE'
          ? participant(p.mediaAddress, p.mediaAddressType, state, at)
          : p.state === others
            ? p
            : { ...participant(p.mediaAddress, p.mediaAddressType, others, at), startTime: p.startTime },
      ),
    };
  };

  const legOf = (record: CallRecord): ParticipantState | undefined => {
    const extension = users.get(record.userId)?.extension;
    return record.dialog.participants.find((p) => p.mediaAddress === extension)?.state;
  };

  const remove = (record: CallRecord, requestId = '') => {
    calls.delete(record.dialog.id);
    publish(record, 'DELETE', requestId);
  };

  /** The state after the call: the pending NOT_READY if any, else where the agent came from. */
  const afterCall = (user: UserSnapshot, record: CallRecord) =>
    user.pendingState === 'NOT_READY'
      ? { state: 'NOT_READY' as const, reasonCodeId: user.pendingReasonCodeId }
      : record.returnTo;

  const drop = (record: CallRecord, requestId: string) => {
    const user = mustUser(record.userId);
    const connected = legOf(record) === 'ACTIVE' || legOf(record) === 'HELD';
    const wrapUp =
      connected &&
      isAcdCall(record.kind) &&
      ['REQUIRED', 'REQUIRED_WITH_WRAP_UP_DATA'].includes(user.agent.wrapUpOnIncoming);
    setLeg(record, wrapUp ? 'WRAP_UP' : 'DROPPED', 'DROPPED');
    publish(record, 'PUT', requestId);
    const next = afterCall(user, record);
    const cleared = { pendingState: '' as const, pendingReasonCodeId: NO_REASON_CODE };
    if (wrapUp) {
      // Cisco: WORK if the agent chose NOT_READY during the call, else WORK_READY; the dialog stays
      // (its leg in WRAP_UP) until wrap-up ends.
      record.returnTo = next;
      users.transition(record.userId, {
        state: next.state === 'NOT_READY' ? 'WORK' : 'WORK_READY',
        reasonCodeId: NO_REASON_CODE,
        ...cleared,
      });
      return;
    }
    remove(record, requestId);
    // An internal call that only rang never moved the agent's state.
    if (connected || isAcdCall(record.kind)) users.transition(record.userId, { ...next, ...cleared });
  };

  // A wrap-up ends when the agent picks READY/NOT_READY; a sign-out ends every call.
  users.on('change', ({ user }) => {
    for (const record of recordsOf(user.agent.id)) {
      const inWrapUp = legOf(record) === 'WRAP_UP';
      if (user.state === 'LOGOUT' || (inWrapUp && !WRAP_UP_STATES.has(user.state))) remove(record);
    }
  });

  return {
    place(userId, { kind, from, callVariables }) {
      const user = mustUser(userId);
      if (user.state === 'LOGOUT') throw apiErrors.invalidState(`User ${userId} is not signed in.`);
      if (recordsOf(userId).length > 0) throw apiErrors.invalidState(`User ${userId} is already on a call.`);
      if (from === user.extension)
        throw apiErrors.invalidInput('The caller and the agent are the same.', from);
      if (isAcdCall(kind) && user.state !== 'READY') {
        throw apiErrors.invalidState(
          `An ACD call is only routed to a READY agent; ${userId} is ${user.state}.`,
        );
      }
      const dialog = ringingDialog({
        id: String(nextId++),
        kind,
        extension: user.extension,
        from,
        callVariables,
        deploymentType: options.deploymentType,
        agents: options.agents,
        at: now(),
      });
      const record: CallRecord = {
        userId,
        kind,
        dialog,
        returnTo: { state: user.state, reasonCodeId: user.reasonCodeId },
      };
      calls.set(dialog.id, record);
      publish(record, 'POST');
      if (isAcdCall(kind)) users.transition(userId, { state: 'RESERVED', reasonCodeId: NO_REASON_CODE });
      return record.dialog;
    },

    makeCall(userId, { from, to, callVariables }, requestId = '') {
      const user = mustUser(userId);
      if (user.state === 'LOGOUT') throw apiErrors.invalidState(`User ${userId} is not signed in.`);
      if (from !== user.extension) {
        throw apiErrors.invalidInput('The fromAddress is not the extension you are signed in with.', from);
      }
      if (to === from) throw apiErrors.invalidDestination('The toAddress and fromAddress are the same.', to);
      if (recordsOf(userId).length > 0) throw apiErrors.invalidState(`User ${userId} is already on a call.`);
      if (user.state === 'READY' && options.deploymentType === 'UCCX') {
        throw apiErrors.invalidState('Calls are placed from NOT_READY on Unified CCX.', user.state);
      }
      if (!['READY', 'NOT_READY'].includes(user.state)) {
        throw apiErrors.invalidState(`Cannot place a call while ${user.state}.`, user.state);
      }
      if (user.state === 'READY') {
        users.transition(userId, { state: 'NOT_READY', reasonCodeId: OFF_HOOK_REASON_CODE }, requestId);
      }
      const after = mustUser(userId);
      const at = now();
      const dialog = outboundDialog({
        id: String(nextId++),
        extension: user.extension,
        to,
        callVariables,
        agents: options.agents,
        at,
      });
      const record: CallRecord = {
        userId,
        kind: 'outbound',
        dialog,
        returnTo: { state: after.state, reasonCodeId: after.reasonCodeId },
      };
      calls.set(dialog.id, record);
      publish(record, 'POST', requestId);
      // The phone dials (INITIATED), then the far end rings: the dialog is ALERTING, the agent's leg INITIATED.
      setLeg(record, 'INITIATED', 'INITIATED');
      publish(record, 'PUT', requestId);
      record.dialog = {
        ...record.dialog,
        state: 'ALERTING',
        participants: [...record.dialog.participants, calledParty(record.dialog, options.agents, now())],
      };
      publish(record, 'PUT', requestId);
      return record.dialog;
    },

    connect(dialogId) {
      const record = calls.get(dialogId);
      if (!record) throw apiErrors.notFound(`Dialog ${dialogId} not found.`);
      if (record.kind !== 'outbound' || record.dialog.state !== 'ALERTING') {
        throw apiErrors.invalidState('Only a ringing outbound call can be answered by the far end.');
      }
      setLeg(record, 'ACTIVE', 'ACTIVE');
      publish(record, 'PUT');
      users.transition(record.userId, { state: 'TALKING', reasonCodeId: NO_REASON_CODE });
      return record.dialog;
    },

    act(dialogId, action, requestId = '') {
      const record = calls.get(dialogId);
      if (!record) throw apiErrors.notFound(`Dialog ${dialogId} not found.`);
      const leg = legOf(record);
      const rule = ACTIONS[action];
      if (!leg || !rule.from.includes(leg)) {
        throw apiErrors.invalidState(
          `Cannot ${action} a call whose participant is ${leg ?? 'gone'}.`,
          action,
        );
      }
      if (action === 'DROP') {
        drop(record, requestId);
        return record.dialog;
      }
      const user = mustUser(record.userId);
      // An internal call returns the agent to the state they were in when they answered it.
      if (action === 'ANSWER' && !isAcdCall(record.kind)) {
        record.returnTo = { state: user.state, reasonCodeId: user.reasonCodeId };
      }
      setLeg(record, rule.to, 'ACTIVE');
      publish(record, 'PUT', requestId);
      users.transition(record.userId, {
        state: rule.to === 'HELD' ? 'HOLD' : 'TALKING',
        reasonCodeId: NO_REASON_CODE,
      });
      return record.dialog;
    },

    completeWrapUp(userId) {
      const user = mustUser(userId);
      const record = recordsOf(userId).find((r) => legOf(r) === 'WRAP_UP');
      if (!record || !WRAP_UP_STATES.has(user.state)) {
        throw apiErrors.invalidState(`User ${userId} is not in wrap-up (${user.state}).`);
      }
      calls.delete(record.dialog.id);
      publish(record, 'DELETE');
      users.transition(userId, record.returnTo);
    },

    get(dialogId) {
      const record = calls.get(dialogId);
      return record && { userId: record.userId, dialog: record.dialog };
    },
    dialogsOf: (userId) => recordsOf(userId).map((record) => record.dialog),
    reset() {
      for (const record of [...calls.values()]) remove(record);
    },
    on: (event, listener) => emitter.on(event, listener),
  };
}
