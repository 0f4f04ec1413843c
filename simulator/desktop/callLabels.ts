/** How the desktop names Finesse's call types and participant states. */

/** `mediaProperties/callType` → a label (see simulator/callTypes.ts for where each comes from). */
export function callTypeLabel(callType: string): string {
  switch (callType) {
    case 'ACD_IN':
    case 'PREROUTE_ACD_IN':
    case 'PREROUTE_DIRECT_AGENT':
      return 'Inbound call';
    case 'TRANSFER':
      return 'Transferred call';
    case 'CONFERENCE':
      return 'Conference';
    case 'CONSULT':
    case 'CONSULT_OFFERED':
      return 'Consult call';
    case 'AGENT_INSIDE':
      return 'Internal call';
    case 'OTHER_IN':
      return 'Direct call';
    case 'OUT':
      return 'Outbound call';
    default:
      return callType ? callType.replace(/_/g, ' ').toLowerCase() : 'Call';
  }
}

/**
 * Who the call card names, and the other end in small print: the caller, or for a call the agent
 * placed (fromAddress is their own extension) the number they dialed.
 */
export function callParties(from: string, to: string, extension: string): { party: string; meta: string } {
  return from === extension && extension !== ''
    ? { party: to, meta: `From ${from}` }
    : { party: from, meta: `To ${to}` };
}

/** The agent's own leg of the call → the banner of the call card. */
export function legLabel(state: string): string {
  switch (state) {
    case 'ALERTING':
      return 'Incoming call';
    case 'INITIATING':
    case 'INITIATED':
      return 'Calling';
    case 'ACTIVE':
      return 'On call';
    case 'HELD':
      return 'On hold';
    case 'WRAP_UP':
      return 'Wrap-up';
    case 'DROPPED':
      return 'Call ended';
    default:
      return state ? state.charAt(0) + state.slice(1).toLowerCase() : 'Call';
  }
}

/** Finesse participant actions → button label, test id suffix and style. */
export const ACTION_BUTTONS: Record<string, { label: string; id: string; tone: 'go' | 'stop' | 'plain' }> = {
  ANSWER: { label: 'Answer', id: 'answer', tone: 'go' },
  HOLD: { label: 'Hold', id: 'hold', tone: 'plain' },
  RETRIEVE: { label: 'Retrieve', id: 'retrieve', tone: 'plain' },
  DROP: { label: 'End', id: 'end', tone: 'stop' },
};
