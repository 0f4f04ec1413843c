/**
 * The names of the simulator's finesse.js and the Finesse release each first appeared in, so the
 * simulator presents the library of the version it plays (finesseVersions.ts): a name is missing where
 * it is missing in Cisco's library of that version. Sources: the Cisco Finesse JavaScript Library API
 * documentation and the "What's New" chapters of the Cisco Finesse Web Services Developer Guide of each
 * release. `guess: true` marks a release we could not confirm in a public source (simulator/README.md).
 *
 * Instance methods are written `Class.prototype.name`, as they are reached in the library.
 */
import { versionAtLeast, type FinesseVersion } from './finesseVersions.ts';

export interface SurfaceName {
  readonly name: string;
  /** The first Finesse release with the name (`major.minor`). */
  readonly since: string;
  readonly guess?: true;
}

const U = 'finesse.utilities.Utilities';
const CS = 'finesse.containerservices.ContainerServices';
const USER = 'finesse.restservices.User';
const DIALOG = 'finesse.restservices.Dialog';
const DIALOGS = 'finesse.restservices.Dialogs';

const since = (version: string, names: string[], guess?: true): SurfaceName[] =>
  names.map((name) => ({ name, since: version, ...(guess ? { guess } : {}) }));
const members = (owner: string, names: string[]): string[] => names.map((name) => `${owner}.${name}`);

export const FINESSE_JS_NAMES: readonly SurfaceName[] = [
  // The 10.x library (Cisco's 10.5(1)/10.6(1) JavaScript Library documentation).
  ...since('10.5', [
    'finesse.gadget.Config',
    'finesse.clientservices.ClientServices.init',
    'finesse.clientservices.ClientServices.makeRequest',
    'finesse.clientservices.ClientServices.getRestHost',
    'finesse.clientservices.ClientServices.registerOnConnectHandler',
    'finesse.cslogger.ClientLogger.init',
    'finesse.cslogger.ClientLogger.log',
    'finesse.cslogger.ClientLogger.error',
    ...members(CS, [
      'init',
      'addHandler',
      'removeHandler',
      'makeActiveTabReq',
      'activateMyTab',
      'getMyTabId',
      'tabVisible',
      'showDialog',
      'hideDialog',
      'reloadMyGadget',
      'Topics.ACTIVE_TAB',
    ]),
    ...members(U, [
      'isEmpty',
      'isNotEmpty',
      'b64Encode',
      'b64Decode',
      'getId',
      'pad',
      'getDOMParser',
      'translateHTMLEntities',
      'convertTsToDate',
      'extractTime',
      'getUserAuthString',
    ]),
    USER,
    `${USER}.States`,
    ...members(`${USER}.prototype`, [
      'getId',
      'getData',
      'isLoaded',
      'addHandler',
      'removeHandler',
      'getState',
      'getPendingState',
      'getStateChangeTime',
      'getLoginId',
      'getLoginName',
      'getExtension',
      'getFirstName',
      'getLastName',
      'getTeamId',
      'getTeamName',
      'hasAgentRole',
      'hasSupervisorRole',
      'getSupervisedTeams',
      'getNotReadyReasonCodeId',
      'getReasonCodeLabel',
      'getNotReadyReasonCodes',
      'getSignOutReasonCodes',
      'setState',
      'getDialogs',
      'makeCall',
      'getPhoneBooks',
    ]),
    DIALOG,
    `${DIALOG}.States`,
    `${DIALOG}.Actions`,
    `${DIALOG}.ParticipantStates`,
    ...members(`${DIALOG}.prototype`, [
      'getId',
      'getData',
      'isLoaded',
      'getMediaType',
      'getFromAddress',
      'getToAddress',
      'getState',
      'getCallType',
      'getParticipants',
      'getMediaProperties',
      'requestAction',
      'addHandler',
      'removeHandler',
    ]),
    DIALOGS,
    ...members(`${DIALOGS}.prototype`, [
      'getCollection',
      'isLoaded',
      'createNewCallDialog',
      'addHandler',
      'removeHandler',
    ]),
  ]),
  // Present in our reading of the 10.x documentation, but not confirmed for 10.5(1) itself.
  ...since('10.5', [`${CS}.getMyGadgetId`, `${CS}.Topics.ACTIVE_CALL_STATUS_EVENT`], true),
  // Not in Cisco's 10.5(1) or 10.6(1) library; in the 11.x one (whether from 11.0 or with SSO in 11.5 is
  // not confirmed: no difference for the releases the simulator presents).
  ...since('11.0', [`${U}.getAuthHeaderString`], true),
  ...since('11.5', [`${CS}.reloadMyGadgetFromUrl`, `${CS}.Topics.MAX_AVAILABLE_HEIGHT_CHANGED_EVENT`], true),
  ...since('12.0', [`${CS}.Topics.GADGET_VIEW_CHANGED_EVENT`], true),
];

const byName = new Map(FINESSE_JS_NAMES.map((entry) => [entry.name, entry]));

/** Every name the finesse.js of `version` has. */
export function finesseJsSurface(version: FinesseVersion): ReadonlySet<string> {
  return new Set(
    FINESSE_JS_NAMES.filter((entry) => versionAtLeast(version, entry.since)).map((entry) => entry.name),
  );
}

/** The simulator's names that `version` lacks (the served script removes them). */
export function absentFinesseJsNames(version: FinesseVersion): string[] {
  return FINESSE_JS_NAMES.filter((entry) => !versionAtLeast(version, entry.since)).map((entry) => entry.name);
}

/** The entry of a name, or undefined when the simulator's finesse.js has no such name. */
export function surfaceName(name: string): SurfaceName | undefined {
  return byName.get(name);
}
