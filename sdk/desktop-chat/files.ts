/**
 * Sending files in the desktop chat: HTTP File Upload (XEP-0363) to the server's upload service
 * (Prosody's mod_http_file_share; Cisco IM and Presence's file transfer), then an offer in the chat
 * (fileStanzas.ts) that the colleague accepts or declines. The admin's limits and the service's
 * size limit are checked before uploading (fileLimits.ts).
 */
import type { XmppElement } from '@xmpp/client';
import type { Emitter } from '../core/emitter.ts';
import { HybridChatError } from '../core/errors.ts';
import { uuid } from '../core/uuid.ts';
import { findService } from './disco.ts';
import { FileLimitError, XmppStanzaError } from './errors.ts';
import { checkFile } from './fileLimits.ts';
import {
  fileAnswerMessage,
  fileOfferMessage,
  maxFileSize,
  NS_UPLOAD,
  parseSlot,
  slotRequest,
} from './fileStanzas.ts';
import { bareJid } from './stanzas.ts';
import type { ChatMessage, DesktopChat, DesktopChatEvents, FileLimits } from './types.ts';

export interface FileApiDeps {
  readonly emitter: Emitter<DesktopChatEvents>;
  /** Emits a message this client sent (inbound.ts remembers it). */
  readonly sent: (message: ChatMessage) => void;
  readonly request: (stanza: XmppElement) => Promise<XmppElement>;
  readonly send: (stanza: XmppElement) => Promise<void>;
  readonly domain: string;
  readonly limits: FileLimits | false | undefined;
  readonly fetch?: typeof fetch;
}

interface UploadService {
  readonly jid: string;
  readonly maxBytes: number | undefined;
}

export type FileApi = Pick<DesktopChat, 'sendFile' | 'answerFile'> & {
  /** A new session: the upload service is looked up again. */
  reset(): void;
};

export function createFileApi(deps: FileApiDeps): FileApi {
  let service: Promise<UploadService> | null = null;

  /** The upload service among the domain's items (XEP-0363 section 3). */
  async function discover(): Promise<UploadService> {
    const found = await findService(deps.request, deps.domain, NS_UPLOAD);
    if (!found) throw new HybridChatError('NOT_FOUND', 'the chat server offers no file upload (XEP-0363)');
    return { jid: found.jid, maxBytes: maxFileSize(found.info) };
  }

  function uploadService(): Promise<UploadService> {
    service ??= discover().catch((error: unknown) => {
      service = null; // Tried again next time.
      throw error;
    });
    return service;
  }

  async function requestSlot(to: string, file: Parameters<DesktopChat['sendFile']>[1]) {
    try {
      const slot = parseSlot(await deps.request(slotRequest(to, file)));
      if (!slot) throw new HybridChatError('PROTOCOL', 'the upload service gave no usable slot');
      return slot;
    } catch (error) {
      // XEP-0363 section 4.1: refused as too large (with file-too-large) or of a refused type.
      if (error instanceof XmppStanzaError && error.condition === 'not-acceptable') {
        const text = error.message.toLowerCase();
        if (text.includes('type'))
          throw new FileLimitError('FILE_TYPE', `${file.name}: ${error.message}`, []);
        throw new FileLimitError('FILE_TOO_LARGE', `${file.name}: ${error.message}`, file.size);
      }
      throw error;
    }
  }

  return {
    reset() {
      service = null;
    },

    async sendFile(to, file) {
      checkFile(file, deps.limits); // Before any network: a clear refusal at once.
      const found = await uploadService();
      checkFile(file, deps.limits, found.maxBytes);
      const slot = await requestSlot(found.jid, file);
      const body =
        file.data instanceof Uint8Array ? new Blob([file.data as Uint8Array<ArrayBuffer>]) : file.data;
      const response = await (deps.fetch ?? fetch)(slot.put, {
        method: 'PUT',
        body,
        headers: { ...slot.headers, 'Content-Type': file.type || 'application/octet-stream' },
      }).catch((error: unknown) => {
        throw new HybridChatError('DISCONNECTED', `upload of ${file.name} failed`, { cause: error });
      });
      if (!response.ok) {
        if (response.status === 413)
          throw new FileLimitError('FILE_TOO_LARGE', `${file.name} is too large`, file.size);
        throw new HybridChatError('PROTOCOL', `upload of ${file.name} refused (HTTP ${response.status})`);
      }
      const id = uuid();
      const peer = bareJid(to);
      const offered = {
        name: file.name,
        size: file.size,
        type: file.type || 'application/octet-stream',
        url: slot.get,
      };
      await deps.send(fileOfferMessage(peer, id, offered));
      const message: ChatMessage = {
        id,
        peer,
        direction: 'out',
        body: slot.get,
        at: Date.now(),
        delayed: false,
        carbon: false,
        file: { ...offered, state: 'offered' },
      };
      deps.sent(message);
      return message;
    },

    async answerFile(peer, messageId, answer) {
      const jid = bareJid(peer);
      await deps.send(fileAnswerMessage(jid, messageId, answer));
      deps.emitter.emit('fileAnswer', { peer: jid, id: messageId, answer, by: 'self' });
    },
  };
}
