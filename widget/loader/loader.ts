/**
 * The host-page loader (`/widget.js`): a launcher button and, on first open, the chat app in an
 * iframe. Everything lives in a shadow root so the host's CSS and ours never meet, and nothing on the
 * host page is touched besides one appended element. Kept tiny (no framework): it is on every page
 * of the host site.
 *
 *   <script async src="https://chat.example.com/widget.js" data-queue="default"></script>
 *   window.HybridChat = window.HybridChat || []; HybridChat.push(['open']);   // before or after load
 */
import { BRIDGE_VERSION, isFrameMessage, type HostMessage, type WidgetStatus } from '../bridge.ts';

type Command = [name: string, ...args: unknown[]];
interface LoaderEvents {
  open: undefined;
  close: undefined;
  ready: undefined;
  status: WidgetStatus;
  unread: number;
}
type Listener<K extends keyof LoaderEvents> = (payload: LoaderEvents[K]) => void;

export interface HybridChatApi {
  open(): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;
  on<K extends keyof LoaderEvents>(event: K, listener: Listener<K>): () => void;
  push(command: Command): void;
}

declare global {
  interface Window {
    HybridChat?: HybridChatApi | Command[];
  }
}

const OPEN_KEY = 'hybridChat.open';
const TEXT: Record<string, [open: string, close: string, frame: string]> = {
  en: ['Open chat', 'Close chat', 'Customer chat'],
  de: ['Chat öffnen', 'Chat schließen', 'Kundenchat'],
};
const CHAT_ICON =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.3 21l4-1.9c1.2.4 2.4.6 3.7.6 5.5 0 10-3.8 10-8.5S17.5 3 12 3Z"/></svg>';
const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/** White or near-black on the theme colour, whichever has the higher contrast (WCAG 2.1 luminance). */
function textOn(hex: string): string {
  const full = hex.length === 4 ? hex.replace(/\w/g, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05/(l+.05), with #111 (luminance .0056) (l+.05)/.0556.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0556 ? '#fff' : '#111';
}

function css(color: string, left: boolean): string {
  const side = left ? 'left' : 'right';
  return `:host{all:initial}
.l,.p{position:fixed;${side}:20px;z-index:2147483000}
.l{bottom:20px;width:58px;height:58px;border:0;border-radius:50%;background:${color};color:${textOn(color)};cursor:pointer;display:grid;place-items:center;box-shadow:0 6px 20px rgba(16,24,40,.25),0 2px 6px rgba(16,24,40,.12);transition:transform .15s}
.l:hover{transform:scale(1.06)}.l:focus-visible{outline:3px solid ${color};outline-offset:3px}
.l .x,.o .l .c{display:none}.o .l .x{display:block}
.b{position:absolute;top:-3px;${side === 'left' ? 'right' : 'left'}:-3px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;border-radius:10px;background:#d92d20;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}
.p{bottom:92px;width:380px;height:min(640px,calc(100vh - 112px));border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 16px 48px rgba(16,24,40,.22),0 4px 12px rgba(16,24,40,.1);opacity:0;visibility:hidden;transform:translateY(12px) scale(.98);transform-origin:bottom ${side};transition:opacity .18s,transform .18s,visibility 0s .18s}
.o .p{opacity:1;visibility:visible;transform:none;transition:opacity .18s,transform .18s}
iframe{display:block;width:100%;height:100%;border:0}
@media (max-width:480px){.p{inset:0;width:auto;height:auto;border-radius:0}.o .l{display:none}}
@media (prefers-reduced-motion:reduce){.l,.p{transition:none}}`;
}

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
  const locale = data.locale || navigator.language || 'en';
  const text = TEXT[locale.slice(0, 2).toLowerCase()] ?? (TEXT.en as [string, string, string]);

  const host = document.createElement('div');
  host.id = 'hybrid-chat-widget';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${css(color, data.position === 'left')}</style><div class="w"><div class="p" role="dialog" aria-label="${text[2]}"></div><button class="l" type="button" data-testid="widget.launcher" aria-expanded="false">${CHAT_ICON.replace('<svg', '<svg class="c"')}${CLOSE_ICON.replace('<svg', '<svg class="x"')}</button></div>`;
  const wrap = root.querySelector('.w') as HTMLDivElement;
  const panel = root.querySelector('.p') as HTMLDivElement;
  const launcher = root.querySelector('.l') as HTMLButtonElement;
  const listeners = new Map<keyof LoaderEvents, Set<(payload: never) => void>>();
  let frame: HTMLIFrameElement | null = null;
  let isOpen = false;

  const emit = <K extends keyof LoaderEvents>(event: K, payload: LoaderEvents[K]): void => {
    for (const fn of [...(listeners.get(event) ?? [])]) {
      try {
        (fn as Listener<K>)(payload);
      } catch (error) {
        console.error('[hybrid-chat widget]', error);
      }
    }
  };
  const post = (message: HostMessage): void => frame?.contentWindow?.postMessage(message, serverOrigin);
  const setUnread = (count: number): void => {
    root.querySelector('.b')?.remove();
    if (count > 0 && !isOpen)
      launcher.insertAdjacentHTML('beforeend', `<span class="b">${Math.min(count, 99)}</span>`);
  };
  const remember = (open: boolean): void => {
    try {
      if (open) sessionStorage.setItem(OPEN_KEY, '1');
      else sessionStorage.removeItem(OPEN_KEY);
    } catch {
      // Storage blocked (privacy mode): the panel just does not reopen on the next page.
    }
  };

  const setOpen = (open: boolean): void => {
    if (open === isOpen) return;
    isOpen = open;
    if (open && !frame) {
      const params = new URLSearchParams({ locale, color, queue: data.queue ?? '', origin: location.origin });
      frame = document.createElement('iframe');
      frame.src = `${server}/widget/?${params}`;
      frame.title = text[2];
      frame.dataset.testid = 'widget.frame';
      panel.append(frame);
    }
    wrap.classList.toggle('o', open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? text[1] : text[0]);
    if (open) setUnread(0);
    post({ v: BRIDGE_VERSION, type: 'visibility', open });
    remember(open);
    if (open) frame?.focus();
    else if (root.activeElement === frame) launcher.focus();
    emit(open ? 'open' : 'close', undefined);
  };

  window.addEventListener('message', (event) => {
    const win = frame?.contentWindow;
    if (event.origin !== serverOrigin || !win || event.source !== win) return;
    const message: unknown = event.data;
    if (!isFrameMessage(message)) return;
    if (message.type === 'ready') {
      post({ v: BRIDGE_VERSION, type: 'visibility', open: isOpen });
      emit('ready', undefined);
    } else if (message.type === 'close') {
      setOpen(false);
      launcher.focus();
    } else if (message.type === 'status') emit('status', message.status);
    else if (message.type === 'unread') {
      setUnread(message.count);
      emit('unread', message.count);
    }
  });
  launcher.addEventListener('click', () => setOpen(!isOpen));
  launcher.setAttribute('aria-label', text[0]);

  const api: HybridChatApi = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!isOpen),
    isOpen: () => isOpen,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    push([name, ...args]) {
      if (name === 'on') api.on(args[0] as keyof LoaderEvents, args[1] as Listener<keyof LoaderEvents>);
      else if (name === 'open' || name === 'close' || name === 'toggle') api[name]();
      else console.warn(`[hybrid-chat widget] unknown command "${name}"`);
    },
  };
  window.HybridChat = api;
  document.body.append(host);
  for (const command of queued ?? []) api.push(command);

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
