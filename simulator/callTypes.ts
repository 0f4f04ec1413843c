/**
 * The five kinds of call the simulator rings an agent with (media blending: a routed call, and the
 * four internal calls of docs/requirements.md) and the `mediaProperties/callType` Finesse reports for each.
 *
 * | kind         | callType                                   |
 * | ------------ | ------------------------------------------ |
 * | `inbound`    | PREROUTE_ACD_IN (UCCE), ACD_IN (UCCX)      |
 * | `transfer`   | TRANSFER                                   |
 * | `conference` | CONFERENCE                                 |
 * | `consult`    | CONSULT                                    |
 * | `direct`     | AGENT_INSIDE from an agent, else OTHER_IN  |
 *
 * Sources: Cisco Finesse Web Services Developer Guide, "Dialog API Parameters"
 * (https://developer.cisco.com/docs/finesse/dialog-api-parameters: callType is one of ACD_IN,
 * PREROUTE_ACD_IN, PREROUTE_DIRECT_AGENT, TRANSFER, OTHER_IN, OUT, …, AGENT_INSIDE, …, CONSULT,
 * CONFERENCE, …); for their meaning, the CTI "CallType Fields"
 * (https://developer.cisco.com/docs/contact-center-express/calltype-fields): ACD_IN are queued
 * inbound calls (UCCE routes them before queueing, hence PREROUTE_ACD_IN), AGENT_INSIDE is a call an
 * agent places to another extension, OTHER_IN a non-ACD call from outside or an unmonitored device.
 * The SDK maps the same values back (`sdk/core/finesseTypes.ts`, `callTypeOf`).
 */
export const CALL_KINDS = ['inbound', 'transfer', 'conference', 'consult', 'direct'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export function finesseCallType(
  kind: CallKind,
  context: { deploymentType: 'UCCE' | 'UCCX'; fromAgent: boolean },
): string {
  switch (kind) {
    case 'inbound':
      return context.deploymentType === 'UCCX' ? 'ACD_IN' : 'PREROUTE_ACD_IN';
    case 'transfer':
      return 'TRANSFER';
    case 'conference':
      return 'CONFERENCE';
    case 'consult':
      return 'CONSULT';
    case 'direct':
      return context.fromAgent ? 'AGENT_INSIDE' : 'OTHER_IN';
  }
}

/**
 * A call the agent places (`POST /User/{id}/Dialogs`, MAKE_CALL): `AGENT_INSIDE` to another agent's
 * extension, else `OUT` (both in Cisco's callType list, "Dialog API Parameters").
 */
export function outboundCallType(toAgent: boolean): string {
  return toAgent ? 'AGENT_INSIDE' : 'OUT';
}

/** ACD calls end in wrap-up when the user's settings require it; internal and outbound calls never do. */
export function isAcdCall(kind: CallKind | 'outbound'): boolean {
  return kind === 'inbound';
}

/** The customer the simulated calls come from, when a test does not say (a US number, as ANI). */
export const DEFAULT_CALLER = '4085550142';

/** The number customers dial (a CVP/route point dialed number); Finesse reports it as toAddress. */
export const DEFAULT_DIALED_NUMBER = '8005550100';
