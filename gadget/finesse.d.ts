/**
 * The parts of the Finesse container globals (finesse.js and Shindig's `gadgets`) that the gadget
 * uses. Only APIs that real finesse.js has: docs/requirements.md ("The gadget in the Finesse
 * desktop"). Every member is typed as possibly missing where a container may not provide it, so the
 * gadget degrades instead of throwing.
 */
export {};

declare global {
  /** `finesse.gadget.Config`: built by finesse.js from the gadget's `up_*` preferences. */
  interface FinesseGadgetConfig {
    id: string;
    /** base64 of `id:password` (non-SSO). */
    authorization?: string;
    /** SSO access token. */
    authToken?: string;
    host?: string;
    restHost?: string;
    scheme?: string;
    /** e.g. `en_US`, `de_DE`. */
    locale?: string;
    extension?: string;
    systemAuthMode?: string;
  }

  interface FinesseContainerServices {
    addHandler(topic: string, handler: (data?: unknown) => void): void;
    removeHandler(topic: string, handler: (data?: unknown) => void): void;
    makeActiveTabReq(): void;
  }

  interface FinesseGlobal {
    gadget: { Config: FinesseGadgetConfig };
    clientservices: { ClientServices: { init(config: FinesseGadgetConfig, dontSubscribe?: boolean): void } };
    containerservices: {
      ContainerServices: {
        init(): FinesseContainerServices;
        Topics: { ACTIVE_TAB: string; MAX_AVAILABLE_HEIGHT_CHANGED_EVENT?: string };
      };
    };
    utilities?: { Utilities?: { getAuthHeaderString?(config: FinesseGadgetConfig): string } };
  }

  interface GadgetsGlobal {
    HubSettings: { onConnect?: () => void };
    /** Shindig's OpenAjax hub client; present once pubsub-2 has loaded. */
    Hub?: { isConnected?(): boolean };
    window: { adjustHeight(height?: number): void; setTitle?(title: string): void };
    Prefs: new () => { getString(name: string): string };
    util: { getUrlParameters(): Record<string, string | undefined> };
    /** Present with `<Require feature="loadingindicator">` (manual-dismiss in gadget.xml). */
    loadingindicator?: { dismiss(): void };
  }

  var finesse: FinesseGlobal | undefined;
  var gadgets: GadgetsGlobal | undefined;
}
