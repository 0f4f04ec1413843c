import type { Agent } from './agents.ts';
import {
  DEFAULT_CALLER,
  DEFAULT_DIALED_NUMBER,
  finesseCallType,
  outboundCallType,
  type CallKind,
} from './callTypes.ts';
import {
  PARTICIPANT_ACTIONS,
  SIMULATED_QUEUE,
  type Dialog,
  type DialogParticipant,
  type ParticipantState,
} from './dialogs.ts';

export interface NewCall {
  readonly id: string;
  readonly kind: CallKind;
  /** The agent's signed-in extension. */
  readonly extension: string;
  /** Who calls: the customer's number (inbound, transfer) or an agent's extension (the others). */
  readonly from?: string | undefined;
  readonly callVariables?: Readonly<Record<string, string>> | undefined;
  readonly deploymentType: 'UCCE' | 'UCCX';
  /** The agents of the cluster, to tell an agent's extension from an outside number. */
  readonly agents: readonly Agent[];
  readonly at: Date;
}

export function participant(
  mediaAddress: string,
  mediaAddressType: DialogParticipant['mediaAddressType'],
  state: ParticipantState,
  at: Date,
): DialogParticipant {
  return {
    mediaAddress,
    mediaAddressType,
    state,
    actions: PARTICIPANT_ACTIONS[state],
    startTime: at,
    stateChangeTime: at,
  };
}

/** Another agent's extension to call from when a test names nobody (the next agent's). */
function colleagueExtension(agents: readonly Agent[], extension: string): string {
  return agents.find((agent) => agent.extension !== extension)?.extension ?? '3999';
}

/**
 * The Dialog an agent's phone rings with, shaped as Finesse reports each kind (Cisco "Dialog
 * Notification": fromAddress is who placed the original call, toAddress what they dialed; a
 * conference carries every party). Callers ring as INITIATED, the agent's own leg as ALERTING with
 * ANSWER, as in a captured Finesse notification of an incoming call.
 */
export function ringingDialog(call: NewCall): Dialog {
  const { kind, extension, at } = call;
  const isAgent = (address: string) => call.agents.some((agent) => agent.extension === address);
  const other =
    call.from ??
    (kind === 'inbound' || kind === 'transfer' ? DEFAULT_CALLER : colleagueExtension(call.agents, extension));
  const party = (address: string) =>
    participant(address, isAgent(address) ? 'AGENT_DEVICE' : '', 'INITIATED', at);
  const me = participant(extension, 'AGENT_DEVICE', 'ALERTING', at);

  const shape = (): Pick<Dialog, 'fromAddress' | 'toAddress' | 'dialedNumber' | 'participants'> => {
    switch (kind) {
      case 'inbound':
        // Routed through a route point: toAddress is the number the customer dialed.
        return {
          fromAddress: other,
          toAddress: DEFAULT_DIALED_NUMBER,
          dialedNumber: DEFAULT_DIALED_NUMBER,
          participants: [party(other), me],
        };
      case 'transfer':
        // The surviving call is the customer's; it now rings this agent.
        return {
          fromAddress: other,
          toAddress: extension,
          dialedNumber: extension,
          participants: [party(other), me],
        };
      case 'conference':
        return {
          fromAddress: other,
          toAddress: extension,
          dialedNumber: extension,
          participants: [participant(DEFAULT_CALLER, '', 'ACTIVE', at), party(other), me],
        };
      case 'consult':
      case 'direct':
        return {
          fromAddress: other,
          toAddress: extension,
          dialedNumber: extension,
          participants: [party(other), me],
        };
    }
  };

  return {
    id: call.id,
    mediaType: 'Voice',
    state: 'ALERTING',
    callType: finesseCallType(kind, { deploymentType: call.deploymentType, fromAgent: isAgent(other) }),
    dnis: extension,
    callVariables: { ...call.callVariables },
    ...(kind === 'inbound' ? { queue: SIMULATED_QUEUE } : {}),
    ...shape(),
  };
}

/**
 * The Dialog of a call the agent places (Cisco "Dialog—Create a New Dialog (Make a Call)"): from the
 * agent's extension to `to`, the agent's leg INITIATING as the request is taken. Later steps
 * (INITIATED, the far end ALERTING, ACTIVE on answer) are changes to it.
 */
export function outboundDialog(call: {
  readonly id: string;
  readonly extension: string;
  readonly to: string;
  readonly callVariables?: Readonly<Record<string, string>> | undefined;
  readonly agents: readonly Agent[];
  readonly at: Date;
}): Dialog {
  const toAgent = call.agents.some((agent) => agent.extension === call.to);
  return {
    id: call.id,
    mediaType: 'Voice',
    state: 'INITIATING',
    callType: outboundCallType(toAgent),
    fromAddress: call.extension,
    toAddress: call.to,
    dialedNumber: call.to,
    dnis: call.to,
    callVariables: { ...call.callVariables },
    participants: [participant(call.extension, 'AGENT_DEVICE', 'INITIATING', call.at)],
  };
}

/** The far end of an outbound call, ringing. */
export function calledParty(dialog: Dialog, agents: readonly Agent[], at: Date): DialogParticipant {
  const isAgent = agents.some((agent) => agent.extension === dialog.toAddress);
  return participant(dialog.toAddress, isAgent ? 'AGENT_DEVICE' : '', 'ALERTING', at);
}
