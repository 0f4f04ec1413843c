/**
 * The host-page loader (`/widget.js`): a launcher button and the chat app in an iframe, created when
 * the browser is idle after the page has loaded (or on the first open). Everything lives in a shadow
 * root, so the host's CSS and ours never meet, and nothing on the host page is touched besides one
 * appended element (no body styles, no overlay: if the chat server cannot be reached the launcher
 * says so and nothing blocks the page). Kept tiny (no framework): it is on every page of the host
 * site.
 *
 *   <script async src="https://chat.example.com/widget.js" data-queue="default"></script>
 *   window.HybridChat = window.HybridChat || []; HybridChat.push(['open']);   // before or after load
 */
import {
  BRIDGE_VERSION,
  type FrameMessage,
  type HostMessage,
  type Identity,
  type WidgetMessage,
  type WidgetStatus,
} from '../bridge.ts';
import { applyStyles, css } from './styles.ts';
import { isRtl, languageOf, textsFor } from './texts.ts';
import { createTitleBlink } from './titleBlink.ts';
import { followViewport } from './viewport.ts';

type Command = [name: string, ...args: unknown[]];
export interface LoaderEvents {
  open: undefined;
  close: undefined;
  /** The chat app answered; `error` if it did not (server down, blocked by the page's CSP…). */
  ready: undefined;
  error: undefined;
  status: WidgetStatus;
  unread: number;
  message: WidgetMessage;
  'chat:start': { chatId: string };
  'chat:end': { chatId: string };
}
type Listener<K extends keyof LoaderEvents> = (payload: LoaderEvents[K]) => void;

export interface HybridChatApi {
  open(): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;
  /** Name, email, phone…: fills (or skips) the pre-chat form. Kept in memory only. */
  identify(identity: Record<string, unknown>): void;
  setLocale(locale: string): void;
  on<K extends keyof LoaderEvents>(event: K, listener: Listener<K>): () => void;
  /** Removes everything the loader added (element, listeners, timers, its session flag). */
  shutdown(): void;
  push(command: Command): void;
}

declare global {
  interface Window {
    HybridChat?: HybridChatApi | Command[];
  }
}

const OPEN_KEY = 'hybridChat.open';
/** The iframe loaded (perhaps the browser's error page) but the app never said ready. */
const READY_AFTER_LOAD_MS = 3000;
/** No answer at all (a server that accepts but never responds). */
const READY_TIMEOUT_MS = 20_000;
// No aria-hidden on the icons and the badge: the launcher's aria-label names it (count included),
// what is inside is not read. Sizes and strokes are in styles.ts. The panel is a plain box: the
// iframe's title names it where focus lands.
const ICONS =
  '<svg class="c" viewBox="0 0 24 24"><path d="M6 3h12a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3H10l-5 4v-4a3 3 0 0 1-2-3V6a3 3 0 0 1 3-3Z"/></svg><svg class="x" viewBox="0 0 24 24"><path d="M6 9l6 6 6-6"/></svg>';

function boot(script: HTMLScriptElement | null): void {
  const queued = window.HybridChat;
  if (queued && !Array.isArray(queued)) return; // Loaded twice: the first copy stays in charge.

  const data = script?.dataset ?? {};
  const server = (data.server || new URL(script?.src || location.href, location.href).origin).replace(
    /\/+$/,
    '',
  );
  const serverOrigin = new URL(server, location.href).origin;
  const color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color ?? '') ? (data.color as string) : '#0a5fc4';
  let locale = data.locale || navigator.language || 'en';
  let language = languageOf(locale);

  const host = document.createElement('hybrid-chat');
  host.id = 'hybrid-chat-widget';
  const root = host.attachShadow({ mode: 'open' });
  // No `type="button"`: a button inside this shadow root belongs to no form, so it never submits.
  root.innerHTML = `<div class="w"><div class="p"></div><button class="l" data-testid="widget.launcher">${ICONS}<span class="b" hidden></span></button><div class="s" role="status"></div></div>`;
  // `script.nonce`: the attribute is hidden once the script has run, the property keeps it.
  applyStyles(root, css(color, data.position === 'left'), data.nonce || script?.nonce || '');
  const wrap = root.querySelector('.w') as HTMLDivElement;
  const panel = wrap.querySelector('.p') as HTMLDivElement;
  const launcher = wrap.querySelector('.l') as HTMLButtonElement;
  const badge = launcher.querySelector('.b') as HTMLSpanElement;
  const live = wrap.querySelector('.s') as HTMLDivElement;
  const listeners = new Map<keyof LoaderEvents, Set<(payload: never) => void>>();
  const blink = createTitleBlink();
  let frame: HTMLIFrameElement | null = null;
  let isOpen = false;
  let ready = false;
  let failed = false;
  let gone = false;
  let unread = 0;
  let unreadLabel = '';
  // Checked by the app (`cleanIdentity`); here only copied.
  let identity: Identity | null = null;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  let unfollow = (): void => {};

  const emit = <K extends keyof LoaderEvents>(event: K, payload: LoaderEvents[K]): void => {
    for (const fn of [...(listeners.get(event) ?? [])]) {
      try {
        (fn as Listener<K>)(payload);
      } catch (error) {
        reportError(error); // A host's listener failing must not stop the others.
      }
    }
  };
  // Only to a ready app: earlier messages would be lost, and `ready` brings it up to date.
  const post = (
    message: HostMessage extends infer M ? (M extends HostMessage ? Omit<M, 'v'> : never) : never,
  ) => {
    if (ready) frame?.contentWindow?.postMessage({ v: BRIDGE_VERSION, ...message }, serverOrigin);
  };
  const remember = (open: boolean): void => {
    try {
      if (open) sessionStorage.setItem(OPEN_KEY, '1');
      else sessionStorage.removeItem(OPEN_KEY);
    } catch {
      // Storage blocked (privacy mode): the panel just does not reopen on the next page.
    }
  };

  /** Everything visible follows from the state above. */
  const render = (): void => {
    const text = textsFor(language);
    const showUnread = unread > 0 && !isOpen;
    const name = failed
      ? text.failed
      : isOpen
        ? text.close
        : text.open + (showUnread ? ` (${unreadLabel || unread})` : '');
    host.dir = isRtl(language) ? 'rtl' : 'ltr';
    wrap.classList.toggle('o', isOpen);
    wrap.classList.toggle('e', failed);
    panel.classList.toggle('r', ready);
    if (frame) frame.title = text.frame;
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', name);
    badge.hidden = !showUnread && !failed;
    badge.textContent = failed ? '!' : showUnread ? String(Math.min(unread, 99)) : '';
    blink.update(unread > 0 ? unreadLabel : null);
  };

  const fail = (): void => {
    frame?.remove();
    frame = null;
    ready = false;
    failed = true;
    const wasOpen = isOpen;
    isOpen = false;
    unfollow();
    remember(false);
    render();
    live.textContent = textsFor(language).failed;
    if (wasOpen) {
      launcher.focus();
      emit('close', undefined);
    }
    emit('error', undefined);
  };
  const expectReady = (ms: number): void => {
    clearTimeout(waiting);
    waiting = setTimeout(fail, ms);
  };

  const createFrame = (): void => {
    if (frame || gone) return;
    failed = false;
    const params = new URLSearchParams({ locale, color, queue: data.queue ?? '', origin: location.origin });
    frame = document.createElement('iframe');
    frame.src = `${server}/widget/?${params}`;
    frame.dataset.testid = 'widget.frame';
    frame.addEventListener('load', () => {
      if (!ready) expectReady(READY_AFTER_LOAD_MS);
    });
    expectReady(READY_TIMEOUT_MS);
    panel.append(frame);
    render();
  };

  const setOpen = (open: boolean): void => {
    if (open === isOpen || gone) return;
    isOpen = open;
    if (open) {
      createFrame();
      unfollow = followViewport(wrap);
      live.textContent = '';
    } else unfollow();
    post({ type: 'visibility', open });
    remember(open);
    render();
    if (open) frame?.focus();
    else if (root.activeElement === frame) launcher.focus();
    emit(open ? 'open' : 'close', undefined);
  };

  const onMessage = (event: MessageEvent): void => {
    const win = frame?.contentWindow;
    const message = event.data as FrameMessage | null;
    if (event.origin !== serverOrigin || !win || event.source !== win || message?.v !== BRIDGE_VERSION)
      return;
    if (message.type === 'ready') {
      clearTimeout(waiting);
      ready = true;
      post({ type: 'visibility', open: isOpen });
      post({ type: 'locale', locale });
      if (identity) post({ type: 'identify', identity });
      render();
      if (isOpen) frame?.focus();
      emit('ready', undefined);
    } else if (message.type === 'close') {
      setOpen(false);
      launcher.focus();
    } else if (message.type === 'status') emit('status', message.status);
    else if (message.type === 'unread') {
      if (message.count > unread && !isOpen) live.textContent = message.label ?? '';
      unread = message.count;
      unreadLabel = message.label ?? '';
      render();
      emit('unread', unread);
    } else if (message.type === 'message') emit('message', message.message);
    else if (message.type === 'chat:start' || message.type === 'chat:end')
      emit(message.type, { chatId: message.chatId });
  };
  const onKey = (event: Event): void => {
    if ((event as KeyboardEvent).key !== 'Escape' || !isOpen) return;
    setOpen(false);
    launcher.focus();
  };
  // Idle prefetch: the app stores nothing until the panel first opens (storage.ts), so loading it
  // early is consent-neutral; it lets the unread badge work on a page where the panel is closed.
  // Safari has no requestIdleCallback. Not cancelled: `createFrame` does nothing after shutdown.
  const prefetch = (): void => {
    if (data.prefetch === 'off') return;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(createFrame, { timeout: 5000 });
    else setTimeout(createFrame, 2000);
  };

  window.addEventListener('message', onMessage);
  window.addEventListener('load', prefetch, { once: true });
  document.addEventListener('visibilitychange', render);
  root.addEventListener('keydown', onKey);
  launcher.addEventListener('click', () => setOpen(!isOpen));

  const api: HybridChatApi = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!isOpen),
    isOpen: () => isOpen,
    identify(details) {
      // A plain copy (functions dropped) that postMessage can clone; the app checks the fields.
      identity = JSON.parse(JSON.stringify(details ?? {})) as Identity;
      post({ type: 'identify', identity });
    },
    setLocale(next) {
      if (typeof next !== 'string' || !next.trim()) return;
      locale = next.trim();
      language = languageOf(locale);
      render();
      post({ type: 'locale', locale });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    shutdown() {
      if (gone) return;
      gone = true;
      clearTimeout(waiting);
      unfollow();
      blink.stop();
      window.removeEventListener('message', onMessage);
      window.removeEventListener('load', prefetch);
      document.removeEventListener('visibilitychange', render);
      host.remove();
      listeners.clear();
      remember(false);
      delete window.HybridChat;
    },
    push([name, ...args]) {
      const method = (api as unknown as Record<string, unknown>)[name];
      if (typeof method === 'function') (method as (...values: unknown[]) => unknown)(...args);
    },
  };
  window.HybridChat = api;
  render();
  document.body.append(host);
  for (const command of queued ?? []) api.push(command);
  if (document.readyState === 'complete') prefetch();

  let reopen = false;
  try {
    reopen = sessionStorage.getItem(OPEN_KEY) === '1';
  } catch {
    // Storage blocked: start closed.
  }
  if (reopen) setOpen(true);
}

// `currentScript` is only set while this file runs, so read it now, not after DOMContentLoaded.
const ownScript =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
if (document.body) boot(ownScript);
else document.addEventListener('DOMContentLoaded', () => boot(ownScript), { once: true });
