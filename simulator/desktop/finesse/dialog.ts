/*
 * finesse.js, part 9: Dialog and the user's Dialogs collection (FINESSE.md). The simulator has
 * no calls yet, so the collection loads empty; adds, changes and deletes arrive as notifications
 * on `/finesse/api/User/{id}/Dialogs` (`event` POST, PUT, DELETE).
 */
import type {
  DialogsHandlers,
  FinesseDialog,
  FinesseDialogs,
  SimInternals,
  XmlObject,
  XmlValue,
} from './types.ts';

declare const __sim: SimInternals;

const asObject = (value: XmlValue | undefined): XmlObject =>
  typeof value === 'object' && !Array.isArray(value) ? value : {};

class Dialog implements FinesseDialog {
  static States = {
    ALERTING: 'ALERTING',
    INITIATING: 'INITIATING',
    INITIATED: 'INITIATED',
    ACTIVE: 'ACTIVE',
    DROPPED: 'DROPPED',
    FAILED: 'FAILED',
    ACCEPTED: 'ACCEPTED',
  } as const;

  #data: XmlObject;
  readonly #changeHandlers = new Set<(dialog: FinesseDialog) => void>();

  constructor(data: XmlObject) {
    this.#data = data;
  }

  update(data: XmlObject): void {
    this.#data = data;
    for (const handler of [...this.#changeHandlers]) handler(this);
  }

  getId = () => __sim.xml.text(this.#data.id);
  getData = () => this.#data;
  getMediaType = () => __sim.xml.text(this.#data.mediaType);
  getFromAddress = () => __sim.xml.text(this.#data.fromAddress);
  getToAddress = () => __sim.xml.text(this.#data.toAddress);
  getState = () => __sim.xml.text(this.#data.state);
  getParticipants = () => __sim.xml.list(asObject(this.#data.participants).Participant).map(asObject);

  /** callType and every call variable, flattened (`callVariable1`…), as finesse.js presents them. */
  getMediaProperties(): Record<string, string> {
    const media = asObject(this.#data.mediaProperties);
    const properties: Record<string, string> = {};
    for (const [name, value] of Object.entries(media))
      if (typeof value === 'string') properties[name] = value;
    for (const variable of __sim.xml.list(asObject(media.callvariables).CallVariable).map(asObject)) {
      properties[__sim.xml.text(variable.name)] = __sim.xml.text(variable.value);
    }
    return properties;
  }

  addHandler(_event: 'change', handler: (dialog: FinesseDialog) => void): void {
    this.#changeHandlers.add(handler);
  }

  removeHandler(_event: 'change', handler: (dialog: FinesseDialog) => void): void {
    this.#changeHandlers.delete(handler);
  }
}

class Dialogs implements FinesseDialogs {
  readonly #items = new Map<string, Dialog>();

  constructor(userId: string, handlers: DialogsHandlers) {
    const path = `/finesse/api/User/${encodeURIComponent(userId)}/Dialogs`;
    __sim.notifications.subscribe(path, (update) => {
      const root = asObject(update.Update);
      const data = asObject(asObject(root.data).dialog ?? asObject(root.data).Dialog);
      const id = __sim.xml.text(data.id);
      const event = __sim.xml.text(root.event).toUpperCase();
      const existing = this.#items.get(id);
      if (event === 'DELETE' && existing) {
        this.#items.delete(id);
        handlers.onCollectionDelete?.(existing);
      } else if (existing) {
        existing.update(data);
      } else if (id && event !== 'DELETE') {
        const dialog = new Dialog(data);
        this.#items.set(id, dialog);
        handlers.onCollectionAdd?.(dialog);
      }
    });
    __sim.rest.request('GET', path).then(
      (response) => {
        const list = __sim.xml.list(asObject(response.object?.Dialogs).Dialog).map(asObject);
        for (const data of list) this.#items.set(__sim.xml.text(data.id), new Dialog(data));
        handlers.onLoad?.(this);
      },
      (response) => handlers.onError?.(response),
    );
  }

  getCollection(): Record<string, FinesseDialog> {
    return Object.fromEntries(this.#items);
  }
}

__sim.createDialogs = (userId, handlers) => new Dialogs(userId, handlers);
__sim.finesse.restservices = { ...__sim.finesse.restservices, Dialog: { States: Dialog.States } };
