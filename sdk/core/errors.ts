/** Every error the SDK raises carries one of these codes. */
export type HybridChatErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'DISCONNECTED'
  | 'PROTOCOL'
  | 'FINESSE'
  | 'PROXY_MAP'
  | 'FILE_TOO_LARGE'
  | 'FILE_TYPE'
  /** A part the server depends on (its database) cannot be reached for now. */
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface HybridChatErrorOptions {
  cause?: unknown;
  /** RATE_LIMITED: how long to wait before the same request can succeed. */
  retryAfterMs?: number;
}

export class HybridChatError extends Error {
  readonly code: HybridChatErrorCode;
  /** RATE_LIMITED: the wait the server asked for before trying again (absent when it did not say). */
  readonly retryAfterMs: number | undefined;

  constructor(code: HybridChatErrorCode, message: string, options?: HybridChatErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HybridChatError';
    this.code = code;
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** Whether trying the same request again later may succeed. */
  get retryable(): boolean {
    return (
      this.code === 'TIMEOUT' ||
      this.code === 'DISCONNECTED' ||
      this.code === 'RATE_LIMITED' ||
      this.code === 'UNAVAILABLE'
    );
  }
}

/** A payload that does not match the protocol, from either side. */
export class ProtocolError extends HybridChatError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PROTOCOL', message, options);
    this.name = 'ProtocolError';
  }
}

export class TimeoutError extends HybridChatError {
  constructor(message: string) {
    super('TIMEOUT', message);
    this.name = 'TimeoutError';
  }
}

/** An error answered by Finesse REST (`<ApiErrors>`) or a failed call to it. */
export class FinesseError extends HybridChatError {
  readonly status: number;
  readonly errorType: string | undefined;

  constructor(message: string, status: number, errorType?: string, options?: { cause?: unknown }) {
    super('FINESSE', message, options);
    this.name = 'FinesseError';
    this.status = status;
    this.errorType = errorType;
  }
}
