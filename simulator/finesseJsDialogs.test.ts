import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import type { FinesseDialog, FinesseDialogs, FinesseUser, RestResponse } from './desktop/finesse/types.ts';
import { jsdomPage, until, type FinesseWindow } from './jsdomPage.ts';
import { signIn, simPost, testSimulator } from './testSupport.ts';

let sim: Simulator;
let windows: FinesseWindow[] = [];
afterEach(async () => {
  windows.forEach((w) => w.close());
  windows = [];
  await sim?.close();
});

const AUTH_1001 = Buffer.from('1001:pass1001').toString('base64');

async function desktopPage(config: Record<string, string>) {
  const w = await jsdomPage(sim, 'http://sim.test/desktop/', ['/desktop/assets/js/finesse.js']);
  windows.push(w);
  w.finesse.clientservices.ClientServices.init(config, false);
  return w.finesse;
}

async function loadedUser(
  finesse: FinesseWindow['finesse'],
  id: string,
  onChange?: (u: FinesseUser) => void,
) {
  let loaded: FinesseUser | undefined;
  new finesse.restservices.User({ id, onLoad: (u) => (loaded = u), onChange });
  await until(() => loaded !== undefined, 'User onLoad');
  return loaded as FinesseUser;
}

describe('finesse.js dialogs (User.getDialogs)', () => {
  it('adds a ringing call, follows its changes, and deletes it when it is dropped', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const finesse = await desktopPage({ id: '1001', authorization: AUTH_1001, systemAuthMode: 'NON_SSO' });
    const states: string[] = [];
    const user = await loadedUser(finesse, '1001', (u) => states.push(u.getState() ?? ''));

    const added: FinesseDialog[] = [];
    const deleted: FinesseDialog[] = [];
    let collection: FinesseDialogs | undefined;
    user.getDialogs({
      onLoad: (dialogs) => (collection = dialogs),
      onCollectionAdd: (dialog) => added.push(dialog),
      onCollectionDelete: (dialog) => deleted.push(dialog),
    });
    await until(() => collection !== undefined, 'Dialogs onLoad');
    expect(collection?.getCollection()).toEqual({});

    const { id } = (await simPost(sim, '/users/1001/calls', { type: 'inbound', from: '6175550199' })).json();
    await until(() => added.length === 1, 'onCollectionAdd');
    const dialog = added[0] as FinesseDialog;
    expect(dialog.getId()).toBe(id);
    expect(dialog.getMediaType()).toBe('Voice');
    expect(dialog.getFromAddress()).toBe('6175550199');
    expect(dialog.getToAddress()).toBe('8005550100');
    expect(dialog.getState()).toBe(finesse.restservices.Dialog.States.ALERTING);
    expect(dialog.getMediaProperties()).toMatchObject({
      callType: 'PREROUTE_ACD_IN',
      dialedNumber: '8005550100',
      callVariable1: null, // an empty element is null, as in Cisco's library
    });
    const mine = dialog.getParticipants().find((p) => p.mediaAddress === '3001');
    expect(mine).toMatchObject({ state: 'ALERTING', actions: { action: 'ANSWER' } });
    expect(collection?.getCollection()[id]).toBe(dialog);
    await until(() => states.includes('RESERVED'), 'RESERVED');

    const changes: string[] = [];
    dialog.addHandler('change', (d) => changes.push(d.getState() ?? ''));
    const answered = await new Promise<RestResponse>((resolve, reject) =>
      dialog.requestAction('3001', finesse.restservices.Dialog.Actions.ANSWER ?? 'ANSWER', {
        success: resolve,
        error: reject,
      }),
    );
    expect(answered.status).toBe(202);
    await until(() => changes.includes('ACTIVE') && states.includes('TALKING'), 'ACTIVE and TALKING');

    await simPost(sim, `/dialogs/${id}/end`);
    await until(() => deleted.length === 1, 'onCollectionDelete');
    expect(deleted[0]).toBe(dialog);
    expect(changes.at(-1)).toBe('DROPPED');
    expect(collection?.getCollection()).toEqual({});
    await until(() => states.at(-1) === 'READY', 'READY after the call');
  });

  it('loads the dialogs that exist already, and reports a refused action through error', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const { id } = (await simPost(sim, '/users/1001/calls', { type: 'conference' })).json();
    const finesse = await desktopPage({ id: '1001', authorization: AUTH_1001, systemAuthMode: 'NON_SSO' });
    const user = await loadedUser(finesse, '1001');
    const dialogs = await new Promise<FinesseDialogs>((resolve) => user.getDialogs({ onLoad: resolve }));
    const dialog = dialogs.getCollection()[id] as FinesseDialog;
    expect(dialog.getMediaProperties().callType).toBe('CONFERENCE');
    expect(dialog.getParticipants()).toHaveLength(3);
    const error = await new Promise<RestResponse>((resolve) =>
      dialog.requestAction('3001', 'HOLD', { error: resolve }),
    );
    expect(error.status).toBe(400);
    expect(error.object?.ApiErrors).toMatchObject({ ApiError: { ErrorType: 'Invalid State' } });
  });

  it('talks to Finesse with the SSO token: Bearer header, Config.authToken', async () => {
    sim = testSimulator({ authMode: 'SSO' });
    const { token } = (await simPost(sim, '/users/1001/sso-token')).json();
    await sim.app.inject({
      method: 'PUT',
      url: '/finesse/api/User/1001',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      payload: '<User><state>LOGIN</state><extension>3001</extension></User>',
    });
    const finesse = await desktopPage({ id: '1001', authToken: token, systemAuthMode: 'SSO' });
    const { Utilities } = finesse.utilities;
    expect(Utilities.getAuthHeaderString({ authToken: token, systemAuthMode: 'SSO' })).toBe(
      `Bearer ${token}`,
    );
    const states: string[] = [];
    const user = await loadedUser(finesse, '1001', (u) => states.push(u.getState() ?? ''));
    expect(user.getState()).toBe('NOT_READY');
    user.setState('READY', null, {});
    await until(() => states.includes('READY'), 'READY through the Bearer-authenticated stream');
  });

  it("gives a gadget the desktop's SSO token as Config.authToken, the current one after a refresh", async () => {
    sim = testSimulator({ authMode: 'SSO' });
    let token = 'first-token';
    const w = await jsdomPage(
      sim,
      'http://sim.test/gadgets/ifr?url=x&up_id=1001&up_systemAuthMode=SSO&tabId=home&mid=chat',
      ['/gadgets/js/gadgets.js', '/desktop/assets/js/finesse.js'],
      (window) => {
        const context = window.document.createElement('script');
        context.type = 'application/json';
        context.id = 'finesse-sim-gadget-context';
        context.textContent = JSON.stringify({
          title: 't',
          prefs: { id: '1001', systemAuthMode: 'SSO' },
          features: [],
          manualDismiss: false,
        });
        window.document.head.append(context);
        // The desktop hosting the iframe (same origin), as gadgetHost.ts exposes it.
        const desktop = {
          postMessage: () => undefined,
          __finesseSimDesktop: {
            gadgetContext: () => ({
              authorization: '',
              authToken: token,
              extension: '3001',
              scheme: 'http',
              hostPort: '80',
              pubsubDomain: 'pubsub.localhost',
            }),
          },
        };
        Object.defineProperty(window, 'parent', { value: desktop, configurable: true });
      },
    );
    windows.push(w);
    const config = w.finesse.gadget.Config;
    expect(config.systemAuthMode).toBe('SSO');
    expect(config.authToken).toBe('first-token');
    expect(config.authorization).toBe('');
    expect(w.finesse.utilities.Utilities.getAuthHeaderString(config)).toBe('Bearer first-token');
    token = 'refreshed-token';
    expect(config.authToken).toBe('refreshed-token');
  });

  it('places a call with Dialogs.createNewCallDialog: 202, then the dialog arrives', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const finesse = await desktopPage({ id: '1001', authorization: AUTH_1001, systemAuthMode: 'NON_SSO' });
    const user = await loadedUser(finesse, '1001');
    const added: FinesseDialog[] = [];
    let collection: FinesseDialogs | undefined;
    user.getDialogs({ onLoad: (d) => (collection = d), onCollectionAdd: (d) => added.push(d) });
    await until(() => collection !== undefined, 'Dialogs onLoad');
    const accepted = await new Promise<RestResponse>((resolve, reject) =>
      collection?.createNewCallDialog('4085550199', '3001', { success: resolve, error: reject }),
    );
    expect(accepted.status).toBe(202);
    await until(() => added[0]?.getState() === 'ALERTING', 'the outbound dialog, ringing');
    expect(added).toHaveLength(1);
    expect(added[0]?.getFromAddress()).toBe('3001');
    expect(added[0]?.getToAddress()).toBe('4085550199');
    expect(added[0]?.getMediaProperties()).toMatchObject({ callType: 'OUT' });
    const refused = await new Promise<RestResponse>((resolve, reject) =>
      collection?.createNewCallDialog('3001', '3001', { success: reject, error: resolve }),
    );
    expect(refused.status).toBe(400);
    expect(refused.object?.ApiErrors).toMatchObject({ ApiError: { ErrorType: 'Invalid Destination' } });
  });
});
