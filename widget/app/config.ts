/**
 * What the loader tells the chat app through the iframe URL (`/widget/?locale=…&color=…&queue=…&origin=…`),
 * checked: only a hex colour, only an http(s) origin.
 */
export interface WidgetConfig {
  /** The chat server's base URL: the folder above `/widget/`, so a reverse-proxy path prefix survives. */
  serverUrl: string;
  queue: string | undefined;
  locale: string;
  color: string;
  /** The host page's origin: the only target of our messages, the only sender we listen to. */
  parentOrigin: string | null;
}

export const DEFAULT_COLOR = '#0a5fc4';

export function readConfig(href: string, navigatorLanguage: string): WidgetConfig {
  const url = new URL(href);
  const params = url.searchParams;
  const color = params.get('color') ?? '';
  const origin = params.get('origin') ?? '';
  return {
    serverUrl: new URL('..', new URL('.', url)).href.replace(/\/+$/, ''),
    queue: params.get('queue') || undefined,
    locale: params.get('locale') || navigatorLanguage || 'en',
    color: /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : DEFAULT_COLOR,
    parentOrigin: /^https?:\/\/[^/]+$/i.test(origin) ? origin : null,
  };
}

/** WCAG relative luminance of `#rgb` / `#rrggbb`. https://www.w3.org/TR/WCAG21/#dfn-relative-luminance */
export function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/\w/g, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio against white. https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** White or near-black text on the theme colour: whichever has the higher contrast. */
export function textColorOn(hex: string): string {
  const dark = (luminance(hex) + 0.05) / (luminance('#111111') + 0.05);
  return contrastWithWhite(hex) >= dark ? '#ffffff' : '#111111';
}

/**
 * The theme colour as text on white (links, the queue position): itself when it reads well
 * (≥ 4.5:1), else a darker shade of it.
 */
export function linkColorOn(hex: string): string {
  return contrastWithWhite(hex) >= 4.5 ? hex : `color-mix(in srgb, ${hex} 62%, #000)`;
}
