import { afterEach, describe, expect, it } from 'vitest';
import { VOICE_STATES } from '../sdk/core/finesseXml.ts';
import type { Simulator } from './createSimulator.ts';
import type { FinesseUser, ReasonCodeInfo, RestResponse } from './desktop/finesse/types.ts';
import { jsdomPage, until, type DOMWindow, type FinesseWindow } from './jsdomPage.ts';
import { testSimulator, xmlHeaders } from './testSupport.ts';

let sim: Simulator;
let windows: DOMWindow[] = [];
afterEach(async () => {
  windows.forEach((w) => w.close());
  windows = [];
  await sim?.close();
});

/** A jsdom page running the served scripts against this test's simulator, closed after the test. */
async function page(
  url: string,
  scripts: string[],
  before?: (w: DOMWindow) => void,
): Promise<FinesseWindow & { gadgets?: unknown }> {
  const window = await jsdomPage(sim, url, scripts, before);
  windows.push(window);
  return window;
}

const AUTH_1001 = Buffer.from('1001:pass1001').toString('base64');

describe('finesse.js (served at /desktop/assets/js/finesse.js)', () => {
  it('offers the finesse.js API gadgets use under the real names, and nothing of its own', async () => {
    sim = testSimulator();
    const { finesse } = await page('http://sim.test/desktop/', ['/desktop/assets/js/finesse.js']);
    expect(Object.keys(finesse).sort()).toEqual([
      'clientservices',
      'containerservices',
      'cslogger',
      'gadget',
      'restservices',
      'utilities',
    ]);
    expect(Object.keys(finesse.restservices).sort()).toEqual(['Dialog', 'Dialogs', 'User']);
    // Every Finesse voice state but UNKNOWN (the REST API's word for a state it could not tell).
    expect(Object.keys(finesse.restservices.User.States).sort()).toEqual(
      VOICE_STATES.filter((state) => state !== 'UNKNOWN').sort(),
    );
    expect(Object.keys(finesse.restservices.Dialog.States).sort()).toEqual([
      'ACCEPTED',
      'ACTIVE',
      'ALERTING',
      'DROPPED',
      'FAILED',
      'INITIATED',
      'INITIATING',
    ]);
    const cs = finesse.containerservices.ContainerServices;
    expect(cs.init()).toBe(cs);
    expect(Object.keys(cs.Topics)).toEqual(
      expect.arrayContaining([
        'ACTIVE_TAB',
        'ACTIVE_CALL_STATUS_EVENT',
        'MAX_AVAILABLE_HEIGHT_CHANGED_EVENT',
      ]),
    );
    for (const name of [
      'addHandler',
      'removeHandler',
      'makeActiveTabReq',
      'activateMyTab',
      'getMyTabId',
      'showDialog',
      'hideDialog',
      'reloadMyGadget',
    ] as const) {
      expect(typeof cs[name]).toBe('function');
    }
    const { Utilities } = finesse.utilities;
    expect(Utilities.getAuthHeaderString({ authorization: 'YTpi', systemAuthMode: 'NON_SSO' })).toBe(
      'Basic YTpi',
    );
    expect(Utilities.getAuthHeaderString({ authToken: 'tok', systemAuthMode: 'SSO' })).toBe('Bearer tok');
  });

  it('loads a User, changes state with setState and reports changes through onChange', async () => {
    sim = testSimulator();
    await sim.app.inject({
      method: 'PUT',
      url: '/finesse/api/User/1001',
      headers: xmlHeaders('1001'),
      payload: '<User><state>LOGIN</state><extension>3001</extension></User>',
    });
    const { finesse } = await page('http://sim.test/desktop/', ['/desktop/assets/js/finesse.js']);
    finesse.clientservices.ClientServices.init(
      { id: '1001', authorization: AUTH_1001, systemAuthMode: 'NON_SSO' },
      false,
    );

    let loaded: FinesseUser | undefined;
    const changes: string[] = [];
    const user = new finesse.restservices.User({
      id: '1001',
      onLoad: (u) => (loaded = u),
      onChange: (u) =>
        changes.push(`${u.getState()}:${u.getNotReadyReasonCodeId()}:${u.getReasonCodeLabel()}`),
    });
    await until(() => loaded !== undefined, 'onLoad');
    expect(loaded).toBe(user);
    expect(user.getState()).toBe('NOT_READY');
    expect(user.getFirstName()).toBe('María');
    expect(user.getLastName()).toBe('González');
    expect(user.getExtension()).toBe('3001');
    expect(user.getTeamName()).toBe('Retail Banking');
    expect(user.hasAgentRole()).toBe(true);
    expect(user.hasSupervisorRole()).toBe(false);
    // As Cisco's library: no reason code is `undefined`, an empty element `null`.
    expect(user.getNotReadyReasonCodeId()).toBeUndefined();
    expect(user.getPendingState()).toBeNull();
    expect(user.getReasonCodeLabel()).toBeNull();
    expect(Date.parse(user.getStateChangeTime() ?? '')).not.toBeNaN();

    let status = 0;
    user.setState(finesse.restservices.User.States.READY, null, { success: (r) => (status = r.status) });
    await until(() => changes.includes('READY:undefined:null'), 'READY notification');
    expect(status).toBe(202);

    const codes = await new Promise<ReasonCodeInfo[]>((resolve, reject) =>
      user.getNotReadyReasonCodes({ success: resolve, error: reject }),
    );
    const handlingChat = codes.find((code) => code.label === 'Handling Chat');
    expect(handlingChat).toBeDefined();
    user.setState('NOT_READY', handlingChat ?? null, {});
    await until(
      () => changes.includes(`NOT_READY:${handlingChat?.id}:Handling Chat`),
      'NOT_READY notification',
    );

    const error = await new Promise<RestResponse>((resolve) =>
      user.setState('TALKING', null, { error: resolve }),
    );
    expect(error.status).toBe(400);
    const apiError = (error.object?.ApiErrors as { ApiError: { ErrorType: string; ErrorMessage: string } })
      .ApiError;
    expect(apiError.ErrorType).toBe('Invalid State');
    expect(apiError.ErrorMessage).toContain('TALKING');

    const dialogs = await new Promise<{ getCollection(): object }>((resolve) =>
      user.getDialogs({ onLoad: resolve }),
    );
    expect(dialogs.getCollection()).toEqual({});
  });

  it('calls onError with the ApiErrors object when the credentials are wrong', async () => {
    sim = testSimulator();
    const { finesse } = await page('http://sim.test/desktop/', ['/desktop/assets/js/finesse.js']);
    finesse.clientservices.ClientServices.init({ id: '1001', authorization: 'bm9wZTpub3Bl' });
    const error = await new Promise<RestResponse>(
      (resolve) => new finesse.restservices.User({ id: '1001', onError: resolve }),
    );
    expect(error.status).toBe(401);
    expect(error.object?.ApiErrors).toMatchObject({ ApiError: { ErrorType: 'Authorization Failure' } });
  });

  it('builds finesse.gadget.Config from the gadget prefs, inside the container page', async () => {
    sim = testSimulator();
    const context = {
      title: 't',
      prefs: { id: '1001', locale: 'en_US', teamId: '10', systemAuthMode: 'NON_SSO' },
      features: [],
      manualDismiss: false,
    };
    const w = await page(
      'http://sim.test/gadgets/ifr?url=x&up_id=1001&tabId=home&mid=chat',
      ['/gadgets/js/gadgets.js', '/desktop/assets/js/finesse.js'],
      (window) => {
        const element = window.document.createElement('script');
        element.type = 'application/json';
        element.id = 'finesse-sim-gadget-context';
        element.textContent = JSON.stringify(context);
        window.document.head.append(element);
      },
    );
    const config = w.finesse.gadget.Config;
    expect(config.id).toBe('1001');
    expect(config.locale).toBe('en_US');
    expect(config.language).toBe('en');
    expect(config.country).toBe('US');
    expect(config.teamId).toBe('10');
    // Not inside a desktop: no credentials reach the gadget.
    expect(config.authorization).toBe('');
    expect(w.finesse.containerservices.ContainerServices.getMyTabId()).toBe('home');
    const gadgets = w.gadgets as {
      util: { getUrlParameters(): Record<string, string> };
      HubSettings: object;
    };
    expect(gadgets.util.getUrlParameters()).toMatchObject({ up_id: '1001', tabId: 'home' });
    expect(gadgets.HubSettings).toHaveProperty('onConnect');
  });
});
