/**
 * Finesse objects as the SDK sees them, shared by the REST client (XML), the XMPP notifications and the
 * finesse.js adapter. No parser here: the in-desktop adapter imports this without pulling in an XML
 * library. Shapes: Cisco Finesse Web Services Developer Guide (REST API, JavaScript library).
 */
import type { CallType } from './blending.ts';

export const VOICE_STATES = [
  'LOGIN',
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
export type VoiceState = (typeof VOICE_STATES)[number];

/** finesse.js `Dialog.States`, plus 'UNKNOWN' for anything else Finesse may add. */
export const DIALOG_STATES = [
  'ALERTING',
  'INITIATING',
  'INITIATED',
  'ACTIVE',
  'DROPPED',
  'FAILED',
  'ACCEPTED',
  'UNKNOWN',
] as const;
export type DialogState = (typeof DIALOG_STATES)[number];

export interface FinesseParticipant {
  mediaAddress: string;
  /** Participant states are wider than dialog states (HELD, WRAP_UP, …): kept as Finesse sends them. */
  state: string;
  actions: string[];
}

export interface FinesseDialog {
  id: string;
  mediaType: string;
  fromAddress: string;
  toAddress: string;
  state: DialogState;
  /** Blending's kind of call; null when Finesse reported no callType (see `callTypeOf`). */
  callType: CallType | null;
  /** `mediaProperties.callType` exactly as Finesse sent it ('' when absent). */
  rawCallType: string;
  participants: FinesseParticipant[];
  /** `mediaProperties.callvariables`: name → value (callVariable1..10, ECC `user.*`). */
  callVariables: Record<string, string>;
}

export type ReasonCodeCategory = 'NOT_READY' | 'LOGOUT';

export interface FinesseReasonCode {
  id: string;
  code: string;
  /** At most 40 characters (Cisco Finesse Web Services Developer Guide, ReasonCode). */
  label: string;
  category: ReasonCodeCategory | 'UNKNOWN';
  forAll: boolean;
  uri: string;
}

export interface FinesseNodeInfo {
  host: string;
  httpsPort: number | null;
  xmppPort: number | null;
}

export interface FinesseSystemInfo {
  status: 'IN_SERVICE' | 'OUT_OF_SERVICE' | 'UNKNOWN';
  statusReason: string;
  deploymentType: string;
  xmppDomain: string;
  xmppPubSubDomain: string;
  /** The publisher; null when SystemInfo does not name one. */
  primaryNode: FinesseNodeInfo | null;
  /** The subscriber; null on a single-node deployment. */
  secondaryNode: FinesseNodeInfo | null;
  systemAuthMode: 'NON_SSO' | 'SSO' | 'HYBRID' | 'UNKNOWN';
  currentTimestamp: string | null;
}

export function toVoiceState(value: unknown): VoiceState {
  return typeof value === 'string' && (VOICE_STATES as readonly string[]).includes(value)
    ? (value as VoiceState)
    : 'UNKNOWN';
}

export function toDialogState(value: unknown): DialogState {
  return typeof value === 'string' && (DIALOG_STATES as readonly string[]).includes(value)
    ? (value as DialogState)
    : 'UNKNOWN';
}

/**
 * Finesse `mediaProperties.callType` → blending's five kinds.
 *
 * Sources: Cisco Finesse Web Services Developer Guide, "Dialog API Parameters" (callType: ACD_IN,
 * PREROUTE_ACD_IN, PREROUTE_DIRECT_AGENT, TRANSFER, OTHER_IN, OUT, OVERFLOW_IN, AUTO_OUT, AGENT_OUT,
 * AGENT_INSIDE, ASSIST_CALL, BARGE_IN_CONSULT, CONSULT, CONFERENCE, EMERGENCY, SUPERVISOR_*, OUTBOUND*…);
 * the CTI Server guide / Unified CCX "CallType Fields" for their meaning (AGENT_INSIDE: an agent's own
 * non-consult call, OUT once it leaves the switch; OTHER_IN: a non-ACD call from outside or an
 * unmonitored device); docs/requirements.md for which calls are "internal" (transfer, conference,
 * consult, direct call to extension).
 *
 * Decisions: routed/queued and dialer calls are 'inbound' (contact-center work that always interrupts
 * chat). Calls an agent places or receives outside the ACD (OTHER_IN, AGENT_INSIDE, OUT, AGENT_OUT,
 * NON_ACD) are 'direct'. Any other non-empty value (supervisor monitor/barge, assist, emergency, values
 * a later Finesse adds) is 'inbound': a call we cannot classify must interrupt chat, as blending also
 * treats an unknown call. Only an absent/empty callType gives null, so callers can tell "not yet
 * reported" (callvariables often arrive in a later dialog update) from a known kind.
 */
const CALL_TYPE_MAP: Readonly<Record<string, CallType>> = {
  ACD_IN: 'inbound',
  PREROUTE_ACD_IN: 'inbound',
  PREROUTE_DIRECT_AGENT: 'inbound',
  OVERFLOW_IN: 'inbound',
  AUTO_OUT: 'inbound',
  TRANSFER: 'transfer',
  TRANSFERRED_IN: 'transfer',
  CONFERENCE: 'conference',
  CONSULT_CONFERENCE: 'conference',
  CONSULT: 'consult',
  CONSULT_OFFERED: 'consult',
  OTHER_IN: 'direct',
  AGENT_INSIDE: 'direct',
  OUT: 'direct',
  AGENT_OUT: 'direct',
  NON_ACD: 'direct',
};

export function callTypeOf(rawCallType: string): CallType | null {
  const raw = rawCallType.trim().toUpperCase();
  if (!raw) return null;
  return CALL_TYPE_MAP[raw] ?? 'inbound';
}

/** Dialogs that no longer hold the agent (finesse.js Dialog.States). */
const ENDED_DIALOG_STATES: ReadonlySet<DialogState> = new Set<DialogState>(['DROPPED', 'FAILED']);

/**
 * The kind of call the agent is on, for `blend()`: null with no live voice dialog. With several live
 * dialogs (a held customer call plus a consult), a routed call wins, since the agent is still on customer
 * work. A live dialog without a callType yet counts as 'inbound' (blending: an unknown call interrupts).
 */
export function activeCallType(
  dialogs: readonly Pick<FinesseDialog, 'state' | 'mediaType' | 'callType'>[],
): CallType | null {
  const live = dialogs.filter(
    (dialog) =>
      !ENDED_DIALOG_STATES.has(dialog.state) && (!dialog.mediaType || /^voice$/i.test(dialog.mediaType)),
  );
  if (live.length === 0) return null;
  const kinds = live.map((dialog) => dialog.callType ?? 'inbound');
  return kinds.includes('inbound') ? 'inbound' : (kinds[0] ?? null);
}
