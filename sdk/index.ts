/**
 * Hybrid Chat SDK: the one public entry.
 *
 * ```ts
 * import { createCustomerSession, createSocketIoTransport, createChatClient, NAMESPACES } from 'hybrid-chat/sdk';
 *
 * const session = await createCustomerSession(serverUrl, { name: 'Ada' });
 * const transport = createSocketIoTransport({ url: serverUrl, namespace: NAMESPACES.customer, auth: () => ({ token: session.token }) });
 * const client = createChatClient({ transport, self: { role: 'customer', ...session.customer } });
 * client.subscribe((state) => render(state)); // or useSyncExternalStore(client.subscribe, client.getState)
 * client.connect(); // rehydrates open chats from the server, also after a reload
 * const { chat } = await transport.request('chat:start', { clientId: uuid(), queue: 'sales' });
 * client.track(chat);
 * client.send(chat.id, 'Hello'); // pending at once, `sent` with its seq when acked; never lost, never doubled
 * ```
 * Server-only code (payload validation with zod) is not exported here: see `core/protocolSchemas.ts`.
 */
export { createChatClient } from './core/chatClient.ts';
export type { ChatClient, ChatClientOptions, NetworkStatus } from './core/chatClientTypes.ts';
export { createKeyValueOutboxStore } from './core/outboxStore.ts';
export type { KeyValueOutboxOptions, KeyValueStore, OutboxStore } from './core/outboxStore.ts';
export { errorFromBody, isHybridChatErrorCode, DEFAULT_REQUEST_TIMEOUT_MS } from './core/chatTransport.ts';
export type {
  AckDataOf,
  AckEventNames,
  ChatTransport,
  NoAckEventNames,
  PayloadOf,
  TransportEvents,
  TransportReservedEvents,
  UpgradeStall,
} from './core/chatTransport.ts';
export type {
  ChatClientEvents,
  ChatClientState,
  ChatView,
  ConnectionStatus,
  LocalMessage,
  TransportName,
} from './core/chatTypes.ts';
export { backoffDelay } from './core/backoff.ts';
export type { BackoffOptions } from './core/backoff.ts';
export { Emitter } from './core/emitter.ts';
export type { EventMap, Listener } from './core/emitter.ts';
export { FinesseError, HybridChatError, ProtocolError, TimeoutError } from './core/errors.ts';
export type { HybridChatErrorCode } from './core/errors.ts';
export { LIMITS, NAMESPACES, PROTOCOL_VERSION } from './core/protocol.ts';
// Every payload, answer and event of the chat server's protocol (socket and HTTP), as types.
export type * from './core/protocol.ts';
export { uuid } from './core/uuid.ts';
export { labelIn } from './core/labels.ts';
export type { LocalizedLabel } from './core/labels.ts';
export { splitMessageText } from './core/splitText.ts';
// The customer's side: pre-chat form checks, and the conversation around a chat over HTTP.
export {
  checkField,
  checkPrechat,
  DEFAULT_PRECHAT_FIELDS,
  FIELD_MAX_LENGTH,
  isEmail,
  isPhone,
} from './core/prechat.ts';
export type { FieldProblem } from './core/prechat.ts';
export { createConversationApi } from './transport/conversationApi.ts';
export type {
  ConversationApi,
  ConversationApiOptions,
  TranscriptFile,
  TranscriptOptions,
} from './transport/conversationApi.ts';
export {
  FILE_ACCEPT,
  FILE_EXTENSIONS,
  formatFileSize,
  hasActiveExtension,
  isInlineImage,
  safeFileName,
  sniffFileType,
} from './core/fileTypes.ts';
export { mergeReceipts, NO_RECEIPTS, NO_WATERMARKS, otherSide, receiptStatus } from './core/receipts.ts';
export type { ReceiptSide, ReceiptStatus } from './core/receipts.ts';
export type { FilePort } from './core/clientFiles.ts';
export {
  codeOfStatus,
  createHttpClient,
  DEFAULT_HTTP_TIMEOUT_MS,
  httpError,
  parseRetryAfter,
} from './transport/http.ts';
export type { HttpCall, HttpClient, HttpClientOptions } from './transport/http.ts';
export { createSessionRenewal } from './core/sessionRenewal.ts';
export type {
  RefusalSource,
  RenewableSession,
  SessionRenewal,
  SessionRenewalOptions,
} from './core/sessionRenewal.ts';
export { createFileApi } from './transport/fileApi.ts';
export type { FileApi, FileApiOptions, FileLink, FileUploadRequest } from './transport/fileApi.ts';
export { createBrowserNetwork } from './transport/browserNetwork.ts';
export { createAgentSession, createCustomerSession, endSession } from './transport/httpApi.ts';
export type { HttpRequestOptions } from './transport/httpApi.ts';
export { createSocketIoTransport, DEFAULT_UPGRADE_STALL_MS } from './transport/socketIoTransport.ts';
export type {
  NamespaceEventMaps,
  SocketIoTransport,
  SocketIoTransportOptions,
} from './transport/socketIoTransport.ts';
export {
  blend,
  DEFAULT_BLENDING_SETTINGS,
  INTERNAL_CALL_TYPES,
  isInternalCall,
  normalizeBlendingSettings,
} from './core/blending.ts';
export type {
  BlendingDecision,
  BlendingInput,
  BlendingSettings,
  CallType,
  SavedVoiceState,
  VoiceAction,
} from './core/blending.ts';
export { initialFailoverState, reduceFailover } from './core/failover.ts';
export type {
  FailoverEffect,
  FailoverEvent,
  FailoverState,
  FailoverStep,
  FinesseNode,
} from './core/failover.ts';
export { createFailoverMonitor } from './core/failoverMonitor.ts';
export type {
  FailoverChange,
  FailoverMonitor,
  FailoverMonitorEvents,
  FailoverMonitorOptions,
} from './core/failoverMonitor.ts';
export {
  activeCallType,
  callTypeOf,
  DIALOG_STATES,
  toDialogState,
  toVoiceState,
  VOICE_STATES,
} from './core/finesseTypes.ts';
export type {
  DialogState,
  FinesseDialog,
  FinesseNodeInfo,
  FinesseParticipant,
  FinesseReasonCode,
  FinesseSystemInfo,
  ReasonCodeCategory,
  VoiceState,
} from './core/finesseTypes.ts';
export { createFinesseJsAdapter } from './transport/finesseJsAdapter.ts';
export type {
  FinesseJsAdapter,
  FinesseJsAdapterEvents,
  FinesseJsAdapterOptions,
  ReasonCodeChoice,
  VoiceSnapshot,
} from './transport/finesseJsAdapter.ts';
export {
  dialogFromFinesseJs,
  finesseAuthHeader,
  finesseErrorFromResponse,
} from './transport/finesseJsConvert.ts';
export type {
  FinesseGadgetConfig,
  FinesseJsDialog,
  FinesseJsDialogs,
  FinesseJsGlobal,
  FinesseJsReasonCode,
  FinesseJsResponse,
  FinesseJsUser,
} from './transport/finesseJsTypes.ts';
// Finesse XML, REST and XMPP for servers: `hybrid-chat/sdk/finesse` (sdk/finesse.ts), kept out
// of this entry so that browser bundles do not carry an XML parser or an XMPP client.
export { formatHostPort, parseHostPort, parseProxyMap, ProxyMapError } from './core/proxyMap.ts';
export type { HostPort, Parsed, ProxyMap, ProxyMapEntry, ProxyMapIssue } from './core/proxyMap.ts';
export {
  CHAT_SERVER_PREF,
  FINESSE_HOST_PREF,
  ProxyPrefError,
  readGadgetPref,
  resolveExternalServerUrl,
  resolveFinesseBaseUrl,
  serverUrlFromPref,
} from './core/proxyPrefs.ts';
export type { GadgetPrefsSource, PageLocation } from './core/proxyPrefs.ts';
// The customer's side for any UI: config and availability, pre-chat checks, start or resume a
// chat, leave a message, transcript and rating (hybrid-chat/sdk/react has hooks over its store).
export { ChatGoneError, createCustomerClient, FALLBACK_CONFIG } from './customer/customerClient.ts';
export type {
  CustomerChat,
  CustomerClient,
  CustomerClientOptions,
  CustomerConnection,
  CustomerConnectRequest,
  CustomerPorts,
  CustomerState,
  CustomerStatus,
  CustomerTransport,
  LeaveMessage,
  SavedCustomerChat,
  StartChatRequest,
} from './customer/customerTypes.ts';
export { createStore } from './core/store.ts';
export type { Store, WritableStore } from './core/store.ts';
// The agent's side: sign-in, offers, chats, transfer/consult/whisper/wrap-up, canned messages,
// the customer panel, left messages, the supervisor view, and media blending's voice sync.
export { createAgentClient } from './agent/agentClient.ts';
export type { AgentClient, AgentClientOptions } from './agent/agentClient.ts';
export { createAgentStore, initialAgentState } from './agent/agentStore.ts';
export type { AgentActions, AgentStore, AgentStoreOptions, AgentStoreState } from './agent/agentStore.ts';
export type { CollabActions } from './agent/collab.ts';
export type {
  AgentChatsPort,
  AgentEvents,
  AgentNotice,
  AgentNoticeKey,
  AgentState,
  AgentTransport,
  AgentTransportPort,
  PendingOffer,
} from './agent/agentTypes.ts';
export { createAgentApi } from './agent/agentApi.ts';
export type { AgentApi, AgentApiOptions, LeftMessagesApi } from './agent/agentApi.ts';
export { createSupervisorClient } from './agent/supervisor.ts';
export type { MonitorListeners, SupervisorClient } from './agent/supervisor.ts';
export { cannedFor, cannedText, cannedTitle, fillPlaceholders, isCannedMessage } from './agent/canned.ts';
export type { CannedValues } from './agent/canned.ts';
export { agentSocketVoiceSink, createAgentVoiceSync } from './agent/voiceSync.ts';
export type {
  AgentVoiceSync,
  AgentVoiceSyncOptions,
  VoiceSink,
  VoiceSource,
  VoiceSourceSnapshot,
} from './agent/voiceSync.ts';
export { findReasonCode, voiceReportOf } from './core/voiceReport.ts';
export type { VoiceReportInput } from './core/voiceReport.ts';
// Desktop Chat's pure roster and presence helpers, for a UI that shows a roster before (or without)
// loading the XMPP client of hybrid-chat/sdk/desktop-chat.
export { displayName, groupRoster } from './desktop-chat/roster.ts';
export { OFFLINE } from './desktop-chat/presence.ts';
