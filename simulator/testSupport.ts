import { createSimulator, type Simulator, type SimulatorOptions } from './createSimulator.ts';
import { parseXmlSafely, textOf } from './xml/xmlParser.ts';

/** Shared by the simulator's tests: a fresh, quiet simulator and Basic headers for the agents. */
export const T0 = new Date('2026-03-02T09:00:00.000Z');

export function testSimulator(options: SimulatorOptions = {}): Simulator {
  let tick = 0;
  // A clock that moves one second per reading, so stateChangeTime visibly changes.
  const now = () => new Date(T0.getTime() + 1000 * tick++);
  return createSimulator({ logger: false, now, ...options });
}

export function basic(login: string, password = `pass${login}`): string {
  return `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
}

export const xmlHeaders = (login: string, password?: string) => ({
  authorization: basic(login, password),
  'content-type': 'application/xml',
});

/** The text of the first `<name>` in an XML string (enough for assertions on flat documents). */
export function xmlField(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>|<${name}(?:\\s[^>]*)?/>`).exec(xml);
  return match ? (match[1] ?? '') : undefined;
}

/** Signs an agent in (NOT_READY), and optionally on to READY, through the REST API. */
export async function signIn(sim: Simulator, id: string, state?: 'READY'): Promise<void> {
  const extension = sim.users.get(id)?.agent.extension ?? '';
  const put = (payload: string) =>
    sim.app.inject({ method: 'PUT', url: `/finesse/api/User/${id}`, headers: xmlHeaders(id), payload });
  await put(`<User><state>LOGIN</state><extension>${extension}</extension></User>`);
  if (state) await put(`<User><state>${state}</state></User>`);
}

/** `POST /sim/api/…` with a JSON body. */
export function simPost(sim: Simulator, path: string, payload: object = {}) {
  return sim.app.inject({ method: 'POST', url: `/sim/api${path}`, payload });
}

/** Collects the notifications published on some nodes of the hub (what finesse.js and XMPP carry). */
export function collect(sim: Simulator, nodes: readonly string[]) {
  const seen: { node: string; payload: string }[] = [];
  sim.hub.subscribe(nodes, (notification) => seen.push(notification));
  return seen;
}

/** A Dialog read back from the simulator's XML, for assertions. */
export interface ReadDialog {
  id: string;
  state: string;
  fromAddress: string;
  toAddress: string;
  callType: string;
  dialedNumber: string;
  participants: { mediaAddress: string; mediaAddressType: string; state: string; actions: string[] }[];
  callVariables: Record<string, string>;
}

type Tree = Record<string, unknown>;
const node = (value: unknown): Tree => (typeof value === 'object' && value !== null ? (value as Tree) : {});
const many = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Every `<Dialog>`/`<dialog>` in a document (a REST answer or an `<Update>`), parsed. */
export function readDialogs(xml: string): ReadDialog[] {
  const arrays = ['Dialog', 'Participant', 'CallVariable', 'action'];
  const doc = parseXmlSafely(xml, { maxLength: 1_000_000, arrays });
  const found: Tree[] = [];
  const walk = (value: unknown, name: string) => {
    if (name === 'Dialog' || name === 'dialog') {
      found.push(...many(value).map(node));
      return;
    }
    for (const [child, inner] of Object.entries(node(value))) walk(inner, child);
  };
  walk(doc, '');
  return found.map((d) => {
    const media = node(d.mediaProperties);
    return {
      id: textOf(d.id),
      state: textOf(d.state),
      fromAddress: textOf(d.fromAddress),
      toAddress: textOf(d.toAddress),
      callType: textOf(media.callType),
      dialedNumber: textOf(media.dialedNumber),
      participants: many(node(d.participants).Participant).map((raw) => {
        const p = node(raw);
        return {
          mediaAddress: textOf(p.mediaAddress),
          mediaAddressType: textOf(p.mediaAddressType),
          state: textOf(p.state),
          actions: many(node(p.actions).action).map((a) => textOf(a)),
        };
      }),
      callVariables: Object.fromEntries(
        many(node(media.callvariables).CallVariable).map((v) => [
          textOf(node(v).name),
          textOf(node(v).value),
        ]),
      ),
    };
  });
}
