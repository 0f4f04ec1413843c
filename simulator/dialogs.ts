import { updateXml } from './finesseXml.ts';
import { el, renderXml, type XmlElement } from './xml/xmlBuilder.ts';

/** Dialog.States as finesse.js lists them. */
export type DialogState =
  'ALERTING' | 'INITIATING' | 'INITIATED' | 'ACTIVE' | 'DROPPED' | 'FAILED' | 'ACCEPTED';

/**
 * Participant states are wider than dialog states: HELD and WRAP_UP too (Cisco "State (Participant)
 * Parameter Values", https://developer.cisco.com/docs/finesse/state-participant-parameter-values).
 */
export type ParticipantState = DialogState | 'HELD' | 'WRAP_UP';

export interface DialogParticipant {
  readonly mediaAddress: string;
  /** AGENT_DEVICE for an agent's phone; empty for a caller outside the contact center. */
  readonly mediaAddressType: 'AGENT_DEVICE' | '';
  readonly state: ParticipantState;
  readonly actions: readonly string[];
  readonly startTime: Date;
  readonly stateChangeTime: Date;
}

/** A voice call as `GET /finesse/api/Dialog/{id}` reports it (Finesse's Dialog API). */
export interface Dialog {
  /** Digits only: voice dialog ids never contain underscores (nonvoice ones do). */
  readonly id: string;
  readonly mediaType: 'Voice';
  readonly fromAddress: string;
  readonly toAddress: string;
  readonly state: DialogState;
  readonly participants: readonly DialogParticipant[];
  /** `mediaProperties/callType` (see callTypes.ts for the values). */
  readonly callType: string;
  readonly dialedNumber: string;
  readonly dnis: string;
  /** callVariable1..10 are always reported (empty when unset), then any ECC `user.*` variables. */
  readonly callVariables: Readonly<Record<string, string>>;
  /** The skill group (queue) an ACD call was routed through; none for other calls. */
  readonly queue?: { readonly number: string; readonly name: string };
  /** The wrap-up reason the agent chose, once chosen. */
  readonly wrapUpReason?: string;
}

/** The queue the simulated router sends inbound calls through (a stand-in skill group). */
export const SIMULATED_QUEUE = { number: '5022', name: 'Hybrid_Chat.Voice.SG' } as const;

/**
 * Unified CCE's call key: `callKeyCallId` (our dialog id), `callKeySequenceNum` (1: we never re-key)
 * and `callKeyPrefix`, the router's day number. Ours counts days from 1899-12-30 on the call's
 * start (a stand-in with the same look as the guide's example, not Cisco's formula).
 */
function callKeyElements(dialog: Dialog): XmlElement[] {
  const start = dialog.participants[0]?.startTime.getTime() ?? 0;
  return [
    el('callKeyCallId', dialog.id),
    el('callKeyPrefix', Math.floor(start / 86_400_000) + 25_569),
    el('callKeySequenceNum', 1),
  ];
}

/**
 * The actions Finesse lists for a participant in each state (Cisco "State (Participant) Parameter
 * Values"). The simulator carries out ANSWER, HOLD, RETRIEVE and DROP; the others are listed so a
 * gadget sees what a real desktop would offer.
 */
export const PARTICIPANT_ACTIONS: Readonly<Record<ParticipantState, readonly string[]>> = {
  INITIATING: ['DROP', 'UPDATE_CALL_DATA'],
  INITIATED: ['UPDATE_CALL_DATA', 'DROP'],
  ALERTING: ['ANSWER'],
  ACTIVE: ['HOLD', 'DROP', 'UPDATE_CALL_DATA', 'CONSULT_CALL'],
  HELD: ['RETRIEVE', 'DROP', 'UPDATE_CALL_DATA'],
  WRAP_UP: ['UPDATE_CALL_DATA'],
  FAILED: ['DROP'],
  DROPPED: [],
  ACCEPTED: [],
};

export function dialogUri(id: string): string {
  return `/finesse/api/Dialog/${id}`;
}

export function userDialogsUri(userId: string): string {
  return `/finesse/api/User/${userId}/Dialogs`;
}

const CALL_VARIABLE_COUNT = 10;

function callVariablesElement(variables: Readonly<Record<string, string>>): XmlElement {
  const numbered = Array.from({ length: CALL_VARIABLE_COUNT }, (_, i) => `callVariable${i + 1}`);
  const names = [...numbered, ...Object.keys(variables).filter((name) => !numbered.includes(name))];
  return el(
    'callvariables',
    ...names.map((name) => el('CallVariable', el('name', name), el('value', variables[name] ?? ''))),
  );
}

function participantElement(p: DialogParticipant): XmlElement {
  return el(
    'Participant',
    el('actions', ...p.actions.map((action) => el('action', action))),
    el('mediaAddress', p.mediaAddress),
    el('mediaAddressType', p.mediaAddressType),
    el('startTime', p.startTime.toISOString()),
    el('state', p.state),
    el('stateCause', ''),
    el('stateChangeTime', p.stateChangeTime.toISOString()),
  );
}

/**
 * The Dialog object, its children in the order Finesse writes them (alphabetical, as its XML
 * binding does). `<Dialog>` in REST answers and collections; `<dialog>` when it is the whole
 * `<data>` of a PUT notification, as `<user>` is for the User.
 */
export function dialogElement(dialog: Dialog, elementName: 'Dialog' | 'dialog' = 'Dialog'): XmlElement {
  return el(
    elementName,
    el('associatedDialogUri', ''),
    el('fromAddress', dialog.fromAddress),
    el('id', dialog.id),
    el(
      'mediaProperties',
      el('DNIS', dialog.dnis),
      ...callKeyElements(dialog),
      el('callType', dialog.callType),
      el('dialedNumber', dialog.dialedNumber),
      // The voice Media Routing Domain is always 1 (Cisco "Dialog API Parameters").
      el('mediaId', '1'),
      el('outboundClassification', ''),
      el('queueName', dialog.queue?.name ?? ''),
      el('queueNumber', dialog.queue?.number ?? ''),
      el('wrapUpReason', dialog.wrapUpReason ?? ''),
      callVariablesElement(dialog.callVariables),
    ),
    el('mediaType', dialog.mediaType),
    el('participants', ...dialog.participants.map(participantElement)),
    // Outbound campaign callbacks only; never scheduled here.
    el('scheduledCallbackInfo'),
    // The call id of a consult's second call; the simulator's calls have one id each.
    el('secondaryId', ''),
    el('state', dialog.state),
    el('toAddress', dialog.toAddress),
    el('uri', dialogUri(dialog.id)),
  );
}

export function dialogsElement(dialogs: readonly Dialog[], elementName: 'Dialogs' | 'dialogs' = 'Dialogs') {
  return el(elementName, ...dialogs.map((dialog) => dialogElement(dialog)));
}

export function dialogXml(dialog: Dialog): string {
  return renderXml(dialogElement(dialog), { declaration: true });
}

export function dialogsXml(dialogs: readonly Dialog[]): string {
  return renderXml(dialogsElement(dialogs), { declaration: true });
}

/**
 * The `<Update>` published on `/finesse/api/User/{id}/Dialogs` (Cisco "Dialog Notification"): a
 * dialog added to or removed from the user's collection is POST or DELETE with `<dialogs><Dialog>`
 * and the collection as source; a change to one is PUT with `<dialog>` and the Dialog as source.
 */
export function dialogUpdateXml(update: {
  userId: string;
  event: 'POST' | 'PUT' | 'DELETE';
  dialog: Dialog;
  requestId: string;
}): string {
  const { userId, event, dialog, requestId } = update;
  return event === 'PUT'
    ? updateXml({ data: dialogElement(dialog, 'dialog'), event, requestId, source: dialogUri(dialog.id) })
    : updateXml({
        data: dialogsElement([dialog], 'dialogs'),
        event,
        requestId,
        source: userDialogsUri(userId),
      });
}
