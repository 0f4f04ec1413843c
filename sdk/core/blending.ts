/**
 * Media blending (docs/requirements.md): an agent works on one kind of task at a time, either up
 * to `maxChats` concurrent chats or a contact-center voice call. A pure function of one snapshot:
 * the chat server calls `blend()` on every voice-state, dialog or chat-count change (in both sync
 * modes: in "gadget" mode the gadget only reports voice and applies the `voiceAction` it is sent),
 * and stores `voiceBeforeChat` for the next call.
 *
 * Why a snapshot plus memory instead of a prev/next diff: notifications get coalesced or lost (XMPP
 * reconnect, a 0 → 2 chat jump, a server restart), and a diff would miss the "first chat" edge. With
 * the saved voice state threaded through, every call is idempotent: the action repeats only while
 * Finesse does not yet show the wanted state, and is `none` once it does.
 */
import type { VoiceState } from './finesseXml.ts';
import type { AgentChatState } from './protocol.ts';

/** 'inbound' is a routed (ACD) call; the other four are internal calls (docs/requirements.md). */
export type CallType = 'inbound' | 'transfer' | 'conference' | 'consult' | 'direct';
export const INTERNAL_CALL_TYPES: readonly CallType[] = ['transfer', 'conference', 'consult', 'direct'];

export interface BlendingSettings {
  /** Concurrent chats, 1..5 (docs/requirements.md: up to 5 concurrent chats). */
  maxChats: number;
  /** Finesse reason code id for the blending NOT_READY; set it, it is how we recognise our own state. */
  notReadyReasonCodeId?: string;
  /** A reason used only for chats (e.g. "Handling Chat"), so CUIC reports can tell chat time apart. */
  notReadyReasonLabel: string;
}

export const DEFAULT_BLENDING_SETTINGS: BlendingSettings = {
  maxChats: 5,
  notReadyReasonLabel: 'Handling Chat',
};

/** The voice state to go back to when the last chat ends. Never our own "Handling Chat". */
export interface SavedVoiceState {
  state: 'READY' | 'NOT_READY';
  reasonCodeId?: string;
}

export interface BlendingInput {
  voiceState: VoiceState;
  /** Finesse `reasonCodeId` of the current voice state (null or '-1' when none). */
  voiceReasonCodeId?: string | null;
  /** Reason label, only needed when `settings.notReadyReasonCodeId` is not configured. */
  voiceReasonLabel?: string | null;
  /** Type of the call the agent is on (or wrapping up); null when no call. */
  callType: CallType | null;
  activeChats: number;
  /** What the agent asked for chat. */
  requested: 'READY' | 'NOT_READY';
  settings?: Partial<BlendingSettings>;
  /** What the previous `blend()` returned; null/absent before the first chat. */
  voiceBeforeChat?: SavedVoiceState | null;
}

export type VoiceAction =
  | { type: 'none' }
  | { type: 'setNotReady'; reasonLabel: string; reasonCodeId?: string }
  | { type: 'restore'; state: 'READY' | 'NOT_READY'; reasonCodeId?: string };

export interface BlendingDecision {
  chatState: AgentChatState;
  /** May a new chat be offered to this agent now. */
  routable: boolean;
  voiceAction: VoiceAction;
  /** Store and pass back as `voiceBeforeChat` on the next call. */
  voiceBeforeChat: SavedVoiceState | null;
}

/** Voice states that mean a call is reserved, in progress or in wrap-up (docs/requirements.md, Media blending). */
const CALL_STATES: ReadonlySet<VoiceState> = new Set<VoiceState>([
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
]);

const NONE: VoiceAction = { type: 'none' };

export function isInternalCall(callType: CallType | null): boolean {
  return callType !== null && INTERNAL_CALL_TYPES.includes(callType);
}

/** Clamps `maxChats` into 1..5 (a bad value falls back to 5) and fills in the default label. */
export function normalizeBlendingSettings(settings: Partial<BlendingSettings> = {}): BlendingSettings {
  const raw = Math.floor(settings.maxChats ?? DEFAULT_BLENDING_SETTINGS.maxChats);
  const maxChats = Number.isFinite(raw) ? Math.min(5, Math.max(1, raw)) : DEFAULT_BLENDING_SETTINGS.maxChats;
  const label = settings.notReadyReasonLabel?.trim() || DEFAULT_BLENDING_SETTINGS.notReadyReasonLabel;
  const id = settings.notReadyReasonCodeId;
  return { maxChats, notReadyReasonLabel: label, ...(id ? { notReadyReasonCodeId: id } : {}) };
}

function reasonId(input: BlendingInput): string | undefined {
  const id = input.voiceReasonCodeId;
  return id && id !== '-1' ? id : undefined;
}

/** Is voice in our own blending NOT_READY ("Handling Chat")? By id when configured, else by label. */
function isBlendingNotReady(input: BlendingInput, settings: BlendingSettings): boolean {
  if (input.voiceState !== 'NOT_READY') return false;
  const id = reasonId(input);
  if (settings.notReadyReasonCodeId && id) return id === settings.notReadyReasonCodeId;
  const label = input.voiceReasonLabel?.trim().toLowerCase();
  return !!label && label === settings.notReadyReasonLabel.toLowerCase();
}

function chatStateOf(input: BlendingInput, chats: number, max: number): AgentChatState {
  if (input.requested === 'NOT_READY') return 'NOT_READY';
  // Decision: LOGOUT means the agent left the contact center (chat sign-in comes from Finesse).
  if (input.voiceState === 'LOGOUT') return 'NOT_READY';
  const onCall = CALL_STATES.has(input.voiceState) || input.callType !== null;
  // Blending table: a voice call → INTERRUPTED. Internal-call table: an internal call is NOT interrupting when
  // the agent already has ≥1 chat. Decision: a call of unknown type (null) counts as a routed call.
  if (onCall && !(isInternalCall(input.callType) && chats >= 1)) return 'INTERRUPTED';
  // "Voice call ends → the previous state" falls out of deriving the state from `requested` each time.
  // Decision: voice NOT_READY (any reason) does not block chat; chat and voice are separate media, and
  // chat-only agents sit in voice NOT_READY.
  if (chats === 0) return 'READY';
  return chats >= max ? 'BUSY' : 'ACTIVE';
}

type VoiceOutcome = Pick<BlendingDecision, 'voiceAction' | 'voiceBeforeChat'>;

function voiceOf(input: BlendingInput, chats: number, settings: BlendingSettings): VoiceOutcome {
  const saved = input.voiceBeforeChat ?? null;
  const keep: VoiceOutcome = { voiceAction: NONE, voiceBeforeChat: saved };
  // Decision: a logged-out agent has nothing to restore; a later login starts afresh.
  if (input.voiceState === 'LOGOUT') return { voiceAction: NONE, voiceBeforeChat: null };
  // Never touch voice during a call (Finesse refuses or defers it) or in LOGIN/UNKNOWN (no known state).
  if (input.voiceState !== 'READY' && input.voiceState !== 'NOT_READY') return keep;
  if (input.callType !== null) return keep;
  const ours = isBlendingNotReady(input, settings);
  const id = reasonId(input);
  const current: SavedVoiceState =
    input.voiceState === 'READY'
      ? { state: 'READY' }
      : { state: 'NOT_READY', ...(id ? { reasonCodeId: id } : {}) };
  const { notReadyReasonLabel: reasonLabel, notReadyReasonCodeId } = settings;
  const setNotReady: VoiceAction = {
    type: 'setNotReady',
    reasonLabel,
    ...(notReadyReasonCodeId ? { reasonCodeId: notReadyReasonCodeId } : {}),
  };
  if (chats > 0) {
    if (ours) return { voiceAction: NONE, voiceBeforeChat: saved ?? { state: 'READY' } };
    // First chat (nothing saved): save the voice state and go NOT_READY "Handling Chat" (docs/requirements.md,
    // "the first chat arrives"), also from another NOT_READY reason so CUIC reports chat time.
    if (!saved || input.voiceState === 'READY') return { voiceAction: setNotReady, voiceBeforeChat: current };
    // Decision: the agent picked another NOT_READY reason while chatting: respect it, restore it later.
    return { voiceAction: NONE, voiceBeforeChat: current };
  }
  // All chats ended (docs/requirements.md: voice is restored); the memory is cleared only once voice left
  // "Handling Chat", so a lost PUT is retried on the next call.
  // Decision: with the memory lost (server restart), "Handling Chat" restores to READY, as the blending table's
  // "last chat ends → READY" row says; the reason belongs to blending and is never a state to go back to.
  if (ours) {
    const back: SavedVoiceState = saved ?? { state: 'READY' };
    const restore: VoiceAction = {
      type: 'restore',
      state: back.state,
      ...(back.reasonCodeId ? { reasonCodeId: back.reasonCodeId } : {}),
    };
    return { voiceAction: restore, voiceBeforeChat: back };
  }
  return { voiceAction: NONE, voiceBeforeChat: null };
}

/** Media blending for one snapshot; see the module comment for how to call it. */
export function blend(input: BlendingInput): BlendingDecision {
  const settings = normalizeBlendingSettings(input.settings);
  const chats = Number.isFinite(input.activeChats) ? Math.max(0, Math.floor(input.activeChats)) : 0;
  const chatState = chatStateOf(input, chats, settings.maxChats);
  // Decision: UNKNOWN (Finesse lost the agent, e.g. during failover) and LOGIN (the instant between login
  // and NOT_READY) keep the visible chat state steady but offer nothing new: a chat offered now could
  // collide with a call we cannot see. Voice is not touched either (see voiceOf).
  const unknownVoice = input.voiceState === 'UNKNOWN' || input.voiceState === 'LOGIN';
  const routable = !unknownVoice && (chatState === 'READY' || chatState === 'ACTIVE');
  return { chatState, routable, ...voiceOf(input, chats, settings) };
}
