/**
 * Protocol-wide constants and envelopes: the version, the limits the server enforces, the socket.io
 * namespaces and handshake, participants, and the result/error shape every ack and HTTP error uses.
 */
import type { HybridChatErrorCode } from '../errors.ts';

export const PROTOCOL_VERSION = 1;

/** Limits enforced by the server; clients use them to warn early. */
export const LIMITS = {
  messageText: 4000,
  name: 80,
  clientId: 64,
  preChatFields: 12,
  preChatValue: 500,
  /** Default upload limit (the server's `MAX_UPLOAD_BYTES` decides); clients refuse bigger files early. */
  fileBytes: 10 * 1024 * 1024,
  fileName: 255,
  /** A transfer/consult note or wrap-up notes. */
  note: 1000,
} as const;

export const NAMESPACES = { customer: '/customer', agent: '/agent' } as const;

/** The socket.io handshake `auth` of both namespaces. */
export interface HandshakeAuth {
  token: string;
}

export type ParticipantRole = 'customer' | 'agent' | 'system';

export interface ParticipantRef {
  role: ParticipantRole;
  id: string;
  name: string;
}

export interface ProtocolErrorBody {
  code: HybridChatErrorCode;
  message: string;
  /** RATE_LIMITED: milliseconds to wait before the same request can succeed (HTTP also sends `Retry-After`). */
  retryAfterMs?: number;
}

/** Every acknowledgement carries a result: socket.io acks cannot reject. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolErrorBody };
export type Ack<T> = (result: Result<T>) => void;

/** Body of every HTTP error answer. */
export interface HttpErrorResponse {
  error: ProtocolErrorBody;
}
