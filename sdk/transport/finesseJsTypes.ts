/**
 * finesse.js, typed only as far as our code calls it, with its real names, so that the simulator's
 * finesse.js and Cisco's both fit (simulator/finesseJsUsage.ts checks these names against every
 * Finesse release the simulator plays).
 */
/** What finesse.js hands REST handlers: `error.object.ApiErrors.ApiError.{ErrorType, ErrorMessage}`. */
export interface FinesseJsResponse {
  status?: number;
  content?: string;
  object?: unknown;
}

export interface FinesseJsReasonCode {
  id: string | number;
  label?: string;
}

/** Cisco's getters give `null` for an empty XML element. */
export interface FinesseJsDialog {
  getId(): string;
  getMediaType(): string | null;
  getFromAddress(): string | null;
  getToAddress(): string | null;
  getState(): string | null;
  getParticipants(): unknown[];
  /** callType, dialedNumber, … and the call variables flattened by name. */
  getMediaProperties(): Record<string, unknown>;
  addHandler(event: 'change', handler: (dialog: FinesseJsDialog) => void): void;
  removeHandler(event: 'change', handler: (dialog: FinesseJsDialog) => void): void;
}

export interface FinesseJsDialogs {
  getCollection(): Record<string, FinesseJsDialog>;
}

export interface FinesseJsUser {
  getState(): string | null;
  getPendingState(): string | null;
  getStateChangeTime(): string | null;
  getNotReadyReasonCodeId(): number | string | undefined | null;
  getReasonCodeLabel(): string | undefined | null;
  getNotReadyReasonCodes(handlers: {
    success: (codes: FinesseJsReasonCode[]) => void;
    error: (response: FinesseJsResponse) => void;
  }): void;
  setState(
    state: string,
    reasonCode: FinesseJsReasonCode | null,
    handlers: { success: () => void; error: (response: FinesseJsResponse) => void },
  ): unknown;
  getDialogs(handlers: {
    onCollectionAdd?: (dialog: FinesseJsDialog) => void;
    onCollectionDelete?: (dialog: FinesseJsDialog) => void;
    onLoad?: (dialogs: FinesseJsDialogs) => void;
    onError?: (response: FinesseJsResponse) => void;
  }): FinesseJsDialogs;
}

/**
 * `finesse.gadget.Config` (Cisco "Gadget Configuration"): `id`, and what the Authorization header is
 * made of (`getAuthHeaderString` reads the same fields).
 */
export interface FinesseGadgetConfig {
  id: string;
  /** base64 of `id:password` (non-SSO). */
  authorization?: string;
  /** SSO access token. */
  authToken?: string;
  systemAuthMode?: string;
}

/** The `window.finesse` global, as far as the adapter uses it. */
export interface FinesseJsGlobal {
  restservices: {
    User: new (options: {
      id: string;
      onLoad?: (user: FinesseJsUser) => void;
      onChange?: (user: FinesseJsUser) => void;
      onError?: (response: FinesseJsResponse) => void;
    }) => FinesseJsUser;
  };
  /**
   * `Utilities.getAuthHeaderString` exists from Finesse 11; Finesse 10.x has no such
   * function, and the header is built from the config (see `finesseAuthHeader`).
   */
  utilities?: { Utilities?: { getAuthHeaderString?(config: FinesseGadgetConfig): string } };
}
