import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProxyPrefError } from '../sdk/index.ts';
import {
  adjustHeight,
  authorizationHeader,
  chatServerUrl,
  DEFAULT_GADGET_HEIGHT,
  fittedHeight,
  followMaxAvailableHeight,
  gadgetHeight,
  maxAvailableHeight,
  readContainer,
  setGadgetHeight,
} from './container.ts';

function gadgets(pref: string, params: Record<string, string> = {}): GadgetsGlobal {
  return {
    HubSettings: {},
    window: { adjustHeight() {} },
    Prefs: class {
      getString() {
        return pref;
      }
    },
    util: { getUrlParameters: () => params },
  };
}

const finesse = (utilities?: FinesseGlobal['utilities']): FinesseGlobal => ({
  gadget: { Config: { id: '1001' } },
  clientservices: { ClientServices: { init() {} } },
  containerservices: {
    ContainerServices: {
      init: () => ({ addHandler() {}, removeHandler() {}, makeActiveTabReq() {} }),
      Topics: { ACTIVE_TAB: 'tab' },
    },
  },
  utilities,
});

describe('gadget container', () => {
  it('finds the chat server from the proxy-rewritten preference, on the page protocol', () => {
    expect(chatServerUrl(gadgets('chat.example.com:443'), 'https:')).toBe('https://chat.example.com:443');
  });

  it('falls back to the up_ URL parameter, and keeps an explicit scheme', () => {
    const params = { up_externalServerHostAndPort_chat: 'http://10.0.0.5:8444/' };
    expect(chatServerUrl(gadgets('', params), 'https:')).toBe('http://10.0.0.5:8444');
    expect(chatServerUrl(gadgets(''), 'https:')).toBeNull();
  });

  it('reports a preference that is not an address instead of dialling it', () => {
    expect(() => chatServerUrl(gadgets('chat.example.com:99999'), 'https:')).toThrow(ProxyPrefError);
    expect(() => chatServerUrl(gadgets('%CHAT_HOST_PORT%'), 'https:')).toThrow(
      /externalServerHostAndPort_chat/,
    );
  });

  it("uses finesse.js's own Authorization header when it has one", () => {
    const cfg = { id: '1001', authorization: 'YWJj' };
    expect(authorizationHeader(finesse(), cfg)).toBe('Basic YWJj');
    expect(
      authorizationHeader(finesse({ Utilities: { getAuthHeaderString: () => 'Bearer t0k' } }), cfg),
    ).toBe('Bearer t0k');
    expect(authorizationHeader(finesse(), { id: '1001', authToken: 'sso' })).toBe('Bearer sso');
  });

  it('knows when it is not inside Finesse', () => {
    expect(readContainer({} as typeof globalThis)).toBeNull();
    expect(
      readContainer({ finesse: finesse(), gadgets: gadgets('x') } as unknown as typeof globalThis),
    ).not.toBeNull();
  });
});

describe('gadget height', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the gadgetHeight preference, with a default and sane bounds', () => {
    expect(gadgetHeight(gadgets('720'))).toBe(720);
    expect(gadgetHeight(gadgets(''))).toBe(DEFAULT_GADGET_HEIGHT);
    expect(gadgetHeight(gadgets('tall'))).toBe(600);
    expect(gadgetHeight(gadgets('50'))).toBe(320);
    expect(gadgetHeight(gadgets('99999'))).toBe(2000);
    expect(gadgetHeight(undefined)).toBe(600);
  });

  it('gives the page its fixed height and asks the container for exactly that height, then and later', () => {
    const adjust = vi.fn();
    vi.stubGlobal('gadgets', { ...gadgets(''), window: { adjustHeight: adjust } });
    const root = { style: { setProperty: vi.fn() } } as unknown as HTMLElement;
    setGadgetHeight(640, root);
    expect(root.style.setProperty).toHaveBeenCalledWith('--hc-gadget-height', '640px');
    expect(adjust).toHaveBeenLastCalledWith(640);
    // ACTIVE_TAB: the same height again, not a measurement (which gives 0 on a hidden tab).
    adjust.mockClear();
    adjustHeight();
    expect(adjust).toHaveBeenCalledWith(640);
  });
});

describe('the maximum available height', () => {
  const TOPIC = 'finesse.containerservices.maxAvailableHeightChangedEvent';
  const event = (height: unknown) => ({ getMaxAvailableHeight: () => height });

  it("reads finesse.js's event, and nothing else", () => {
    expect(maxAvailableHeight(event(512))).toBe(512);
    expect(maxAvailableHeight(event('433.6'))).toBe(433);
    expect(maxAvailableHeight(event(0))).toBeNull();
    expect(maxAvailableHeight(event('tall'))).toBeNull();
    expect(maxAvailableHeight(undefined)).toBeNull();
    expect(
      maxAvailableHeight({
        getMaxAvailableHeight() {
          throw new Error('gone');
        },
      }),
    ).toBeNull();
  });

  it('takes the smaller of the preference and the room, but not less than a usable height', () => {
    expect(fittedHeight(600, 420)).toBe(420);
    expect(fittedHeight(600, 900)).toBe(600);
    expect(fittedHeight(600, 80)).toBe(240);
    expect(fittedHeight(600, null)).toBe(600);
  });

  it('shrinks with the room the desktop reports and grows back to the preference', () => {
    const handlers = new Map<string, (data?: unknown) => void>();
    const services = {
      addHandler: (topic: string, handler: (data?: unknown) => void) => handlers.set(topic, handler),
    };
    const apply = vi.fn();
    followMaxAvailableHeight(services, { MAX_AVAILABLE_HEIGHT_CHANGED_EVENT: TOPIC }, 600, apply);
    const publish = handlers.get(TOPIC);
    expect(publish).toBeDefined();
    publish?.(event(410));
    expect(apply).toHaveBeenLastCalledWith(410);
    publish?.(event(410));
    expect(apply).toHaveBeenCalledTimes(1);
    publish?.(event(1200));
    expect(apply).toHaveBeenLastCalledWith(600);
    publish?.({});
    expect(apply).toHaveBeenCalledTimes(2);
  });

  it('keeps the preference where finesse.js has no such topic', () => {
    const addHandler = vi.fn();
    followMaxAvailableHeight({ addHandler }, {}, 600, vi.fn());
    expect(addHandler).not.toHaveBeenCalled();
  });
});
