import type { ApiError } from './apiError.ts';
import type { FinesseNode } from './nodes.ts';
import {
  reasonCodeUri,
  type ReasonCode,
  type ReasonCodeCatalog,
  type ReasonCodeCategory,
} from './reasonCodes.ts';
import type { UserSnapshot } from './users.ts';
import { el, elWithAttributes, renderXml, type XmlElement } from './xml/xmlBuilder.ts';

/** Builders for the XML documents of Finesse's REST API and notifications. */

export function userUri(id: string): string {
  return `/finesse/api/User/${id}`;
}

export function reasonCodeElement(code: ReasonCode): XmlElement {
  return el(
    'ReasonCode',
    el('uri', reasonCodeUri(code)),
    el('category', code.category),
    el('code', code.code),
    el('label', code.label),
    el('forAll', code.forAll),
    el('id', code.id),
  );
}

/**
 * The User object. `GET` answers it as `<User>`; inside an `<Update>` Finesse names it `<user>`
 * (docs/requirements.md, "Notifications"), hence `elementName`.
 */
export function userElement(
  user: UserSnapshot,
  reasonCodes: ReasonCodeCatalog,
  elementName: 'User' | 'user' = 'User',
): XmlElement {
  const { agent } = user;
  const reason =
    user.state === 'NOT_READY' || user.state === 'LOGOUT'
      ? reasonCodes.find(user.state, user.reasonCodeId)
      : undefined;
  return el(
    elementName,
    el('uri', userUri(agent.id)),
    el('roles', ...agent.roles.map((role) => el('role', role))),
    el('loginId', agent.id),
    el('loginName', agent.loginName),
    el('state', user.state),
    el('stateChangeTime', user.stateChangeTime.toISOString()),
    el('pendingState', user.pendingState),
    el('reasonCodeId', user.reasonCodeId),
    reason && reasonCodeElement(reason),
    el('settings', el('wrapUpOnIncoming', agent.wrapUpOnIncoming), el('wrapUpOnOutgoing', 'NOT_ALLOWED')),
    el('extension', user.extension),
    el('firstName', agent.firstName),
    el('lastName', agent.lastName),
    el('teamId', agent.teamId),
    el('teamName', agent.teamName),
    // A supervisor's teams, as Finesse lists them in the User object (Team id, name, uri).
    agent.supervisedTeams.length === 0
      ? null
      : el(
          'teams',
          ...agent.supervisedTeams.map((team) =>
            el('Team', el('id', team.id), el('name', team.name), el('uri', `/finesse/api/Team/${team.id}`)),
          ),
        ),
    el('dialogs', `${userUri(agent.id)}/Dialogs`),
  );
}

export function reasonCodesXml(category: ReasonCodeCategory, codes: readonly ReasonCode[]): string {
  return renderXml(elWithAttributes('ReasonCodes', { category }, ...codes.map(reasonCodeElement)), {
    declaration: true,
  });
}

export interface SystemInfo {
  readonly status: 'IN_SERVICE' | 'OUT_OF_SERVICE';
  readonly statusReason: string;
  readonly deploymentType: 'UCCE' | 'UCCX';
  readonly xmppDomain: string;
  readonly xmppPubSubDomain: string;
  readonly primaryNode: FinesseNode | undefined;
  readonly secondaryNode: FinesseNode | undefined;
  readonly currentTimestamp: Date;
  /** Absent before Finesse 11.5, which brought SSO (finesseVersions.ts). */
  readonly systemAuthMode: 'NON_SSO' | 'SSO' | 'HYBRID' | undefined;
}

function nodeElement(name: string, node: FinesseNode | undefined): XmlElement {
  if (!node) return el(name);
  return el(name, el('host', node.host), el('httpsPort', node.httpsPort), el('xmppPort', node.xmppPort));
}

export function systemInfoXml(info: SystemInfo): string {
  return renderXml(
    el(
      'SystemInfo',
      el('currentTimestamp', info.currentTimestamp.toISOString()),
      el('deploymentType', info.deploymentType),
      nodeElement('primaryNode', info.primaryNode),
      nodeElement('secondaryNode', info.secondaryNode),
      el('status', info.status),
      el('statusReason', info.statusReason),
      info.systemAuthMode && el('systemAuthMode', info.systemAuthMode),
      // Minutes east of UTC (our inference from samples; not stated in Cisco's guide).
      el('timezoneOffset', -info.currentTimestamp.getTimezoneOffset()),
      el('uri', '/finesse/api/SystemInfo'),
      el('xmppDomain', info.xmppDomain),
      el('xmppPubSubDomain', info.xmppPubSubDomain),
    ),
    { declaration: true },
  );
}

/** The notification payload: `<Update><data>…</data><event/><requestId/><source/></Update>`. */
export function updateXml(update: {
  data: XmlElement;
  event: 'PUT' | 'POST' | 'DELETE';
  requestId: string;
  source: string;
}): string {
  return renderXml(
    el(
      'Update',
      el('data', update.data),
      el('event', update.event),
      el('requestId', update.requestId),
      el('source', update.source),
    ),
  );
}

export function apiErrorsXml(error: ApiError): string {
  return renderXml(
    el(
      'ApiErrors',
      el(
        'ApiError',
        el('ErrorType', error.errorType),
        el('ErrorMessage', error.message),
        el('ErrorData', error.errorData),
      ),
    ),
    { declaration: true },
  );
}
