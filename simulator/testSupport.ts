import { createSimulator, type Simulator, type SimulatorOptions } from './createSimulator.ts';

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
