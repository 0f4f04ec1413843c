/*
 * finesse.js, part 10: finesse.restservices.User: loads `GET /finesse/api/User/{id}`,
 * calls `onLoad`, then `onChange` for every `<Update>` on the user's node. State changes are a
 * PUT answered 202; the new state arrives as a notification, as with real Finesse.
 */
import type {
  DialogsHandlers,
  FinesseDialogs,
  FinesseUser,
  ReasonCodeInfo,
  RestHandlers,
  RestResponse,
  SimInternals,
  UserOptions,
  XmlObject,
  XmlValue,
} from './types.ts';

declare const __sim: SimInternals;

const asObject = (value: XmlValue | undefined): XmlObject =>
  typeof value === 'object' && !Array.isArray(value) ? value : {};

/** Escapes text for the XML bodies we PUT. */
const xmlText = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

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

  constructor(options: UserOptions) {
    this.#id = String(options.id);
    this.#path = `/finesse/api/User/${encodeURIComponent(this.#id)}`;
    __sim.notifications.subscribe(this.#path, (update) => {
      const data = asObject(asObject(update.Update).data);
      const user = asObject(data.user ?? data.User);
      if (!this.#loaded || Object.keys(user).length === 0) return;
      this.#data = user;
      options.onChange?.(this);
    });
    // After a reconnection a change may have been missed: read the user again.
    __sim.notifications.onConnect(() => {
      if (this.#loaded)
        this.#fetch().then(
          (changed) => changed && options.onChange?.(this),
          () => undefined,
        );
    });
    this.#fetch().then(
      () => {
        this.#loaded = true;
        options.onLoad?.(this);
      },
      (response: RestResponse) => options.onError?.(response),
    );
  }

  /** Reads the user; resolves whether anything changed. */
  async #fetch(): Promise<boolean> {
    const response = await __sim.rest.request('GET', this.#path);
    const next = asObject(response.object?.User);
    const changed = JSON.stringify(next) !== JSON.stringify(this.#data);
    this.#data = next;
    return changed;
  }

  #text(name: string): string {
    return __sim.xml.text(this.#data[name]);
  }

  #roles(): string[] {
    return __sim.xml.list(asObject(this.#data.roles).role).map((role) => __sim.xml.text(role));
  }

  getId = () => this.#id;
  getData = () => this.#data;
  getState = () => this.#text('state');
  getPendingState = () => this.#text('pendingState');
  getStateChangeTime = () => this.#text('stateChangeTime');
  getExtension = () => this.#text('extension');
  getFirstName = () => this.#text('firstName');
  getLastName = () => this.#text('lastName');
  getTeamId = () => this.#text('teamId');
  getTeamName = () => this.#text('teamName');
  hasAgentRole = () => this.#roles().includes('Agent');
  hasSupervisorRole = () => this.#roles().includes('Supervisor');
  getNotReadyReasonCodeId = () => Number.parseInt(this.#text('reasonCodeId') || '-1', 10);
  getReasonCodeLabel = () => __sim.xml.text(asObject(this.#data.ReasonCode).label);

  getNotReadyReasonCodes(handlers: {
    success?: (codes: ReasonCodeInfo[]) => void;
    error?: (r: RestResponse) => void;
  }) {
    __sim.rest.request('GET', `${this.#path}/ReasonCodes?category=NOT_READY`).then((response) => {
      const codes = __sim.xml.list(asObject(response.object?.ReasonCodes).ReasonCode).map((value) => {
        const code = asObject(value);
        const field = (name: string) => __sim.xml.text(code[name]);
        return {
          id: field('id'),
          label: field('label'),
          code: field('code'),
          category: field('category'),
          forAll: field('forAll'),
          uri: field('uri'),
        };
      });
      handlers.success?.(codes);
    }, handlers.error);
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

  getDialogs(handlers: DialogsHandlers = {}): FinesseDialogs {
    return __sim.createDialogs(this.#id, handlers);
  }
}

__sim.finesse.restservices = { ...__sim.finesse.restservices, User };
