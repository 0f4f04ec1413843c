/**
 * The desktop chat's errors, all HybridChatError subclasses (sdk/core/errors.ts), and the mapping
 * from what xmpp.js throws (its SASLError, StanzaError, StreamError, TimeoutError, WebSocket and
 * BOSH failures) onto them.
 */
import { HybridChatError, TimeoutError, type HybridChatErrorCode } from '../core/errors.ts';

/** No configured server could be reached; `attempts` says what each one answered. */
export class XmppConnectionError extends HybridChatError {
  readonly attempts: ReadonlyArray<{ readonly url: string; readonly error: unknown }>;
  constructor(message: string, attempts: ReadonlyArray<{ url: string; error: unknown }>) {
    super('DISCONNECTED', message, { cause: attempts.at(-1)?.error });
    this.name = 'XmppConnectionError';
    this.attempts = attempts;
  }
}

/** The server refused the credentials (RFC 6120 section 6.5, SASL failure). */
export class XmppAuthError extends HybridChatError {
  readonly condition: string;
  constructor(condition: string, options?: { cause?: unknown }) {
    super('UNAUTHORIZED', `sign-in refused: ${condition}`, options);
    this.name = 'XmppAuthError';
    this.condition = condition;
  }
}

/** An iq or message answered with an error (RFC 6120 section 8.3). */
export class XmppStanzaError extends HybridChatError {
  readonly condition: string;
  constructor(condition: string, text: string | undefined, options?: { cause?: unknown }) {
    super(stanzaCode(condition), text ? `${condition}: ${text}` : condition, options);
    this.name = 'XmppStanzaError';
    this.condition = condition;
  }
}

/** The stream broke or was closed by the server (RFC 6120 section 4.9). */
export class XmppStreamError extends HybridChatError {
  readonly condition: string;
  constructor(condition: string, options?: { cause?: unknown }) {
    super(condition === 'conflict' ? 'CONFLICT' : 'DISCONNECTED', `stream closed: ${condition}`, options);
    this.name = 'XmppStreamError';
    this.condition = condition;
  }
}

function stanzaCode(condition: string): HybridChatErrorCode {
  switch (condition) {
    case 'bad-request':
    case 'jid-malformed':
    case 'not-acceptable':
      return 'BAD_REQUEST';
    case 'not-authorized':
      return 'UNAUTHORIZED';
    case 'forbidden':
    case 'not-allowed':
      return 'FORBIDDEN';
    case 'item-not-found':
    case 'recipient-unavailable':
    case 'service-unavailable':
      return 'NOT_FOUND';
    case 'conflict':
      return 'CONFLICT';
    case 'resource-constraint':
    case 'policy-violation':
      return 'RATE_LIMITED';
    case 'remote-server-timeout':
      return 'TIMEOUT';
    default:
      return 'PROTOCOL';
  }
}

interface XmppJsError {
  name?: string;
  condition?: string;
  text?: string;
  message?: string;
}

/** Whatever xmpp.js rejected or emitted, as a HybridChatError. */
export function toHybridChatError(error: unknown): HybridChatError {
  if (error instanceof HybridChatError) return error;
  const e = (error ?? {}) as XmppJsError;
  const condition = e.condition ?? 'undefined-condition';
  switch (e.name) {
    case 'SASLError':
      return new XmppAuthError(condition, { cause: error });
    case 'StanzaError':
      return new XmppStanzaError(condition, e.text, { cause: error });
    case 'StreamError':
      return new XmppStreamError(condition, { cause: error });
    case 'TimeoutError':
      return new TimeoutError(e.message || 'XMPP request timed out');
    default:
      return new HybridChatError('DISCONNECTED', e.message || String(error), { cause: error });
  }
}

/** Whether the error says the server could not be reached at all (so another may be tried). */
export function isUnreachable(error: unknown): boolean {
  const converted = toHybridChatError(error);
  return (
    !(converted instanceof XmppAuthError) &&
    (converted.code === 'DISCONNECTED' || converted.code === 'TIMEOUT')
  );
}

/**
 * A file refused before upload: larger than the admin's or the server's limit (`FILE_TOO_LARGE`),
 * a type the admin does not allow (`FILE_TYPE`), or files are off (`FORBIDDEN`).
 */
export class FileLimitError extends HybridChatError {
  /** The limit that refused it: bytes for FILE_TOO_LARGE, the allowed types for FILE_TYPE. */
  readonly limit: number | readonly string[] | null;
  constructor(
    code: 'FILE_TOO_LARGE' | 'FILE_TYPE' | 'FORBIDDEN',
    message: string,
    limit: number | readonly string[] | null,
  ) {
    super(code, message);
    this.name = 'FileLimitError';
    this.limit = limit;
  }
}
