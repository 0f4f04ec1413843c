/**
 * Firefox for the cross-browser smoke tests: Debian's Firefox ESR driven by puppeteer-core over
 * WebDriver BiDi (W3C, https://w3c.github.io/webdriver-bidi/), headless. Playwright drives only its
 * own patched Firefox, which cannot be downloaded here; the stock build speaks BiDi itself.
 * Clicks and typing are real input events, in the page or in a frame.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';

export const FIREFOX = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
const STEP_MS = 20_000;

export async function launchFirefox(): Promise<Browser> {
  if (!existsSync(FIREFOX))
    throw new Error(`Firefox ESR is missing at ${FIREFOX} (scripts/ensure-test-deps.ts installs it)`);
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
}

/** The frame an `<iframe>` matching `selector` shows (`>>>` reaches into shadow roots). */
export async function frameOf(context: Page | Frame, selector: string): Promise<Frame> {
  const element = (await context.waitForSelector(selector, {
    timeout: STEP_MS,
  })) as ElementHandle<HTMLIFrameElement>;
  const frame = await element.contentFrame();
  if (!frame) throw new Error(`${selector} shows no frame`);
  return frame;
}

/** Waits until an element matching `selector` contains `text`. */
export async function waitForText(context: Page | Frame, selector: string, text: string): Promise<void> {
  await context.waitForFunction(
    (css: string, wanted: string) =>
      [...document.querySelectorAll(css)].some((element) => element.textContent?.includes(wanted)),
    { timeout: STEP_MS },
    selector,
    text,
  );
}

/** Replaces a field's text by typing it, as a person does. */
export async function typeInto(context: Page | Frame, selector: string, text: string): Promise<void> {
  const field = await context.waitForSelector(selector, { visible: true, timeout: STEP_MS });
  if (!field) throw new Error(`no ${selector}`);
  await field.click({ count: 3 });
  await field.type(text);
}

export async function click(context: Page | Frame, selector: string): Promise<void> {
  const element = await context.waitForSelector(selector, { visible: true, timeout: STEP_MS });
  if (!element) throw new Error(`no ${selector}`);
  await element.click();
}
