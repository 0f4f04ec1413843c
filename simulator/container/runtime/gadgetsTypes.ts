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

/** A subscriber's callback: `this` is the subscription's scope. */
export type HubOnData = (topic: string, data: unknown, subscriberData: unknown) => void;
export type HubOnComplete = (subId: string, success: boolean, error?: string) => void;

/** `gadgets.Hub`: the OpenAjax Hub 2.0 HubClient API (container/runtime/hub.ts). */
export interface HubClient {
  subscribe(
    topic: string,
    onData: HubOnData,
    scope?: unknown,
    onComplete?: HubOnComplete,
    subscriberData?: unknown,
  ): string;
  unsubscribe(subId: string, onComplete?: HubOnComplete, scope?: unknown): void;
  publish(topic: string, data: unknown): void;
  isConnected(): boolean;
  getClientID(): string;
  getPartnerOrigin(): string;
  getScope(): unknown;
  getSubscriberData(subId: string): unknown;
  getSubscriberScope(subId: string): unknown;
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
  HubSettings: {
    onConnect?: ((hub: HubClient | undefined, success: boolean) => void) | null;
    params?: Record<string, unknown>;
  };
  /** Set by hub.ts, which runs after gadgets.ts in the same script. */
  Hub?: HubClient;
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
