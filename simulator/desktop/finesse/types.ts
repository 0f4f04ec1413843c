/**
 * Types of the simulator's finesse.js: the public API (only what real finesse.js offers, with the
 * same names and shapes) and the private `__sim`
 * object its parts share inside the one script. Type-only; never served.
 */

/** `finesse.gadget.Config` (Cisco "Gadget Configuration"). All strings, as prefs are. */
export interface GadgetConfig {
  id: string;
  authorization: string;
  authToken: string;
  host: string;
  hostPort: string;
  restHost: string;
  scheme: string;
  xmppDomain: string;
  pubsubDomain: string;
  locale: string;
  country: string;
  language: string;
  extension: string;
  teamId: string;
  teamName: string;
  systemAuthMode: string;
  deploymentType: string;
  clientDriftInMillis: number;
}

/** XML as finesse.js hands it to handlers: elements → properties, repeats → arrays, leaves → text. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

/** What REST handlers receive: `error.object.ApiErrors.ApiError.ErrorType` etc. */
export interface RestResponse {
  status: number;
  content: string;
  object: XmlObject | null;
}

export interface RestHandlers {
  success?: (response: RestResponse) => void;
  error?: (response: RestResponse) => void;
}

export interface ReasonCodeInfo {
  id: string;
  label: string;
  code: string;
  category: string;
  forAll: string;
  uri: string;
}

export interface UserStates {
  readonly LOGIN: 'LOGIN';
  readonly LOGOUT: 'LOGOUT';
  readonly NOT_READY: 'NOT_READY';
  readonly READY: 'READY';
  readonly RESERVED: 'RESERVED';
  readonly RESERVED_OUTBOUND: 'RESERVED_OUTBOUND';
  readonly RESERVED_OUTBOUND_PREVIEW: 'RESERVED_OUTBOUND_PREVIEW';
  readonly TALKING: 'TALKING';
  readonly HOLD: 'HOLD';
  readonly WORK: 'WORK';
  readonly WORK_READY: 'WORK_READY';
}

export interface FinesseDialog {
  getId(): string;
  getData(): XmlObject;
  getMediaType(): string;
  getFromAddress(): string;
  getToAddress(): string;
  getState(): string;
  getParticipants(): XmlObject[];
  getMediaProperties(): Record<string, string>;
  /** `PUT /finesse/api/Dialog/{id}` with `targetMediaAddress` and `requestedAction`. */
  requestAction(mediaAddress: string, action: string, handlers?: RestHandlers): FinesseDialog;
  addHandler(event: 'change', handler: (dialog: FinesseDialog) => void): void;
  removeHandler(event: 'change', handler: (dialog: FinesseDialog) => void): void;
}

export interface DialogsHandlers {
  onCollectionAdd?: (dialog: FinesseDialog) => void;
  onCollectionDelete?: (dialog: FinesseDialog) => void;
  onLoad?: (dialogs: FinesseDialogs) => void;
  onError?: (response: RestResponse) => void;
}

export interface FinesseDialogs {
  getCollection(): Record<string, FinesseDialog>;
  /** MAKE_CALL: `POST /User/{id}/Dialogs`; the dialog itself comes as onCollectionAdd. */
  createNewCallDialog(toAddress: string, fromAddress: string, handlers?: RestHandlers): FinesseDialogs;
}

export interface UserOptions {
  id: string;
  onLoad?: (user: FinesseUser) => void;
  onChange?: (user: FinesseUser) => void;
  onError?: (response: RestResponse) => void;
}

export interface FinesseUser {
  getId(): string;
  getData(): XmlObject;
  getState(): string;
  getPendingState(): string;
  getStateChangeTime(): string;
  getExtension(): string;
  getFirstName(): string;
  getLastName(): string;
  getTeamId(): string;
  getTeamName(): string;
  hasAgentRole(): boolean;
  hasSupervisorRole(): boolean;
  getNotReadyReasonCodeId(): number;
  getReasonCodeLabel(): string;
  getNotReadyReasonCodes(handlers: {
    success?: (codes: ReasonCodeInfo[]) => void;
    error?: (r: RestResponse) => void;
  }): void;
  setState(
    state: string,
    reasonCode: { id: string | number } | null | undefined,
    handlers?: RestHandlers,
  ): FinesseUser;
  getDialogs(handlers?: DialogsHandlers): FinesseDialogs;
}

export interface ContainerServicesApi {
  Topics: Record<
    | 'ACTIVE_TAB'
    | 'ACTIVE_CALL_STATUS_EVENT'
    | 'MAX_AVAILABLE_HEIGHT_CHANGED_EVENT'
    | 'GADGET_VIEW_CHANGED_EVENT',
    string
  >;
  init(): ContainerServicesApi;
  addHandler(topic: string, handler: (data?: unknown) => void): void;
  removeHandler(topic: string, handler: (data?: unknown) => void): void;
  makeActiveTabReq(): void;
  activateMyTab(): void;
  getMyTabId(): string;
  getMyGadgetId(): string;
  showDialog(options: { title?: string; message?: string; isBlocking?: boolean }): void;
  hideDialog(): void;
  reloadMyGadget(): void;
}

export interface FinesseNamespace {
  gadget: { Config: GadgetConfig };
  clientservices: {
    ClientServices: { init(config: Partial<GadgetConfig>, bypassServerCheck?: boolean): void };
  };
  containerservices: { ContainerServices: ContainerServicesApi };
  restservices: {
    User: (new (options: UserOptions) => FinesseUser) & { States: UserStates };
    Dialog: {
      States: Record<
        'ALERTING' | 'INITIATING' | 'INITIATED' | 'ACTIVE' | 'DROPPED' | 'FAILED' | 'ACCEPTED',
        string
      >;
      Actions: Readonly<Record<string, string>>;
      ParticipantStates: Readonly<Record<string, string>>;
    };
  };
  utilities: { Utilities: { getAuthHeaderString(config: Partial<GadgetConfig>): string } };
  cslogger: {
    ClientLogger: {
      init(...args: unknown[]): void;
      log(message: unknown): void;
      error(message: unknown): void;
    };
  };
}

/** A notification handler: the parsed `<Update>` and its raw XML. */
export type UpdateHandler = (update: XmlObject, payload: string) => void;

/** What the parts of finesse.js share privately (declared in each part as `declare const __sim`). */
export interface SimInternals {
  finesse: FinesseNamespace;
  /** The config given to `ClientServices.init`, read live (Config's fields are getters). */
  clientConfig: Partial<GadgetConfig> | undefined;
  xml: {
    parse(text: string): XmlObject | null;
    text(value: XmlValue | undefined): string;
    list(value: XmlValue | undefined): XmlValue[];
  };
  rest: {
    request(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: string): Promise<RestResponse>;
  };
  notifications: {
    /** (Re)connects for the current `clientConfig`. */
    restart(): void;
    subscribe(node: string, handler: UpdateHandler): () => void;
    /** Called after every (re)connection, so loaded objects can refresh what they may have missed. */
    onConnect(handler: () => void): () => void;
  };
  /** Loads a user's Dialogs collection and keeps it current (used by `User.getDialogs`). */
  createDialogs(userId: string, handlers: DialogsHandlers): FinesseDialogs;
}
