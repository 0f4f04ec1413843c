/*
 * finesse.js, part 6: notifications. Real finesse.js receives `<Update>` payloads over XMPP pubsub
 * (docs/requirements.md); the simulator streams the same payloads as Server-Sent Events, read with `fetch`
 * so the Basic credentials travel in the header, never in a URL. Reconnects with backoff.
 */
import type { SimInternals, UpdateHandler } from './types.ts';

declare const __sim: SimInternals;

const subscribers = new Map<string, Set<UpdateHandler>>();
const connectHandlers = new Set<() => void>();
let controller: AbortController | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

function dispatch(event: string, data: string): void {
  if (event === 'connected') {
    failures = 0;
    for (const handler of [...connectHandlers]) handler();
    return;
  }
  if (event !== 'notification') return;
  const { node, payload } = JSON.parse(data) as { node: string; payload: string };
  const update = __sim.xml.parse(payload);
  if (!update) return;
  for (const handler of [...(subscribers.get(node) ?? [])]) {
    try {
      handler(update, payload);
    } catch (error) {
      console.error('[finesse.js] notification handler failed', error); // keep the stream going
    }
  }
}

/** Reads `event:`/`data:` blocks (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
async function read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!signal.aborted) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r/g, ''); // CRLF → LF
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      dispatch(event, data.join('\n'));
    }
  }
}

async function connect(signal: AbortSignal): Promise<void> {
  const config = __sim.clientConfig;
  if (!config?.id) return;
  try {
    // On the page's own origin, whatever the gadget page's <base> says (it names the gadget's server).
    const url = new URL(`/sim/notifications/User/${encodeURIComponent(config.id)}`, location.origin);
    const response = await fetch(url, {
      headers: {
        Authorization: __sim.authHeader(config),
        Accept: 'text/event-stream',
      },
      cache: 'no-store',
      credentials: 'omit',
      signal,
    });
    if (response.ok && response.body) await read(response.body, signal);
  } catch {
    // Network trouble or abort: the retry below (or the abort) decides what happens next.
  }
  if (signal.aborted) return;
  failures += 1;
  const delay = Math.min(1000 * 2 ** Math.min(failures - 1, 4), 15_000);
  retryTimer = setTimeout(() => void connect(signal), delay);
}

__sim.notifications = {
  restart() {
    controller?.abort();
    clearTimeout(retryTimer);
    failures = 0;
    controller = new AbortController();
    void connect(controller.signal);
  },
  subscribe(node, handler) {
    let set = subscribers.get(node);
    if (!set) subscribers.set(node, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  },
  onConnect(handler) {
    connectHandlers.add(handler);
    return () => void connectHandlers.delete(handler);
  },
};
