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
export type XmlValue = string | null | XmlObject | XmlValue[];
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

/** A reason code as `getNotReadyReasonCodes` hands it: the XML fields, `id` taken from the `uri`. */
export interface ReasonCodeInfo {
  id: string;
  label: string | null;
  code: string | null;
  category: string | null;
  forAll: string | null;
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
  isLoaded(): boolean;
  getMediaType(): string | null;
  getFromAddress(): string | null;
  getToAddress(): string | null;
  getState(): string | null;
  getCallType(): string | null;
  getParticipants(): XmlObject[];
  getMediaProperties(): Record<string, string | null>;
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
  /** The same object on every call, kept current. */
  getCollection(): Record<string, FinesseDialog>;
  isLoaded(): boolean;
  addHandler(event: 'collectionAdd' | 'collectionDelete' | 'load', handler: (value: never) => void): void;
  removeHandler(event: 'collectionAdd' | 'collectionDelete' | 'load', handler: (value: never) => void): void;
  /** MAKE_CALL: `POST /User/{id}/Dialogs`; the dialog itself comes as onCollectionAdd. */
  createNewCallDialog(toAddress: string, fromAddress: string, handlers?: RestHandlers): FinesseDialogs;
}

/** The collection as the library keeps it: one per user, more handlers added by later `getDialogs`. */
export interface SimDialogs extends FinesseDialogs {
  listen(handlers: DialogsHandlers): void;
}

export interface UserOptions {
  id: string;
  onLoad?: (user: FinesseUser) => void;
  onChange?: (user: FinesseUser) => void;
  onError?: (response: RestResponse) => void;
}

type CodesHandlers = { success?: (codes: ReasonCodeInfo[]) => void; error?: (r: RestResponse) => void };

export interface FinesseUser {
  getId(): string;
  getData(): XmlObject;
  isLoaded(): boolean;
  addHandler(event: 'change' | 'load', handler: (user: FinesseUser) => void): void;
  removeHandler(event: 'change' | 'load', handler: (user: FinesseUser) => void): void;
  getState(): string | null;
  getPendingState(): string | null;
  getStateChangeTime(): string | null;
  getLoginId(): string | null;
  getLoginName(): string | null;
  getExtension(): string | null;
  getFirstName(): string | null;
  getLastName(): string | null;
  getTeamId(): string | null;
  getTeamName(): string | null;
  hasAgentRole(): boolean;
  hasSupervisorRole(): boolean;
  getSupervisedTeams(): XmlObject[];
  /** `undefined` when the state has no reason code. */
  getNotReadyReasonCodeId(): number | undefined;
  getReasonCodeLabel(): string | null;
  getNotReadyReasonCodes(handlers: CodesHandlers): void;
  getSignOutReasonCodes(handlers: CodesHandlers): void;
  setState(
    state: string,
    reasonCode: { id: string | number } | null | undefined,
    handlers?: RestHandlers,
  ): FinesseUser;
  getDialogs(handlers?: DialogsHandlers): FinesseDialogs;
  makeCall(number: string, handlers?: RestHandlers): FinesseUser;
  getPhoneBooks(handlers?: { onLoad?: (books: unknown) => void; onError?: (r: RestResponse) => void }): {
    getCollection(): Record<string, XmlObject>;
    isLoaded(): boolean;
  };
}

export interface ClientServicesApi {
  init(config: Partial<GadgetConfig>, bypassServerCheck?: boolean): void;
  makeRequest(url: string, handler: (response: unknown) => void, params?: Record<string, unknown>): void;
  getRestHost(): string;
  registerOnConnectHandler(handler: () => void): void;
}

export interface UtilitiesApi {
  getAuthHeaderString(config: Partial<GadgetConfig>): string;
  getUserAuthString(): string;
  isEmpty(value: unknown): boolean;
  isNotEmpty(value: unknown): boolean;
  b64Encode(text: string): string;
  b64Decode(text: string): string;
  getId(uri: string): string;
  pad(value: number | string): string;
  getDOMParser(): DOMParser;
  translateHTMLEntities(value: string, decode?: boolean): string;
  extractTime(timestamp: string): number;
  convertTsToDate(timestamp: string): Date;
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
  reloadMyGadgetFromUrl(url: string): void;
  tabVisible(): boolean;
}

export interface FinesseNamespace {
  gadget: { Config: GadgetConfig };
  clientservices: { ClientServices: ClientServicesApi };
  containerservices: { ContainerServices: ContainerServicesApi };
  restservices: {
    User: (new (options: UserOptions) => FinesseUser) & { States: UserStates };
    Dialog: (new (data: XmlObject) => FinesseDialog) & {
      States: Record<
        'ALERTING' | 'INITIATING' | 'INITIATED' | 'ACTIVE' | 'DROPPED' | 'FAILED' | 'ACCEPTED',
        string
      >;
      Actions: Readonly<Record<string, string>>;
      ParticipantStates: Readonly<Record<string, string>>;
    };
    Dialogs: new (userId: string, handlers: DialogsHandlers) => FinesseDialogs;
  };
  utilities: { Utilities: UtilitiesApi };
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
  /** The served version's names this library lacks (finesseJsSurface.ts); removed by the last part. */
  absent?: readonly string[];
  /** "Basic …" or "Bearer …" for the library's own requests, whatever the version's Utilities has. */
  authHeader(config: Partial<GadgetConfig>): string;
  /** The config given to `ClientServices.init`, read live (Config's fields are getters). */
  clientConfig: Partial<GadgetConfig> | undefined;
  xml: {
    parse(text: string): XmlObject | null;
    text(value: XmlValue | undefined): string;
    /** A leaf's text; `null` for an empty element or anything that is not text. */
    leaf(value: XmlValue | undefined): string | null;
    /** An element's object, or `{}` for anything else. */
    object(value: XmlValue | undefined): XmlObject;
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
  createDialogs(userId: string, handlers: DialogsHandlers): SimDialogs;
}
