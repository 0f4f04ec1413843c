/**
 * Finesse publisher/subscriber failover (docs/requirements.md, "Finesse failover") as a pure reducer.
 * The Communication Server polls SystemInfo on both nodes; each answer (IN_SERVICE or not) is an event,
 * and the reducer says which node to use and when to halt or resume login and media blending.
 *
 * The table's rows:
 *   publisher inaccessible   → switch to the subscriber, keep polling the publisher until it answers
 *   publisher restores       → switch back to the publisher
 *   both nodes down          → halt login and media blending until any node is up again
 * Hysteresis: one failed probe of the active node switches, one good probe switches back. Each probe
 * already waited its own timeout, and Finesse answers OUT_OF_SERVICE until it is fully started, so an
 * IN_SERVICE answer is its own debounce; waiting longer would leave agents on a dead node. Polling
 * bounds flapping to one switch per interval.
 */

/** `primary` is the publisher, `secondary` the subscriber (SystemInfo primaryNode / secondaryNode). */
export type FinesseNode = 'primary' | 'secondary';

export interface FailoverState {
  /** The node to use, or null while both are down (halted). */
  active: FinesseNode | null;
  primaryUp: boolean;
  secondaryUp: boolean;
  /** When `active` last changed (ms, the events' clock). */
  since: number;
}

export type FailoverEvent =
  /** One node's SystemInfo answer; `up` means it answered IN_SERVICE in time. */
  | { type: 'probe'; node: FinesseNode; up: boolean; at: number }
  /** A whole poll of both nodes, applied at once so that a double outage halts without a detour. */
  | { type: 'poll'; primaryUp: boolean; secondaryUp: boolean; at: number };

export type FailoverEffect =
  | { type: 'switchTo'; node: FinesseNode; from: FinesseNode | null }
  | { type: 'halt' }
  | { type: 'resume'; node: FinesseNode };

export interface FailoverStep {
  state: FailoverState;
  effects: FailoverEffect[];
}

/**
 * Decision: start on the publisher, both nodes assumed up. The monitor probes at once, so a wrong guess
 * lasts one probe; starting "halted" would announce a halt and a resume at every start.
 */
export function initialFailoverState(at: number): FailoverState {
  return { active: 'primary', primaryUp: true, secondaryUp: true, since: at };
}

/** The publisher whenever it is up (the table: back to it once it answers), else the subscriber. */
function preferred(primaryUp: boolean, secondaryUp: boolean): FinesseNode | null {
  if (primaryUp) return 'primary';
  return secondaryUp ? 'secondary' : null;
}

export function reduceFailover(state: FailoverState, event: FailoverEvent): FailoverStep {
  const primaryUp =
    event.type === 'poll' ? event.primaryUp : event.node === 'primary' ? event.up : state.primaryUp;
  const secondaryUp =
    event.type === 'poll' ? event.secondaryUp : event.node === 'secondary' ? event.up : state.secondaryUp;
  const active = preferred(primaryUp, secondaryUp);
  if (active === state.active) return { state: { ...state, primaryUp, secondaryUp }, effects: [] };

  const next: FailoverState = { active, primaryUp, secondaryUp, since: event.at };
  if (active === null) return { state: next, effects: [{ type: 'halt' }] };
  const switchTo: FailoverEffect = { type: 'switchTo', node: active, from: state.active };
  // After a halt, operations resume as soon as any node is up again: on whichever came back.
  if (state.active === null) return { state: next, effects: [switchTo, { type: 'resume', node: active }] };
  return { state: next, effects: [switchTo] };
}
