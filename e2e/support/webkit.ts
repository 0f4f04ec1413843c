/**
 * Safari's engine for the cross-browser smoke tests: Debian's WebKitGTK MiniBrowser through its
 * WebKitWebDriver (package webkit2gtk-driver), spoken to in W3C WebDriver (classic,
 * https://www.w3.org/TR/webdriver2/) over fetch; no client library is needed for the few commands
 * used. WebKitGTK draws into an X display even when nobody looks, so each session gets its own Xvfb.
 * Elements are clicked and typed into through WebDriver, which sends real input to the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { freePort } from './stack.ts';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const STEP_MS = 20_000;

export type ElementRef = { [ELEMENT]: string };

function miniBrowser(): string {
  const lib = '/usr/lib/x86_64-linux-gnu';
  const dir = existsSync(lib)
    ? readdirSync(lib).find((name) => /^webkit2?gtk-[\d.]+$/.test(name))
    : undefined;
  const binary = dir ? `${lib}/${dir}/MiniBrowser` : '';
  if (!existsSync('/usr/bin/WebKitWebDriver') || !existsSync(binary))
    throw new Error('WebKitGTK is missing (webkit2gtk-driver; scripts/ensure-test-deps.ts installs it)');
  return binary;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface WebKitSession {
  goto(url: string): Promise<void>;
  refresh(): Promise<void>;
  /** Runs `script` (a function body, W3C "Execute Script") in the current frame. */
  execute<T>(script: string, ...args: unknown[]): Promise<T>;
  /** The first element matching `css` in the current frame, once there. */
  find(css: string): Promise<ElementRef>;
  click(element: ElementRef): Promise<void>;
  type(element: ElementRef, text: string): Promise<void>;
  /** Into the frame an `<iframe>` element shows, or back to the page with null. */
  frame(element: ElementRef | null): Promise<void>;
  /** Polls `script` until it returns true. */
  waitUntil(script: string, ...args: unknown[]): Promise<void>;
  /** A PNG of the window's viewport (W3C "Take Screenshot"). */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebKit(): Promise<WebKitSession> {
  const binary = miniBrowser();
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as { value: T & { error?: string; message?: string } };
    if (!response.ok)
      throw new Error(`WebDriver ${method} ${path}: ${answer.value.error} ${answer.value.message}`);
    return answer.value;
  };
  let sessionId = '';
  const deadline = Date.now() + STEP_MS;
  while (!sessionId) {
    try {
      const created = await call<{ sessionId: string }>('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary, args: ['--automation'] },
          },
        },
      });
      sessionId = created.sessionId;
    } catch (error) {
      if (Date.now() > deadline) {
        await Promise.all([stop(driver), stop(xvfb)]);
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const session = `/session/${sessionId}`;
  const execute = <T>(script: string, ...args: unknown[]) =>
    call<T>('POST', `${session}/execute/sync`, { script, args });
  const waitUntil = async (script: string, ...args: unknown[]) => {
    const until = Date.now() + STEP_MS;
    while (!(await execute<boolean>(script, ...args))) {
      if (Date.now() > until) throw new Error(`WebKit: timed out waiting for ${script}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    goto: async (url) => void (await call('POST', `${session}/url`, { url })),
    refresh: async () => void (await call('POST', `${session}/refresh`, {})),
    execute,
    async find(css) {
      await waitUntil('return document.querySelector(arguments[0]) !== null', css);
      return call<ElementRef>('POST', `${session}/element`, { using: 'css selector', value: css });
    },
    click: async (element) => void (await call('POST', `${session}/element/${element[ELEMENT]}/click`, {})),
    type: async (element, text) =>
      void (await call('POST', `${session}/element/${element[ELEMENT]}/value`, { text })),
    frame: async (element) =>
      void (await (element === null
        ? call('POST', `${session}/frame`, { id: null })
        : call('POST', `${session}/frame`, { id: element }))),
    waitUntil,
    async screenshot(path) {
      // WebKitGTK paints a moment after the page changed: a screenshot right after a wait for a
      // new message could show the list without it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const png = await call<string>('GET', `${session}/screenshot`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, Buffer.from(png, 'base64'));
    },
    async close() {
      await call('DELETE', session).catch(() => undefined);
      await Promise.all([stop(driver), stop(xvfb)]);
    },
  };
}
