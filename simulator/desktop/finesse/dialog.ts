/*
 * finesse.js, part 9: Dialog and the user's Dialogs collection (Cisco Finesse Web Services Developer Guide, "Dialog",
 * "Dialog Notification"). Notifications on `/finesse/api/User/{id}/Dialogs` drive the collection:
 * POST and DELETE carry `<dialogs><Dialog>` (added, removed), PUT carries `<dialog>` (changed).
 */
import type {
  DialogsHandlers,
  FinesseDialog,
  RestHandlers,
  SimDialogs,
  SimInternals,
  XmlObject,
} from './types.ts';

declare const __sim: SimInternals;

const asObject = (value: XmlObject[string] | undefined): XmlObject => __sim.xml.object(value);

const constants = <K extends string>(...names: K[]) =>
  Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as Readonly<Record<K, K>>;

/** Escapes text for the XML bodies we PUT. */
const xmlText = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

class Dialog implements FinesseDialog {
  static States = constants('ALERTING', 'INITIATING', 'INITIATED', 'ACTIVE', 'DROPPED', 'FAILED', 'ACCEPTED');
  /** Cisco "Dialog.ParticipantStates". */
  static ParticipantStates = constants(
    'ACCEPTED',
    'ACTIVE',
    'ALERTING',
    'DROPPED',
    'FAILED',
    'HELD',
    'INITIATED',
    'INITIATING',
    'WRAP_UP',
  );
  /** Cisco "Dialog.Actions". */
  static Actions = constants(
    'ACCEPT',
    'ANSWER',
    'BARGE_CALL',
    'CANCEL_SCHEDULED_CALLBACK',
    'CLOSE',
    'CONFERENCE',
    'CONSULT_CALL',
    'DROP',
    'DTMF',
    'HOLD',
    'MAKE_CALL',
    'PARTICIPANT_DROP',
    'RECLASSIFY',
    'REJECT',
    'RETRIEVE',
    'START_RECORDING',
    'TRANSFER',
    'TRANSFER_SST',
    'UPDATE_CALL_DATA',
    'UPDATE_SCHEDULED_CALLBACK',
  );

  #data: XmlObject;
  readonly #changeHandlers = new Set<(dialog: FinesseDialog) => void>();

  constructor(data: XmlObject) {
    this.#data = data;
  }

  /** Takes a newer copy; change handlers run only if something differs. */
  update(data: XmlObject): void {
    if (JSON.stringify(data) === JSON.stringify(this.#data)) return;
    this.#data = data;
    for (const handler of [...this.#changeHandlers]) handler(this);
  }

  getId() {
    return __sim.xml.text(this.#data.id);
  }
  getData() {
    return this.#data;
  }
  /** A dialog comes from a loaded collection or a notification: always loaded. */
  isLoaded() {
    return true;
  }
  getMediaType() {
    return __sim.xml.leaf(this.#data.mediaType);
  }
  getFromAddress() {
    return __sim.xml.leaf(this.#data.fromAddress);
  }
  getToAddress() {
    return __sim.xml.leaf(this.#data.toAddress);
  }
  getState() {
    return __sim.xml.leaf(this.#data.state);
  }
  /** `mediaProperties/callType` (Cisco "Dialog API Parameters"): ACD_IN, PREROUTE_ACD_IN, OUT, … */
  getCallType() {
    return __sim.xml.leaf(asObject(this.#data.mediaProperties).callType);
  }
  getParticipants() {
    return __sim.xml.list(asObject(this.#data.participants).Participant).map(asObject);
  }

  /** callType and every call variable, flattened (`callVariable1`…), as finesse.js presents them. */
  getMediaProperties(): Record<string, string | null> {
    const media = asObject(this.#data.mediaProperties);
    const properties: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(media))
      if (typeof value === 'string' || value === null) properties[name] = value;
    for (const variable of __sim.xml.list(asObject(media.callvariables).CallVariable).map(asObject)) {
      properties[__sim.xml.text(variable.name)] = __sim.xml.leaf(variable.value);
    }
    return properties;
  }

  /** `PUT /finesse/api/Dialog/{id}` (Cisco "Dialog—Take Action on Participant"); answers 202. */
  requestAction(mediaAddress: string, action: string, handlers: RestHandlers = {}): FinesseDialog {
    const body =
      `<Dialog><targetMediaAddress>${xmlText(String(mediaAddress))}</targetMediaAddress>` +
      `<requestedAction>${xmlText(String(action))}</requestedAction></Dialog>`;
    const path = `/finesse/api/Dialog/${encodeURIComponent(this.getId())}`;
    __sim.rest.request('PUT', path, body).then(handlers.success, handlers.error);
    return this;
  }

  addHandler(_event: 'change', handler: (dialog: FinesseDialog) => void): void {
    this.#changeHandlers.add(handler);
  }

  removeHandler(_event: 'change', handler: (dialog: FinesseDialog) => void): void {
    this.#changeHandlers.delete(handler);
  }
}

type CollectionEvent = 'collectionAdd' | 'collectionDelete' | 'load';
type DialogHandler = (value: never) => void;

const HANDLER_EVENTS: Record<CollectionEvent, keyof DialogsHandlers> = {
  collectionAdd: 'onCollectionAdd',
  collectionDelete: 'onCollectionDelete',
  load: 'onLoad',
};

class Dialogs implements SimDialogs {
  readonly #items = new Map<string, Dialog>();
  readonly #handlers: Record<CollectionEvent, Set<DialogHandler>> = {
    collectionAdd: new Set(),
    collectionDelete: new Set(),
    load: new Set(),
  };
  readonly #errorHandlers = new Set<NonNullable<DialogsHandlers['onError']>>();
  readonly #path: string;
  #loaded = false;
  #collection: Record<string, FinesseDialog> = {};

  constructor(userId: string, handlers: DialogsHandlers) {
    this.#path = `/finesse/api/User/${encodeURIComponent(userId)}/Dialogs`;
    this.listen(handlers);
    __sim.notifications.subscribe(this.#path, (update) => this.#onUpdate(asObject(update.Update)));
    // After a reconnection a change may have been missed: read the collection again.
    __sim.notifications.onConnect(() => {
      if (this.#loaded)
        this.#fetch().then(
          (list) => this.#reconcile(list),
          () => undefined,
        );
    });
    this.#fetch().then(
      (list) => {
        // A dialog a notification already brought is newer than this answer: keep that one.
        for (const data of list) {
          const id = __sim.xml.text(data.id);
          if (id && !this.#items.has(id)) this.#items.set(id, new Dialog(data));
        }
        this.#sync();
        this.#loaded = true;
        this.#emit('load', this);
      },
      (response) => {
        for (const handler of [...this.#errorHandlers]) handler(response);
      },
    );
  }

  /** More handlers (a second `getDialogs` call); `onLoad` runs at once if the collection is loaded. */
  listen(handlers: DialogsHandlers): void {
    for (const [event, key] of Object.entries(HANDLER_EVENTS) as [CollectionEvent, keyof DialogsHandlers][]) {
      const handler = handlers[key];
      if (handler && key !== 'onError') this.#handlers[event].add(handler as DialogHandler);
    }
    if (handlers.onError) this.#errorHandlers.add(handlers.onError);
    const onLoad = handlers.onLoad;
    if (onLoad && this.#loaded) queueMicrotask(() => onLoad(this));
  }

  #emit(event: CollectionEvent, value: FinesseDialog | SimDialogs): void {
    for (const handler of [...this.#handlers[event]]) {
      try {
        (handler as (value: FinesseDialog | SimDialogs) => void)(value);
      } catch (error) {
        console.error(`[finesse.js] Dialogs ${event} handler failed`, error);
      }
    }
  }

  /** Keeps the one collection object current: its keys follow the dialogs held. */
  #sync(): void {
    for (const id of Object.keys(this.#collection))
      if (!this.#items.has(id)) Reflect.deleteProperty(this.#collection, id);
    for (const [id, dialog] of this.#items) this.#collection[id] = dialog;
  }

  isLoaded() {
    return this.#loaded;
  }

  addHandler(event: CollectionEvent, handler: (value: never) => void): void {
    this.#handlers[event]?.add(handler);
  }

  removeHandler(event: CollectionEvent, handler: (value: never) => void): void {
    this.#handlers[event]?.delete(handler);
  }

  async #fetch(): Promise<XmlObject[]> {
    const response = await __sim.rest.request('GET', this.#path);
    return __sim.xml.list(asObject(response.object?.Dialogs).Dialog).map(asObject);
  }

  #add(data: XmlObject): void {
    const id = __sim.xml.text(data.id);
    const existing = this.#items.get(id);
    if (existing) return existing.update(data);
    if (!id) return;
    const dialog = new Dialog(data);
    this.#items.set(id, dialog);
    this.#sync();
    this.#emit('collectionAdd', dialog);
  }

  #delete(id: string): void {
    const existing = this.#items.get(id);
    if (!existing) return;
    this.#items.delete(id);
    this.#sync();
    this.#emit('collectionDelete', existing);
  }

  #onUpdate(update: XmlObject): void {
    const data = asObject(update.data);
    const event = __sim.xml.text(update.event).toUpperCase();
    const collection = __sim.xml.list(asObject(data.dialogs).Dialog).map(asObject);
    if (event === 'DELETE') for (const dialog of collection) this.#delete(__sim.xml.text(dialog.id));
    else for (const dialog of [...collection, asObject(data.dialog)]) if (dialog.id) this.#add(dialog);
  }

  #reconcile(list: XmlObject[]): void {
    const ids = new Set(list.map((data) => __sim.xml.text(data.id)));
    for (const id of [...this.#items.keys()]) if (!ids.has(id)) this.#delete(id);
    for (const data of list) this.#add(data);
  }

  /** The same object on every call, kept current (as Cisco's collections are). */
  getCollection(): Record<string, FinesseDialog> {
    return this.#collection;
  }

  /** Places a call (Cisco "Dialog—Create a New Dialog (Make a Call)"); answers 202. */
  createNewCallDialog(toAddress: string, fromAddress: string, handlers: RestHandlers = {}): SimDialogs {
    const body =
      '<Dialog><requestedAction>MAKE_CALL</requestedAction>' +
      `<fromAddress>${xmlText(String(fromAddress))}</fromAddress>` +
      `<toAddress>${xmlText(String(toAddress))}</toAddress></Dialog>`;
    __sim.rest.request('POST', this.#path, body).then(handlers.success, handlers.error);
    return this;
  }
}

__sim.createDialogs = (userId, handlers) => new Dialogs(userId, handlers);
__sim.finesse.restservices = { ...__sim.finesse.restservices, Dialog, Dialogs };
