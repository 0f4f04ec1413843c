import { apiErrors } from './apiError.ts';
import { NO_REASON_CODE } from './reasonCodes.ts';
import { VOICE_STATES, type VoiceState } from '../sdk/core/finesseXml.ts';
import type { StateChangeRequest, UserSnapshot } from './users.ts';

/** States the REST API reports: every voice state but LOGIN, which is only ever requested. */
export type UserState = Exclude<VoiceState, 'LOGIN'>;
export const REPORTED_STATES: readonly UserState[] = VOICE_STATES.filter(
  (state): state is UserState => state !== 'LOGIN',
);

export function isUserState(value: string): value is UserState {
  return (REPORTED_STATES as readonly string[]).includes(value);
}

/** On a call: the agent is reserved for it, talking or holding it (the phone is busy). */
export const ON_CALL_STATES: ReadonlySet<UserState> = new Set<UserState>(['RESERVED', 'TALKING', 'HOLD']);

/** In wrap-up after an ACD call (Cisco: WORK after a NOT_READY request, else WORK_READY). */
export const WRAP_UP_STATES: ReadonlySet<UserState> = new Set<UserState>(['WORK', 'WORK_READY']);

/** What a request changes; `pendingState` and `pendingReasonCodeId` are cleared unless given. */
export type StateDecision = Partial<
  Pick<UserSnapshot, 'state' | 'reasonCodeId' | 'extension' | 'pendingState' | 'pendingReasonCodeId'>
>;

type ParseReason = (category: 'NOT_READY' | 'LOGOUT', raw: string | undefined) => number;

/**
 * Finesse's rules for an agent's own state change (Cisco "User—Change Agent State" and "User API
 * Errors"): returns what changes, `null` when nothing does, or throws the ApiError Finesse would
 * answer. During a call (RESERVED, TALKING, HOLD) READY and LOGOUT are refused and NOT_READY becomes
 * the `pendingState`, applied when the call ends. UCCE would also take a pending READY; we refuse it
 * as Unified CCX does (same guide, "CF_INVALID_AGENT_WORKMODE"), so a gadget handles the stricter one.
 */
export function decideStateChange(
  user: UserSnapshot,
  request: StateChangeRequest,
  parseReason: ParseReason,
): StateDecision | null {
  const { state } = request;
  if (state === undefined || state === '') throw apiErrors.parameterMissing('The state is not provided.');
  const loggedIn = user.state !== 'LOGOUT';
  const onCall = ON_CALL_STATES.has(user.state);
  switch (state) {
    case 'LOGIN': {
      const extension = request.extension ?? '';
      if (extension === '') throw apiErrors.parameterMissing('The extension is not provided.');
      if (extension !== user.agent.extension) {
        throw apiErrors.badRequest('The extension provided is invalid.', extension);
      }
      if (loggedIn) {
        // Signing in again on the same device (desktop reload) is accepted without a change.
        if (extension === user.extension) return null;
        throw apiErrors.invalidState('The user is already signed in with another extension.');
      }
      // After sign-in Finesse puts the agent in NOT_READY.
      return { state: 'NOT_READY', reasonCodeId: NO_REASON_CODE, extension };
    }
    case 'READY': {
      if (!loggedIn) throw apiErrors.invalidState('Cannot change to READY while LOGOUT.');
      if (onCall) throw apiErrors.invalidState(`Cannot change to READY while ${user.state}.`, user.state);
      if (user.state === 'READY') return null;
      return { state: 'READY', reasonCodeId: NO_REASON_CODE };
    }
    case 'NOT_READY': {
      if (!loggedIn) throw apiErrors.invalidState('Cannot change to NOT_READY while LOGOUT.');
      const reasonCodeId = parseReason('NOT_READY', request.reasonCodeId);
      if (onCall) {
        if (user.pendingState === 'NOT_READY' && user.pendingReasonCodeId === reasonCodeId) return null;
        return { pendingState: 'NOT_READY', pendingReasonCodeId: reasonCodeId };
      }
      if (user.state === 'NOT_READY' && user.reasonCodeId === reasonCodeId) return null;
      return { state: 'NOT_READY', reasonCodeId };
    }
    case 'LOGOUT': {
      // "a user in LOGOUT state requests a state change to LOGOUT" is Finesse's own example.
      if (!loggedIn) throw apiErrors.invalidState('The user is already signed out.');
      if (onCall || WRAP_UP_STATES.has(user.state)) {
        throw apiErrors.invalidState(`Cannot sign out while ${user.state}.`, user.state);
      }
      return { state: 'LOGOUT', reasonCodeId: parseReason('LOGOUT', request.reasonCodeId), extension: '' };
    }
    default:
      if (isUserState(state)) throw apiErrors.invalidState(`An agent cannot request ${state}.`);
      throw apiErrors.invalidInput('The state is not recognized.', state);
  }
}
