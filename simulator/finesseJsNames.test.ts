/**
 * The finesse.js names real gadgets call beyond the basics (Cisco Finesse JavaScript Library):
 * User handlers, makeCall, phone books, supervised teams, the one Dialogs collection, Dialog call
 * type, ContainerServices.tabVisible, ClientServices.makeRequest and Utilities.
 */
import { describe, expect, it } from 'vitest';
import type { FinesseDialog, FinesseDialogs, FinesseUser, ReasonCodeInfo } from './desktop/finesse/types.ts';
import { simulatorPerTest, until, type DOMWindow, type FinesseWindow } from './jsdomPage.ts';
import { signIn, simPost } from './testSupport.ts';

const each = simulatorPerTest();
const auth = (id: string) => Buffer.from(`${id}:pass${id}`).toString('base64');
const page = (before?: (w: DOMWindow) => void): Promise<FinesseWindow> =>
  each.page('http://sim.test/desktop/', ['/desktop/assets/js/finesse.js'], before);

async function signedInUser(id: string): Promise<{ w: FinesseWindow; user: FinesseUser }> {
  const w = await page();
  w.finesse.clientservices.ClientServices.init({ id, authorization: auth(id) }, false);
  let loaded: FinesseUser | undefined;
  const user = new w.finesse.restservices.User({ id, onLoad: (u) => (loaded = u) });
  expect(user.isLoaded()).toBe(false);
  await until(() => loaded !== undefined, 'User onLoad');
  expect(user.isLoaded()).toBe(true);
  return { w, user };
}

describe('finesse.js: the names gadgets call', () => {
  it('User: change handlers added and removed, login, supervised teams, Cisco-shaped reason codes', async () => {
    const sim = each.start();
    await signIn(sim, '1005');
    const { user } = await signedInUser('1005');
    expect(user.getLoginId()).toBe('1005');
    expect(user.getSupervisedTeams().map((team) => team.id)).toEqual(['10', '20']);

    const seen: string[] = [];
    const handler = (u: FinesseUser) => seen.push(u.getState() ?? '');
    user.addHandler('change', handler);
    await simPost(sim, '/users/1005/state', { state: 'READY' });
    await until(() => seen.includes('READY'), 'change handler');
    user.removeHandler('change', handler);
    await simPost(sim, '/users/1005/state', { state: 'NOT_READY' });
    await until(() => user.getState() === 'NOT_READY', 'NOT_READY');
    expect(seen).toEqual(['READY']);

    const codes = await new Promise<ReasonCodeInfo[]>((resolve, reject) =>
      user.getNotReadyReasonCodes({ success: resolve, error: reject }),
    );
    const handlingChat = codes.find((code) => code.label === 'Handling Chat');
    expect(handlingChat).toEqual({
      category: 'NOT_READY',
      code: expect.any(String),
      label: 'Handling Chat',
      forAll: 'true',
      uri: '/finesse/api/ReasonCode/16',
      id: '16',
    });
    const logout = await new Promise<ReasonCodeInfo[]>((resolve, reject) =>
      user.getSignOutReasonCodes({ success: resolve, error: reject }),
    );
    expect(logout.every((code) => code.category === 'LOGOUT')).toBe(true);
  });

  it('an agent supervises no team and has no phone books in the simulator', async () => {
    const sim = each.start();
    await signIn(sim, '1001');
    const { user } = await signedInUser('1001');
    expect(user.getSupervisedTeams()).toEqual([]);
    const books = await new Promise<{ getCollection(): object; isLoaded(): boolean }>((resolve, reject) => {
      user.getPhoneBooks({ onLoad: resolve as (b: unknown) => void, onError: reject });
    });
    expect(books.isLoaded()).toBe(true);
    expect(books.getCollection()).toEqual({});
  });

  it('getDialogs gives one collection object, kept current; makeCall places a call from the extension', async () => {
    const sim = each.start();
    await signIn(sim, '1001');
    const { user } = await signedInUser('1001');
    let firstLoaded: FinesseDialogs | undefined;
    const dialogs = user.getDialogs({ onLoad: (d) => (firstLoaded = d) });
    await until(() => firstLoaded !== undefined, 'Dialogs onLoad');
    const collection = dialogs.getCollection();
    expect(collection).toEqual({});

    // A second getDialogs (another part of the gadget): the same object, its onLoad still runs.
    let secondLoaded: FinesseDialogs | undefined;
    const added: FinesseDialog[] = [];
    expect(
      user.getDialogs({ onLoad: (d) => (secondLoaded = d), onCollectionAdd: (d) => added.push(d) }),
    ).toBe(dialogs);
    await until(() => secondLoaded === dialogs, 'second onLoad');

    let status = 0;
    user.makeCall('3002', { success: (response) => (status = response.status) });
    await until(() => added.length === 1, 'the placed call');
    expect(status).toBe(202);
    const [call] = added as [FinesseDialog];
    expect(call.getFromAddress()).toBe('3001');
    expect(call.getToAddress()).toBe('3002');
    expect(call.getCallType()).toBe('AGENT_INSIDE');
    expect(call.isLoaded()).toBe(true);
    // The collection object first handed out holds it too.
    expect(dialogs.getCollection()).toBe(collection);
    expect(Object.keys(collection)).toEqual([call.getId()]);
  });

  it('Dialogs.addHandler/removeHandler: collectionAdd and collectionDelete run only while added', async () => {
    const sim = each.start();
    await signIn(sim, '1001', 'READY');
    const { user } = await signedInUser('1001');
    let loaded = false;
    const dialogs = user.getDialogs({ onLoad: () => (loaded = true) });
    await until(() => loaded, 'Dialogs onLoad');
    const added: string[] = [];
    const deleted: string[] = [];
    const onAdd = (d: FinesseDialog) => added.push(d.getId());
    const onDelete = (d: FinesseDialog) => deleted.push(d.getId());
    dialogs.addHandler('collectionAdd', onAdd as (value: never) => void);
    dialogs.addHandler('collectionDelete', onDelete as (value: never) => void);

    const first = (await simPost(sim, '/users/1001/calls', { type: 'inbound', from: '6175550199' })).json();
    await until(() => added.length === 1, 'collectionAdd');
    await simPost(sim, `/dialogs/${first.id}/end`);
    await until(() => deleted.length === 1, 'collectionDelete');
    expect([added, deleted]).toEqual([[first.id], [first.id]]);

    dialogs.removeHandler('collectionAdd', onAdd as (value: never) => void);
    dialogs.removeHandler('collectionDelete', onDelete as (value: never) => void);
    const second = (await simPost(sim, '/users/1001/calls', { type: 'inbound', from: '6175550123' })).json();
    await until(() => Object.keys(dialogs.getCollection()).includes(second.id), 'the second call');
    await simPost(sim, `/dialogs/${second.id}/end`);
    await until(() => Object.keys(dialogs.getCollection()).length === 0, 'the second call gone');
    expect([added, deleted]).toEqual([[first.id], [first.id]]);
  });

  it('ClientServices.registerOnConnectHandler runs its handler on every (re)connection of the notifications', async () => {
    const sim = each.start();
    await signIn(sim, '1001');
    await signIn(sim, '1002');
    const w = await page();
    const { ClientServices } = w.finesse.clientservices;
    let connects = 0;
    ClientServices.registerOnConnectHandler(() => (connects += 1));
    expect(connects).toBe(0);
    ClientServices.init({ id: '1001', authorization: auth('1001') }, false);
    await until(() => connects === 1, 'the first connection');
    // Another agent's credentials: the library connects again, and says so.
    ClientServices.init({ id: '1002', authorization: auth('1002') }, false);
    await until(() => connects === 2, 'the second connection');
  });

  it('ClientServices.makeRequest goes through gadgets.io.makeRequest with the agent header added', async () => {
    each.start();
    const calls: { url: string; params: Record<string, unknown> }[] = [];
    const w = await page((window) => {
      Object.assign(window, {
        gadgets: {
          io: {
            RequestParameters: { HEADERS: 'HEADERS', METHOD: 'METHOD' },
            makeRequest(url: string, callback: (r: unknown) => void, params: Record<string, unknown>) {
              calls.push({ url, params });
              callback({ rc: 200, text: 'ok' });
            },
          },
        },
      });
    });
    const { ClientServices } = w.finesse.clientservices;
    ClientServices.init({ id: '1001', authorization: auth('1001') }, false);
    let answer: unknown;
    ClientServices.makeRequest('http://crm.test/lookup', (r) => (answer = r), {
      METHOD: 'GET',
      HEADERS: { 'X-Trace': '7' },
    });
    expect(calls).toEqual([
      {
        url: 'http://crm.test/lookup',
        params: { METHOD: 'GET', HEADERS: { 'X-Trace': '7', Authorization: `Basic ${auth('1001')}` } },
      },
    ]);
    expect(answer).toEqual({ rc: 200, text: 'ok' });
    expect(ClientServices.getRestHost()).toBe('sim.test');
  });

  it('ContainerServices.tabVisible follows whether the gadget iframe is rendered', async () => {
    each.start();
    let visible = true;
    const w = await page((window) => {
      Object.defineProperty(window, 'frameElement', { value: { checkVisibility: () => visible } });
    });
    const cs = w.finesse.containerservices.ContainerServices;
    expect(cs.tabVisible()).toBe(true);
    visible = false; // a hidden tab: display none on its panel
    expect(cs.tabVisible()).toBe(false);
    expect(() => cs.reloadMyGadgetFromUrl('http://chat.test/gadget.xml')).not.toThrow();
  });

  it('Utilities: base64 (UTF-8), ids from URIs, padding, emptiness, HTML entities, timestamps', async () => {
    each.start();
    const { Utilities } = (await page()).finesse.utilities;
    expect(Utilities.b64Decode(Utilities.b64Encode('María:pässword'))).toBe('María:pässword');
    expect(Utilities.b64Encode('1001:pass1001')).toBe(auth('1001'));
    expect(Utilities.getId('/finesse/api/Dialog/42')).toBe('42');
    expect(Utilities.pad(7)).toBe('07');
    expect(Utilities.pad(12)).toBe('12');
    expect([null, undefined, '', {}].map((v) => Utilities.isEmpty(v))).toEqual([true, true, true, true]);
    expect(Utilities.isNotEmpty({ a: 1 })).toBe(true);
    expect(Utilities.translateHTMLEntities('<b>"Tom" & \'Jerry\'</b>')).toBe(
      '&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;',
    );
    expect(Utilities.translateHTMLEntities('&lt;b&gt; &amp;amp;', true)).toBe('<b> &amp;');
    expect(Utilities.extractTime('2026-03-02T09:00:00.000Z')).toBe(Date.UTC(2026, 2, 2, 9));
    expect(Utilities.convertTsToDate('2026-03-02T09:00:00.000Z').toISOString()).toBe(
      '2026-03-02T09:00:00.000Z',
    );
    expect(Number.isNaN(Utilities.extractTime(''))).toBe(true);
    expect(Utilities.getDOMParser()).toBeDefined();
  });
});
