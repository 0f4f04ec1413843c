import { Emitter } from '../sdk/core/emitter.ts';
import type { Agent } from './agents.ts';
import { apiErrors } from './apiError.ts';
import type { Dialog } from './dialogs.ts';
import { NO_REASON_CODE, type ReasonCodeCatalog } from './reasonCodes.ts';

/** States the REST API reports (FINESSE.md: User.States plus UNKNOWN; LOGIN is only ever requested). */
export const REPORTED_STATES = [
  'LOGOUT',
  'NOT_READY',
  'READY',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
  'UNKNOWN',
] as const;
export type UserState = (typeof REPORTED_STATES)[number];

export function isUserState(value: string): value is UserState {
  return (REPORTED_STATES as readonly string[]).includes(value);
}

export interface UserSnapshot {
  readonly agent: Agent;
  readonly state: UserState;
  /** Empty unless a change is deferred (e.g. NOT_READY requested during a call). */
  readonly pendingState: UserState | '';
  readonly reasonCodeId: number;
  readonly stateChangeTime: Date;
  /** The extension signed in with; empty while LOGOUT (as Finesse reports it). */
  readonly extension: string;
  readonly dialogs: readonly Dialog[];
}

/** A state change as `PUT /finesse/api/User/{id}` carries it (FINESSE.md bodies). */
export interface StateChangeRequest {
  readonly state?: string;
  readonly extension?: string;
  readonly reasonCodeId?: string;
}

export interface UserChange {
  readonly user: UserSnapshot;
  readonly requestId: string;
  /** `rest`: through /finesse/api; `control`: forced through /sim/api, as if changed elsewhere. */
  readonly cause: 'rest' | 'control';
}

// A type alias (not an interface) so it satisfies the emitter's `Record<string, unknown>`.
export type UserStoreEvents = { change: UserChange };

export interface UserStore {
  get(id: string): UserSnapshot | undefined;
  /** Finesse accepts either the login id or the login name as the Basic auth user. */
  findByLogin(login: string): UserSnapshot | undefined;
  list(): UserSnapshot[];
  /** Applies an agent's own request with Finesse's rules; throws `ApiError` when refused. */
  requestState(id: string, request: StateChangeRequest, requestId?: string): void;
  /** Sets a state regardless of the rules (test control); still validates the values. */
  forceState(
    id: string,
    change: { state: UserState; reasonCodeId?: number; extension?: string },
  ): UserSnapshot;
  /** Every user back to LOGOUT, as at start. */
  reset(): void;
  on: Emitter<UserStoreEvents>['on'];
}

export interface UserStoreOptions {
  agents: readonly Agent[];
  reasonCodes: ReasonCodeCatalog;
  now?: () => Date;
}

export function createUserStore({
  agents,
  reasonCodes,
  now = () => new Date(),
}: UserStoreOptions): UserStore {
  const emitter = new Emitter<UserStoreEvents>();
  const users = new Map<string, UserSnapshot>();
  const initial = (agent: Agent): UserSnapshot => ({
    agent,
    state: 'LOGOUT',
    pendingState: '',
    reasonCodeId: NO_REASON_CODE,
    stateChangeTime: now(),
    extension: '',
    dialogs: [],
  });
  for (const agent of agents) users.set(agent.id, initial(agent));

  const mustGet = (id: string): UserSnapshot => {
    const user = users.get(id);
    if (!user) throw apiErrors.notFound(`User ${id} not found.`);
    return user;
  };

  const commit = (next: UserSnapshot, cause: UserChange['cause'], requestId = ''): void => {
    users.set(next.agent.id, next);
    emitter.emit('change', { user: next, requestId, cause });
  };

  const parseReason = (category: 'NOT_READY' | 'LOGOUT', raw: string | undefined): number => {
    if (raw === undefined || raw === '') return NO_REASON_CODE;
    const id = /^-?\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (id === NO_REASON_CODE) return id;
    if (!Number.isInteger(id) || !reasonCodes.find(category, id)) {
      throw apiErrors.invalidInput(`Invalid reasonCodeId for ${category}.`, raw);
    }
    return id;
  };

  return {
    get: (id) => users.get(id),
    findByLogin: (login) => users.get(login) ?? [...users.values()].find((u) => u.agent.loginName === login),
    list: () => [...users.values()],
    on: (event, listener) => emitter.on(event, listener),

    requestState(id, request, requestId = '') {
      const user = mustGet(id);
      const change = decideStateChange(user, request, parseReason);
      if (!change) return; // Same state and reason again: accepted, nothing to notify.
      commit({ ...user, ...change, pendingState: '', stateChangeTime: now() }, 'rest', requestId);
    },

    forceState(id, { state, reasonCodeId = NO_REASON_CODE, extension }) {
      const user = mustGet(id);
      const category = state === 'LOGOUT' ? 'LOGOUT' : 'NOT_READY';
      if (
        reasonCodeId !== NO_REASON_CODE &&
        (state === 'READY' || !reasonCodes.find(category, reasonCodeId))
      ) {
        throw apiErrors.invalidInput(`Invalid reasonCodeId for ${state}.`, String(reasonCodeId));
      }
      const ext = state === 'LOGOUT' ? '' : (extension ?? (user.extension || user.agent.extension));
      const next = {
        ...user,
        state,
        reasonCodeId,
        extension: ext,
        pendingState: '' as const,
        stateChangeTime: now(),
      };
      commit(next, 'control');
      return next;
    },

    reset() {
      for (const user of users.values()) {
        if (user.state !== 'LOGOUT' || user.dialogs.length > 0) commit(initial(user.agent), 'control');
      }
    },
  };
}

type StateFields = Pick<UserSnapshot, 'state' | 'reasonCodeId' | 'extension'>;

/**
 * Finesse's rules for an agent's own state change (FINESSE.md, User API errors): returns the new
 * fields, `null` when nothing changes, or throws the ApiError Finesse would answer.
 */
function decideStateChange(
  user: UserSnapshot,
  request: StateChangeRequest,
  parseReason: (category: 'NOT_READY' | 'LOGOUT', raw: string | undefined) => number,
): StateFields | null {
  const { state } = request;
  if (state === undefined || state === '') throw apiErrors.parameterMissing('The state is not provided.');
  const loggedIn = user.state !== 'LOGOUT';
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
      // After sign-in Finesse puts the agent in NOT_READY (FINESSE.md, desktop).
      return { state: 'NOT_READY', reasonCodeId: NO_REASON_CODE, extension };
    }
    case 'READY':
    case 'NOT_READY': {
      if (!loggedIn) throw apiErrors.invalidState(`Cannot change to ${state} while LOGOUT.`);
      if (user.dialogs.length > 0) throw apiErrors.invalidState(`Cannot change to ${state} during a call.`);
      const reasonCodeId =
        state === 'NOT_READY' ? parseReason('NOT_READY', request.reasonCodeId) : NO_REASON_CODE;
      if (user.state === state && user.reasonCodeId === reasonCodeId) return null;
      return { state, reasonCodeId, extension: user.extension };
    }
    case 'LOGOUT': {
      // "a user in LOGOUT state requests a state change to LOGOUT" is Finesse's own example.
      if (!loggedIn) throw apiErrors.invalidState('The user is already signed out.');
      if (user.dialogs.length > 0) throw apiErrors.invalidState('Cannot sign out during a call.');
      return { state: 'LOGOUT', reasonCodeId: parseReason('LOGOUT', request.reasonCodeId), extension: '' };
    }
    default:
      if (isUserState(state)) throw apiErrors.invalidState(`An agent cannot request ${state}.`);
      throw apiErrors.invalidInput('The state is not recognized.', state);
  }
}
