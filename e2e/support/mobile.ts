/**
 * A phone for the widget specs: a 390×844 touch viewport, safe-area insets (the notch and the home
 * indicator, through Chromium's emulation), and an on-screen keyboard. Headless Chromium has no
 * keyboard, so the page's `visualViewport` is replaced by one whose height a test sets, as iOS and
 * Android Chrome shrink the visual viewport (not the layout viewport) when the keyboard opens.
 */
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from '@playwright/test';

export const PHONE = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
} as const;

export const SAFE_AREA = { top: 47, bottom: 34 };

export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(() => {
    if (window !== window.top || !window.visualViewport) return;
    const real = window.visualViewport;
    const fake = new EventTarget();
    let height: number | null = null;
    let offsetTop = 0;
    const getters: Record<string, () => number> = {
      height: () => height ?? real.height,
      width: () => real.width,
      offsetTop: () => offsetTop,
      offsetLeft: () => 0,
      pageTop: () => real.pageTop + offsetTop,
      pageLeft: () => real.pageLeft,
      scale: () => 1,
    };
    for (const [key, get] of Object.entries(getters)) Object.defineProperty(fake, key, { get });
    Object.defineProperty(window, 'visualViewport', { configurable: true, get: () => fake });
    (window as unknown as { __keyboard(h: number | null, top?: number): void }).__keyboard = (h, top = 0) => {
      height = h;
      offsetTop = top;
      fake.dispatchEvent(new Event('resize'));
    };
  });
  return context;
}

export async function emulateSafeArea(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: SAFE_AREA });
}

/**
 * A phone of its own (a new browser context, with the safe area of a notched screen) on the host
 * page at `url`, the widget opened by a tap on its launcher.
 */
export async function openWidgetOnPhone(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page; widget: FrameLocator }> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await emulateSafeArea(page);
  await page.goto(url);
  await page.getByTestId('widget.launcher').tap();
  return { context, page, widget: page.frameLocator('[data-testid="widget.frame"]') };
}

/** Opens (height in px) or closes (null) the emulated on-screen keyboard; draws it for screenshots. */
export async function keyboard(page: Page, height: number | null, offsetTop = 0): Promise<void> {
  await page.evaluate(
    ([h, top]) => {
      document.getElementById('fake-keyboard')?.remove();
      if (h !== null) {
        const pad = document.createElement('div');
        pad.id = 'fake-keyboard';
        pad.textContent = 'on-screen keyboard';
        Object.assign(pad.style, {
          position: 'fixed',
          left: '0',
          right: '0',
          bottom: '0',
          height: `${window.innerHeight - h}px`,
          zIndex: '2147483647',
          background: '#d1d5db',
          color: '#4b5563',
          font: '600 14px system-ui',
          display: 'grid',
          placeItems: 'center',
        });
        document.body.append(pad);
      }
      const w = window as unknown as { __keyboard(h: number | null, top?: number): void };
      w.__keyboard(h === null ? null : h, top ?? 0);
    },
    [height, offsetTop] as const,
  );
}

/** Fields whose text is under 16 px (iOS would zoom the page in when one is focused). */
export async function smallFields(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll('input, textarea, select')]
      .filter((field) => parseFloat(getComputedStyle(field).fontSize) < 16)
      .map((field) => (field as HTMLElement).dataset['testid'] ?? field.outerHTML.slice(0, 60)),
  );
}

/** Visible buttons smaller than 44×44 px (WCAG 2.5.5), inline text links aside. */
export async function smallTargets(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll('button, [role="button"], input[type="checkbox"], input[type="radio"]')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        const visible = box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        return visible && (box.width < 44 || box.height < 44);
      })
      .map(
        (el) =>
          `${(el as HTMLElement).dataset['testid'] ?? el.textContent?.trim()} ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`,
      ),
  );
}
