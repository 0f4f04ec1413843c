import { el, type XmlElement } from './xml/xmlBuilder.ts';

/** Dialog.States as finesse.js lists them (FINESSE.md). */
export type DialogState =
  'ALERTING' | 'INITIATING' | 'INITIATED' | 'ACTIVE' | 'DROPPED' | 'FAILED' | 'ACCEPTED';

export interface DialogParticipant {
  readonly mediaAddress: string;
  readonly state: DialogState;
  readonly actions: readonly string[];
}

/**
 * A voice call as `GET /finesse/api/User/{id}/Dialogs` reports it (FINESSE.md). The first cut has
 * no calls; simulated inbound, internal and consult calls will create these.
 */
export interface Dialog {
  readonly id: string;
  readonly mediaType: 'Voice';
  readonly fromAddress: string;
  readonly toAddress: string;
  readonly state: DialogState;
  readonly participants: readonly DialogParticipant[];
  /** e.g. ACD_IN, PREROUTE_ACD_IN, TRANSFER, CONFERENCE, CONSULT, AGENT_INSIDE, OTHER_IN. */
  readonly callType: string;
  readonly callVariables: Readonly<Record<string, string>>;
}

export function dialogUri(id: string): string {
  return `/finesse/api/Dialog/${id}`;
}

export function dialogElement(dialog: Dialog): XmlElement {
  return el(
    'Dialog',
    el('id', dialog.id),
    el('uri', dialogUri(dialog.id)),
    el('mediaType', dialog.mediaType),
    el('fromAddress', dialog.fromAddress),
    el('toAddress', dialog.toAddress),
    el('state', dialog.state),
    el(
      'participants',
      ...dialog.participants.map((p) =>
        el(
          'Participant',
          el('mediaAddress', p.mediaAddress),
          el('state', p.state),
          el('actions', ...p.actions.map((action) => el('action', action))),
        ),
      ),
    ),
    el(
      'mediaProperties',
      el('callType', dialog.callType),
      el(
        'callvariables',
        ...Object.entries(dialog.callVariables).map(([name, value]) =>
          el('CallVariable', el('name', name), el('value', value)),
        ),
      ),
    ),
  );
}

export function dialogsElement(dialogs: readonly Dialog[]): XmlElement {
  return el('Dialogs', ...dialogs.map(dialogElement));
}
