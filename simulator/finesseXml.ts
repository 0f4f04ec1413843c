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
    // Finesse's own codes (e.g. 50006 before a call it places) are system codes; a catalog's are not.
    el('systemCode', code.systemCode ?? false),
    el('id', code.id),
  );
}

/**
 * The agent's Unified CCE SkillTargetID: a number unique per agent. Real ones come from the CCE
 * database; ours is 5000 + the digits of the id (a stand-in, not a rule of Finesse's).
 */
export function skillTargetId(agentId: string): string {
  const digits = agentId.replace(/\D/g, '');
  return digits === '' ? '' : String(5000 + (Number(digits.slice(-6)) % 100_000));
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
    // The voice Media Routing Domain's id, as Cisco's User example shows it (1).
    el('mediaType', '1'),
    el('pendingState', user.pendingState),
    el('reasonCodeId', user.reasonCodeId),
    reason && reasonCodeElement(reason),
    el(
      'settings',
      el('wrapUpOnIncoming', agent.wrapUpOnIncoming),
      el('wrapUpOnOutgoing', 'NOT_ALLOWED'),
      // Multiple devices per extension (Finesse 12.6): not configured in the simulator.
      el('deviceSelection', 'disabled'),
    ),
    el('extension', user.extension),
    // Not a mobile agent: the element is there, empty (our reading of the guide's User object).
    el('mobileAgent', el('mode'), el('dialNumber')),
    el('firstName', agent.firstName),
    el('lastName', agent.lastName),
    el('teamId', agent.teamId),
    el('teamName', agent.teamName),
    el('skillTargetId', skillTargetId(agent.id)),
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
  /** When the CTI link came up (side A's `connectedDuration`); default `currentTimestamp`. */
  readonly ctiConnectedSince?: Date;
}

/**
 * CTI facts a real Finesse reports about its link to the CTI server (Cisco "SystemInfo API
 * Parameters"). The simulator has no CTI server, so these are fixed, plausible values (guesses):
 * protocol 24 (the version Finesse 12.6 speaks), a 30 s heartbeat, peripheral 5000, one active
 * side A and an idle side B on the nodes' hosts.
 */
export const SIMULATED_CTI = {
  version: 24,
  heartbeatIntervalSeconds: 30,
  peripheralId: 5000,
  port: 42027,
} as const;

function ctiElements(info: SystemInfo): { before: XmlElement[]; servers: XmlElement | null } {
  // The simulated link never fails: its last heartbeat is now.
  const heartbeat = info.currentTimestamp;
  const since = info.ctiConnectedSince ?? heartbeat;
  const ucce = info.deploymentType === 'UCCE';
  const hosts = [info.primaryNode?.host, info.secondaryNode?.host ?? info.primaryNode?.host];
  return {
    before: [
      el('lastCTIHeartbeatStatus', 'success'),
      el('lastSuccessCTIHeartbeatTime', heartbeat.getTime()),
      el('ctiVersion', ucce ? SIMULATED_CTI.version : ''),
      el('ctiHeartbeatInterval', SIMULATED_CTI.heartbeatIntervalSeconds),
      // UCCX reports its license level; UCCE has none to report (our reading of the parameter table).
      el('license', ucce ? '' : 'PREMIUM'),
      el('peripheralId', ucce ? SIMULATED_CTI.peripheralId : ''),
    ],
    servers: !ucce
      ? null
      : el(
          'ctiServers',
          ...hosts.map((host, index) =>
            el(
              'ctiServer',
              el('host', host ?? ''),
              el(
                'connectedDuration',
                index === 0 ? Math.max(0, Math.round((heartbeat.getTime() - since.getTime()) / 1000)) : -1,
              ),
              el('active', index === 0),
            ),
          ),
        ),
  };
}

function nodeElement(name: string, node: FinesseNode | undefined): XmlElement {
  if (!node) return el(name);
  return el(
    name,
    el('host', node.host),
    el('httpsPort', node.httpsPort),
    el('xmppPort', node.xmppPort),
    // XMPP over TLS (5223, the default Finesse lists beside 5222).
    el('xmppSecurePort', node.xmppPort === 5222 ? 5223 : node.xmppPort + 1),
  );
}

export function systemInfoXml(info: SystemInfo): string {
  const cti = ctiElements(info);
  return renderXml(
    el(
      'SystemInfo',
      el('currentTimestamp', info.currentTimestamp.toISOString()),
      el('deploymentType', info.deploymentType),
      ...cti.before,
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
      cti.servers,
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
