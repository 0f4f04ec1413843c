/**
 * `hybrid-chat/sdk/desktop-chat`: agents chatting with colleagues over XMPP (Cisco IM and Presence)
 * from the Finesse desktop, over WebSocket (RFC 7395) or BOSH (XEP-0206).
 */
export { createDesktopChat } from './desktopChat.ts';
export { createConversations, CONVERSATIONS_KEY } from './conversations.ts';
export { agentDirectory } from './directory.ts';
export { checkFile, typeAllowed } from './fileLimits.ts';
export type { AgentDirectoryOptions, AgentDirectoryResponse } from './directory.ts';
export type {
  ChatMessage,
  ContactFields,
  Conversation,
  Conversations,
  ConversationsOptions,
  ConversationsState,
  DirectoryEntry,
  DesktopChat,
  DesktopChatEvents,
  DesktopChatOptions,
  DesktopChatService,
  DesktopChatStatus,
  DesktopChatTransport,
  FileAnswer,
  FileInfo,
  FileLimits,
  KeyValueStorage,
  OutgoingFile,
  ServedBy,
} from './types.ts';
export {
  FileLimitError,
  XmppAuthError,
  XmppConnectionError,
  XmppStanzaError,
  XmppStreamError,
  toHybridChatError,
} from './errors.ts';
export { HybridChatError } from '../core/errors.ts';
export { ChatStateTracker, CHAT_STATES } from './chatStates.ts';
export type { ChatState, ChatStateTimings } from './chatStates.ts';
export { combinePresence, OFFLINE } from './presence.ts';
export type { Availability, CombinedPresence, ResourcePresence, Show } from './presence.ts';
export { displayName, groupRoster } from './roster.ts';
export type { RosterGroup, RosterItem, Subscription } from './roster.ts';
export { addBoshTransport, createBoshTransport } from '../transport/bosh/boshTransport.ts';
export { BoshError } from '../transport/bosh/boshTypes.ts';
export type { BoshHttp, BoshHttpResponse } from '../transport/bosh/boshTypes.ts';
