/**
 * Attachments on the wire: the accepted file types, a shared file's description, and the HTTP answers
 * of upload and signed-link requests (sdk/core/fileTypes.ts, server/features/files/).
 */
import type { ChatMessage } from './chat.ts';

/** The file types a chat accepts, as the server sniffs them from the content (never the client's word). */
export type FileType =
  'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf' | 'text/plain';

/** A file shared in a chat. Fetch it through a short-lived signed link (`FileLinkResponse`). */
export interface FileInfo {
  /** Random id given by the server (never derived from the file name). */
  id: string;
  /** Display name, sanitized by the server. */
  name: string;
  /** Bytes. */
  size: number;
  type: FileType;
}

/** `POST /api/chats/:chatId/files?clientId=&name=` (Bearer session token, raw body): the stored `file` message. */
export interface FileUploadResponse {
  message: ChatMessage;
}

/** `GET /api/chats/:chatId/files/:fileId/link` (Bearer): a signed path to fetch the file without headers (`<img>`). */
export interface FileLinkResponse {
  /** Relative to the chat server's base URL: `/api/files/<id>?exp=…&sig=…`. */
  path: string;
  expiresAt: number;
}
