/**
 * The `gadgets.*` API the container page offers (the subset of Shindig that Finesse gadgets use,
 * docs/requirements.md). Type-only; shared by the runtime and by finesse.js, which reads prefs through it.
 */
export interface GadgetsPrefs {
  getString(name: string): string;
  getInt(name: string): number;
  getBool(name: string): boolean;
  set(name: string, value: string | number | boolean): void;
}

export interface MakeRequestResponse {
  data: unknown;
  text: string;
  rc: number;
  errors: string[];
  headers: Record<string, string[]>;
}

export interface GadgetsNamespace {
  util: {
    getUrlParameters(): Record<string, string>;
    registerOnLoadHandler(fn: () => void): void;
  };
  Prefs: new () => GadgetsPrefs;
  json: { parse(text: string): unknown; stringify(value: unknown): string };
  window: {
    adjustHeight(height?: number): void;
    setTitle(title: string): void;
    getViewportDimensions(): { width: number; height: number };
  };
  HubSettings: { onConnect?: (() => void) | null };
  io: {
    makeRequest(
      url: string,
      callback: (response: MakeRequestResponse) => void,
      params?: Record<string, unknown>,
    ): void;
    RequestParameters: Record<
      'METHOD' | 'CONTENT_TYPE' | 'POST_DATA' | 'HEADERS' | 'AUTHORIZATION' | 'REFRESH_INTERVAL',
      string
    >;
    ContentType: Record<'TEXT' | 'DOM' | 'JSON' | 'FEED', string>;
    MethodType: Record<'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD', string>;
  };
  loadingindicator: { dismiss(): void };
}

/** `window` as the gadget page sees it. */
export interface GadgetsWindow {
  gadgets?: GadgetsNamespace;
}
