/*
 * finesse.js, part 10: finesse.restservices.User: loads `GET /finesse/api/User/{id}`, runs the
 * `load` handlers (`onLoad`), then the `change` handlers (`onChange`) for every `<Update>` on the
 * user's node. State changes are a PUT answered 202; the new state arrives as a notification, as
 * with real Finesse. Getters give what the XML holds: `null` for an empty element, as Cisco's do.
 */
import type {
  DialogsHandlers,
  FinesseUser,
  ReasonCodeInfo,
  RestHandlers,
  RestResponse,
  SimDialogs,
  SimInternals,
  UserOptions,
  XmlObject,
} from './types.ts';

declare const __sim: SimInternals;

/** Escapes text for the XML bodies we PUT. */
const xmlText = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type UserEvent = 'change' | 'load';
type CodeHandlers = { success?: (codes: ReasonCodeInfo[]) => void; error?: (r: RestResponse) => void };

/** A reason code as Cisco's `getNotReadyReasonCodes` hands it: the XML fields, `id` from the `uri`. */
function reasonCodeInfo(value: unknown): ReasonCodeInfo {
  const code = __sim.xml.object(value as XmlObject);
  const field = (name: string) => __sim.xml.leaf(code[name]);
  const uri = field('uri') ?? '';
  return {
    category: field('category'),
    code: field('code'),
    label: field('label'),
    forAll: field('forAll'),
    uri,
    id: uri.replace(/\/+$/, '').split('/').pop() || field('id') || '',
  };
}

class User implements FinesseUser {
  static States = {
    LOGIN: 'LOGIN',
    LOGOUT: 'LOGOUT',
    NOT_READY: 'NOT_READY',
    READY: 'READY',
    RESERVED: 'RESERVED',
    RESERVED_OUTBOUND: 'RESERVED_OUTBOUND',
    RESERVED_OUTBOUND_PREVIEW: 'RESERVED_OUTBOUND_PREVIEW',
    TALKING: 'TALKING',
    HOLD: 'HOLD',
    WORK: 'WORK',
    WORK_READY: 'WORK_READY',
  } as const;

  readonly #id: string;
  readonly #path: string;
  #data: XmlObject = {};
  #loaded = false;
  #dialogs: SimDialogs | undefined;
  readonly #handlers: Record<UserEvent, Set<(user: FinesseUser) => void>> = {
    change: new Set(),
    load: new Set(),
  };

  constructor(options: UserOptions) {
    this.#id = String(options.id);
    this.#path = `/finesse/api/User/${encodeURIComponent(this.#id)}`;
    if (options.onChange) this.#handlers.change.add(options.onChange);
    if (options.onLoad) this.#handlers.load.add(options.onLoad);
    __sim.notifications.subscribe(this.#path, (update) => {
      const data = __sim.xml.object(__sim.xml.object(update.Update).data);
      const user = __sim.xml.object(data.user ?? data.User);
      if (!this.#loaded || Object.keys(user).length === 0) return;
      this.#data = user;
      this.#emit('change');
    });
    // After a reconnection a change may have been missed: read the user again.
    __sim.notifications.onConnect(() => {
      if (this.#loaded)
        this.#fetch().then(
          (changed) => changed && this.#emit('change'),
          () => undefined,
        );
    });
    this.#fetch().then(
      () => {
        this.#loaded = true;
        this.#emit('load');
      },
      (response: RestResponse) => options.onError?.(response),
    );
  }

  #emit(event: UserEvent): void {
    for (const handler of [...this.#handlers[event]]) {
      try {
        handler(this);
      } catch (error) {
        console.error(`[finesse.js] User ${event} handler failed`, error);
      }
    }
  }

  /** Reads the user; resolves whether anything changed. */
  async #fetch(): Promise<boolean> {
    const response = await __sim.rest.request('GET', this.#path);
    const next = __sim.xml.object(response.object?.User);
    const changed = JSON.stringify(next) !== JSON.stringify(this.#data);
    this.#data = next;
    return changed;
  }

  #leaf(name: string): string | null {
    return __sim.xml.leaf(this.#data[name]);
  }

  #roles(): string[] {
    return __sim.xml.list(__sim.xml.object(this.#data.roles).role).map((role) => __sim.xml.text(role));
  }

  getId() {
    return this.#id;
  }
  getData() {
    return this.#data;
  }
  isLoaded() {
    return this.#loaded;
  }
  /** `change` (every update) or `load` (the first read). */
  addHandler(event: UserEvent, handler: (user: FinesseUser) => void) {
    this.#handlers[event]?.add(handler);
  }
  removeHandler(event: UserEvent, handler: (user: FinesseUser) => void) {
    this.#handlers[event]?.delete(handler);
  }
  getState() {
    return this.#leaf('state');
  }
  getPendingState() {
    return this.#leaf('pendingState');
  }
  getStateChangeTime() {
    return this.#leaf('stateChangeTime');
  }
  getLoginId() {
    return this.#leaf('loginId');
  }
  getLoginName() {
    return this.#leaf('loginName');
  }
  getExtension() {
    return this.#leaf('extension');
  }
  getFirstName() {
    return this.#leaf('firstName');
  }
  getLastName() {
    return this.#leaf('lastName');
  }
  getTeamId() {
    return this.#leaf('teamId');
  }
  getTeamName() {
    return this.#leaf('teamName');
  }
  hasAgentRole() {
    return this.#roles().includes('Agent');
  }
  hasSupervisorRole() {
    return this.#roles().includes('Supervisor');
  }
  /** A supervisor's teams (`<teams><Team>`: id, name, uri); none for an agent. */
  getSupervisedTeams() {
    return __sim.xml.list(__sim.xml.object(this.#data.teams).Team).map(__sim.xml.object);
  }
  /** The NOT_READY (or LOGOUT) reason code id; `undefined` when the state has none (`-1`). */
  getNotReadyReasonCodeId() {
    const raw = this.#leaf('reasonCodeId');
    const id = raw === null ? Number.NaN : Number(raw);
    return Number.isInteger(id) && id >= 0 ? id : undefined;
  }
  getReasonCodeLabel() {
    return __sim.xml.leaf(__sim.xml.object(this.#data.ReasonCode).label);
  }

  #reasonCodes(category: 'NOT_READY' | 'LOGOUT', handlers: CodeHandlers = {}) {
    __sim.rest.request('GET', `${this.#path}/ReasonCodes?category=${category}`).then((response) => {
      const list = __sim.xml.list(__sim.xml.object(response.object?.ReasonCodes).ReasonCode);
      handlers.success?.(list.map(reasonCodeInfo));
    }, handlers.error);
  }
  getNotReadyReasonCodes(handlers: CodeHandlers) {
    this.#reasonCodes('NOT_READY', handlers);
  }
  getSignOutReasonCodes(handlers: CodeHandlers) {
    this.#reasonCodes('LOGOUT', handlers);
  }

  setState(
    state: string,
    reasonCode: { id: string | number } | null | undefined,
    handlers: RestHandlers = {},
  ) {
    const reason = reasonCode ? `<reasonCodeId>${xmlText(String(reasonCode.id))}</reasonCodeId>` : '';
    const body = `<User><state>${xmlText(String(state))}</state>${reason}</User>`;
    __sim.rest.request('PUT', this.#path, body).then(handlers.success, handlers.error);
    return this;
  }

  /** The user's Dialogs collection: one object for the user's life, kept current by notifications. */
  getDialogs(handlers: DialogsHandlers = {}) {
    if (!this.#dialogs) this.#dialogs = __sim.createDialogs(this.#id, handlers);
    else this.#dialogs.listen(handlers);
    return this.#dialogs;
  }

  /** Places a call from the agent's extension (MAKE_CALL, as `Dialogs.createNewCallDialog`). */
  makeCall(number: string, handlers: RestHandlers = {}) {
    this.getDialogs().createNewCallDialog(String(number), this.getExtension() ?? '', handlers);
    return this;
  }

  /** The phone books assigned to the agent (`GET /finesse/api/User/{id}/PhoneBooks`). */
  getPhoneBooks(handlers: { onLoad?: (books: unknown) => void; onError?: (r: RestResponse) => void } = {}) {
    let books: XmlObject[] = [];
    let loaded = false;
    const collection = {
      getCollection: () => Object.fromEntries(books.map((book) => [__sim.xml.text(book.id), book])),
      isLoaded: () => loaded,
    };
    __sim.rest.request('GET', `${this.#path}/PhoneBooks`).then((response) => {
      books = __sim.xml.list(__sim.xml.object(response.object?.PhoneBooks).PhoneBook).map(__sim.xml.object);
      loaded = true;
      handlers.onLoad?.(collection);
    }, handlers.onError);
    return collection;
  }
}

__sim.finesse.restservices = { ...__sim.finesse.restservices, User };
