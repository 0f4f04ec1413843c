/**
 * `hybrid-chat/sdk/finesse`: Finesse for servers — the hardened XML parsers, the REST client and
 * the XMPP notifications client (the chat server's `server` sync mode uses them). Browser apps
 * inside the desktop use the finesse.js adapter from `hybrid-chat/sdk` instead.
 */
export {
  apiErrorFromElement,
  decodeXmlText,
  dialogFromElement,
  dialogsFromElement,
  MAX_FINESSE_XML,
  parseApiError,
  parseDialog,
  parseDialogs,
  parseFinesseXml,
  parseReasonCodes,
  parseSystemInfo,
  parseUser,
  reasonCodeFromElement,
  reasonCodesFromElement,
  systemInfoFromElement,
  userFromElement,
} from './core/finesseXml.ts';
export type { FinesseApiError, FinesseUser } from './core/finesseXml.ts';
export { escapeXmlText, userUpdateXml } from './core/finesseXml.ts';
export type { UserUpdate } from './core/finesseXml.ts';
export {
  basicAuthorization,
  bearerAuthorization,
  createFinesseRestClient,
} from './transport/finesseRestClient.ts';
export type {
  FinesseAuthorization,
  FinesseRestClient,
  FinesseRestClientOptions,
  SettableVoiceState,
} from './transport/finesseRestClient.ts';
export {
  MAX_NOTIFICATION_STANZA,
  parseFinesseNotification,
  parseFinesseUpdate,
  pubsubNotificationItems,
} from './core/finesseUpdate.ts';
export type {
  FinesseNotification,
  FinesseUpdate,
  FinesseUpdateData,
  FinesseUpdateEvent,
  FinesseUpdateKind,
} from './core/finesseUpdate.ts';
export { agentNodes, createFinesseNotifications } from './transport/finesseNotifications.ts';
export type {
  FinesseNotifications,
  FinesseNotificationsEvents,
  FinesseNotificationsOptions,
  FinesseNotificationsStatus,
  XmppLibrary,
} from './transport/finesseNotifications.ts';
