/**
 * From Finesse's voice state to what the chat server's media blending needs (`VoiceReport`), and
 * the NOT_READY reason code that blending's "Handling Chat" (or a restored state) names. One
 * mapping and one lookup, whether the state comes from finesse.js in the gadget or from Finesse's
 * REST API and XMPP notifications on the server (Cisco Finesse Web Services Developer Guide,
 * "User" and "ReasonCode").
 */
import type { CallType } from './blending.ts';
import { HybridChatError } from './errors.ts';
import { activeCallType, type FinesseDialog, type VoiceState } from './finesseTypes.ts';
import type { VoiceReport } from './protocol.ts';

export interface ReasonCodeChoice {
  id: string;
  label: string;
}

export interface VoiceReportInput {
  state: VoiceState;
  /** Finesse's `reasonCodeId`; `-1` (none) and any id outside NOT_READY/LOGOUT count as none. */
  reasonCodeId: string | null;
  /** The reason's label when Finesse gave it with the state. */
  reasonLabel?: string | null;
  /** The active call's type, or the dialogs to find it in. */
  callType?: CallType | null;
  dialogs?: readonly FinesseDialog[];
}

/** The report for blending; a reason without a label is looked up in `codes` by its id. */
export function voiceReportOf(input: VoiceReportInput, codes: readonly ReasonCodeChoice[] = []): VoiceReport {
  const withReason = input.state === 'NOT_READY' || input.state === 'LOGOUT';
  const id = input.reasonCodeId?.trim();
  const reasonCodeId = withReason && id && id !== '-1' ? id : null;
  const label = input.reasonLabel?.trim() || codes.find((code) => code.id === reasonCodeId)?.label || null;
  return {
    state: input.state,
    reasonCodeId,
    reasonLabel: reasonCodeId ? label : null,
    callType: input.callType !== undefined ? input.callType : activeCallType([...(input.dialogs ?? [])]),
  };
}

/**
 * The reason code named by its id, or else by its label (trimmed, any case). NOT_FOUND when Finesse
 * has no such NOT_READY reason: blending's label must be configured in Finesse.
 */
export function findReasonCode<C extends ReasonCodeChoice>(codes: readonly C[], labelOrId: string): C {
  const wanted = labelOrId.trim();
  const found =
    codes.find((code) => code.id === wanted) ??
    codes.find((code) => code.label.trim().toLowerCase() === wanted.toLowerCase());
  if (!found) throw new HybridChatError('NOT_FOUND', `no NOT_READY reason code "${wanted}" in Finesse`);
  return found;
}
