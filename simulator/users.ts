import { Emitter } from '../sdk/core/emitter.ts';
import type { Agent } from './agents.ts';
import { apiErrors } from './apiError.ts';
import { NO_REASON_CODE, type ReasonCodeCatalog } from './reasonCodes.ts';
import { decideStateChange, type UserState } from './stateRules.ts';

// Kept in stateRules.ts, which decides with them (so that it needs nothing else of this module).
export { isUserState, REPORTED_STATES, type UserState } from './stateRules.ts';

export interface UserSnapshot {
  readonly agent: Agent;
  readonly state: UserState;
  /** Empty unless a change is deferred: NOT_READY requested during a call. */
  readonly pendingState: UserState | '';
  /** The reason code of a pending NOT_READY (-1 when none); applied with it. */
  readonly pendingReasonCodeId: number;
  readonly reasonCodeId: number;
  /** When `state` (or its reason code) last changed. */
  readonly stateChangeTime: Date;
  /** The extension signed in with; empty while LOGOUT (as Finesse reports it). */
  readonly extension: string;
}

/** A state change as `PUT /finesse/api/User/{id}` carries it. */
export interface StateChangeRequest {
  readonly state?: string;
  readonly extension?: string;
  readonly reasonCodeId?: string;
}

/** A change the system makes (calls: RESERVED, TALKING, HOLD, wrap-up, the pending state applied). */
export interface SystemTransition {
  readonly state?: UserState;
  readonly reasonCodeId?: number;
  readonly pendingState?: UserState | '';
  readonly pendingReasonCodeId?: number;
}

export interface UserChange {
  readonly user: UserSnapshot;
  /** What the user was before this change. */
  readonly previous: UserSnapshot;
  readonly requestId: string;
  /** `rest`: through /finesse/api; `control`: forced through /sim/api; `system`: a call did it. */
  readonly cause: 'rest' | 'control' | 'system';
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
  /** A change made by the system (the call engine); no rules, no-op when nothing differs. */
  transition(id: string, change: SystemTransition, requestId?: string): UserSnapshot;
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
    pendingReasonCodeId: NO_REASON_CODE,
    reasonCodeId: NO_REASON_CODE,
    stateChangeTime: now(),
    extension: '',
  });
  for (const agent of agents) users.set(agent.id, initial(agent));

  const mustGet = (id: string): UserSnapshot => {
    const user = users.get(id);
    if (!user) throw apiErrors.notFound(`User ${id} not found.`);
    return user;
  };

  /** Stores `fields` over `user`, moving stateChangeTime when the state or its reason changes. */
  const commit = (
    user: UserSnapshot,
    fields: Partial<UserSnapshot>,
    cause: UserChange['cause'],
    requestId = '',
  ): UserSnapshot => {
    const merged = { ...user, ...fields };
    const stateChanged = merged.state !== user.state || merged.reasonCodeId !== user.reasonCodeId;
    const next = { ...merged, stateChangeTime: stateChanged ? now() : user.stateChangeTime };
    users.set(next.agent.id, next);
    emitter.emit('change', { user: next, previous: user, requestId, cause });
    return next;
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
      // A real state change supersedes anything pending.
      const pending = change.state ? { pendingState: '' as const, pendingReasonCodeId: NO_REASON_CODE } : {};
      commit(user, { ...pending, ...change }, 'rest', requestId);
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
      return commit(
        user,
        { state, reasonCodeId, extension: ext, pendingState: '', pendingReasonCodeId: NO_REASON_CODE },
        'control',
      );
    },

    transition(id, change, requestId = '') {
      const user = mustGet(id);
      const differs = (Object.keys(change) as (keyof SystemTransition)[]).some(
        (key) => change[key] !== undefined && change[key] !== user[key],
      );
      return differs ? commit(user, change, 'system', requestId) : user;
    },

    reset() {
      for (const user of users.values()) {
        if (user.state !== 'LOGOUT' || user.pendingState !== '') commit(user, initial(user.agent), 'control');
      }
    },
  };
}
