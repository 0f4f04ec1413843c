/**
 * The browser side of the app benchmarks: the product stack as the e2e tests start it (chat server and
 * Finesse simulator on loopback), Chromium as the e2e tests run it (playwright.config.ts), a plain host
 * page on its own origin that embeds the loader, and the probe every page and frame gets
 * before its own scripts run. The probe stamps the moments the benchmarks time on one clock
 * (`performance.timeOrigin + performance.now()`, comparable across the frames of one browser):
 *
 * - `__benchClickAt`: the first click on the host page (capture phase, before the loader sees it);
 * - `__benchWidgetReadyAt`: the frame in which the widget's first form can be used (`__benchWidgetForm`
 *   says which: `prechat`, or `leave` when the server offers a leave-a-message form instead);
 * - `__benchGadgetFrameAt`: the desktop inserted the chat gadget's iframe;
 * - `__benchGadgetPaintAt` / `__benchGadgetReadyAt`: the gadget's first own content / its status
 *   control (signed in to the chat server) reached the screen.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Frame, type Page } from '@playwright/test';
import { startStack, type Stack } from '../../e2e/support/stack.ts';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';
import { withTimeout, type Deadline } from '../deadline.ts';

export interface BenchStamps {
  __benchClickAt?: number;
  __benchWidgetForm?: 'prechat' | 'leave';
  __benchWidgetReadyAt?: number;
  __benchGadgetFrameAt?: number;
  __benchGadgetPaintAt?: number;
  __benchGadgetReadyAt?: number;
}

type TimeStamp = Exclude<keyof BenchStamps, '__benchWidgetForm'>;

/** Runs in every document before its scripts (`addInitScript`); must be self-contained. */
export function probe(): void {
  const w = window as Window & BenchStamps;
  const now = () => performance.timeOrigin + performance.now();
  /** Stamps `key` in the animation frame after `test()` first holds, i.e. when it is painted. */
  const stampWhen = (key: TimeStamp, test: () => boolean, painted = true) => {
    const check = () => {
      if (w[key] !== undefined || !test()) return false;
      if (painted) requestAnimationFrame(() => (w[key] ??= now()));
      else w[key] = now();
      return true;
    };
    if (check()) return;
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  };
  const found = (selector: string) => document.querySelector(selector) !== null;

  if (window === window.top) {
    addEventListener('click', () => (w.__benchClickAt ??= now()), true);
    stampWhen('__benchGadgetFrameAt', () => found('iframe[data-testid="desktop.gadget.chat"]'), false);
  }
  stampWhen('__benchWidgetReadyAt', () => {
    if (found('form[data-testid="widget.prechat"] [data-testid="widget.prechat.start"]:enabled')) {
      w.__benchWidgetForm = 'prechat';
    } else if (found('form[data-testid="widget.leave"] :is(input, textarea):enabled')) {
      w.__benchWidgetForm = 'leave';
    }
    return w.__benchWidgetForm !== undefined;
  });
  stampWhen('__benchGadgetPaintAt', () => found('#hybrid-chat-gadget > *'));
  stampWhen('__benchGadgetReadyAt', () => found('#hybrid-chat-gadget [data-testid="gadget.status"]'));
}

export interface AppsEnvironment {
  stack: Stack;
  browser: Browser;
}

let shared: Promise<AppsEnvironment> | null = null;

/**
 * The chat server, the simulator and Chromium, started by the first benchmark that needs them and
 * shared by the next (starting them is a few seconds of a quick run); `closeAppsEnvironment` stops them.
 */
export function appsEnvironment(deadline: Deadline, benchmark: string): Promise<AppsEnvironment> {
  shared ??= (async () => {
    // With no agent signed in, customers get the pre-chat form and wait (the default offers a
    // leave-a-message form instead): click-to-ready times the pre-chat form.
    const stack = await startStack({ env: { WHEN_UNSTAFFED: 'wait' } });
    try {
      return { stack, browser: await launchChromium() };
    } catch (error) {
      await stack.stop();
      throw error;
    }
  })();
  const starting = shared;
  return deadline.race(starting, `${benchmark}: starting the chat server, simulator and Chromium`);
}

export async function closeAppsEnvironment(timeoutMs: number): Promise<void> {
  const starting = shared;
  shared = null;
  if (!starting) return;
  // Also when the start outlived the budget: whatever did start is stopped when it is there.
  const stop = starting.then(
    ({ stack, browser }) => Promise.all([browser.close(), stack.stop()]),
    () => undefined,
  );
  await withTimeout(stop, timeoutMs, 'stopping the chat server, simulator and Chromium');
}

async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A host website on its own loopback origin: one heading, one paragraph and the loader's script tag,
 * with the idle prefetch off (bench/apps/clickToReady.ts says why).
 */
export async function startHostPage(chatUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title></head>' +
    '<body><h1>A shop</h1><p>Products, prices and a chat launcher in the corner.</p>' +
    `<script async src="${chatUrl}/widget.js" data-prefetch="off"></script></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A stamp of the probe in `target`, waiting for it up to `timeoutMs`. */
export async function stamp(target: Page | Frame, key: TimeStamp, timeoutMs: number): Promise<number> {
  const handle = await target.waitForFunction((name) => (window as BenchStamps)[name], key, {
    timeout: timeoutMs,
  });
  return (await handle.jsonValue()) as number;
}
