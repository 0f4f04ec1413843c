/**
 * Who may set a gadget's preferences. The gadget container renders `__UP_name__` into the gadget's
 * HTML on the Finesse origin, so a preference that names a host decides where scripts come from. Only
 * the desktop layout and the reverse-proxy map may change one (besides the container's own values);
 * the `up_…` parameters of the container page's own URL, which anyone can write into a link, may not.
 *
 * A stub "chat server" serves the gadget XML and the gadget script; the simulator runs in this process.
 */
import { test, expect, type Page, type Request } from '@playwright/test';
import { startSimulator } from '../simulator/createSimulator.ts';
import { startMapServer, type MapServer } from '../simulator/reverseProxy/testMapServer.ts';

const FOREIGN = 'foreign.invalid:4444';
const PROXIED_CHAT = 'chat.proxied.invalid:443';
const EXTERNAL_FINESSE = 'finesse.proxied.invalid:8443';

const gadgetXml = (chatHostPort: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Module>
  <ModulePrefs title="Chat"><Require feature="pubsub-2"/></ModulePrefs>
  <UserPref name="externalServerHostAndPort_chat" datatype="hidden" default_value="${chatHostPort}"/>
  <UserPref name="scheme" datatype="hidden" default_value=""/>
  <UserPref name="host" datatype="hidden" default_value=""/>
  <UserPref name="hostPort" datatype="hidden" default_value=""/>
  <Content type="html"><![CDATA[
    <script src="__UP_scheme__://__UP_host__:__UP_hostPort__/desktop/assets/js/finesse.js"></script>
    <p id="loaded">gadget</p>
    <script src="//__UP_externalServerHostAndPort_chat__/gadget/gadget.js"></script>
  ]]></Content>
</Module>`;

let chat: MapServer;
let other: MapServer;
let sim: Awaited<ReturnType<typeof startSimulator>>;

test.beforeAll(async () => {
  chat = await startMapServer();
  other = await startMapServer();
  for (const server of [chat, other]) {
    server.set('/gadget/gadget.js', {
      body: 'window.gadgetScriptRan = true;',
      contentType: 'text/javascript',
    });
  }
  chat.set('/gadget.xml', { body: gadgetXml(`127.0.0.1:${chat.port}`), contentType: 'application/xml' });
  chat.set('/proxymap.txt', { body: `127.0.0.1:${chat.port}=${PROXIED_CHAT}\n` });
  sim = await startSimulator({
    port: 0,
    chatServerUrl: chat.url,
    // The second gadget gets its chat server from the layout.
    layout: {
      tabs: [
        {
          id: 'home',
          label: 'Home',
          gadgets: [
            {},
            { key: 'second', prefs: { externalServerHostAndPort_chat: `127.0.0.1:${other.port}` } },
          ],
        },
      ],
    },
    reverseProxy: { mapUrls: [`${chat.url}/proxymap.txt`], allowedHosts: ['127.0.0.1'] },
  });
});
test.afterAll(async () => {
  await sim?.close();
  await chat?.close();
  await other?.close();
});

/** Every request the page and its frames make, failed ones included (a foreign host never answers). */
function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  return requests;
}

const hostsOf = (requests: Request[]) => requests.map((request) => new URL(request.url()).host);
const ifrUrl = (extra: string) =>
  `${sim.url}/gadgets/ifr?url=${encodeURIComponent(`${chat.url}/gadget.xml`)}&mid=0${extra}`;

test('a preference in the container URL loads nothing from the host it names', async ({ page }) => {
  const requests = recordRequests(page);
  const foreign = encodeURIComponent(FOREIGN);
  await page.goto(
    ifrUrl(
      `&up_externalServerHostAndPort_chat=${foreign}&up_host=foreign.invalid&up_hostPort=4444` +
        `&up_scheme=http&up_externalServerHost=${encodeURIComponent(`http://${FOREIGN}`)}`,
    ),
  );
  await expect(page.locator('#loaded')).toHaveText('gadget');
  await expect.poll(() => page.evaluate(() => 'gadgetScriptRan' in window)).toBe(true);

  expect(hostsOf(requests).filter((host) => host.startsWith('foreign.'))).toEqual([]);
  // The gadget still loads its script from the default chat server, and finesse.js from the container.
  const urls = requests.map((request) => request.url());
  expect(urls).toContain(`${chat.url}/gadget/gadget.js`);
  expect(urls).toContain(`${sim.url}/desktop/assets/js/finesse.js`);
});

test("the layout's preference reaches its gadget on the desktop", async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto(`${sim.url}/desktop/`);
  await page.getByTestId('desktop.signin.id').fill('1001');
  await page.getByTestId('desktop.signin.password').fill('pass1001');
  await page.getByTestId('desktop.signin.extension').fill('3001');
  await page.getByTestId('desktop.signin.submit').click();
  await expect(page.frameLocator('[data-testid="desktop.gadget.second"]').locator('#loaded')).toHaveText(
    'gadget',
  );
  const scripts = () => requests.map((request) => request.url()).filter((url) => url.endsWith('/gadget.js'));
  await expect
    .poll(scripts)
    .toEqual(expect.arrayContaining([`${chat.url}/gadget/gadget.js`, `${other.url}/gadget/gadget.js`]));
  expect(scripts()).toHaveLength(2);
  // The desktop's iframe URL carries Finesse's up_scheme and up_hostPort (the container relies on its own).
  const src = new URL((await page.getByTestId('desktop.gadget.second').getAttribute('src')) ?? '', sim.url)
    .searchParams;
  expect([src.get('up_scheme'), src.get('up_hostPort'), src.get('mid')]).toEqual([
    'http',
    new URL(sim.url).port,
    '1',
  ]);
});

test('through the reverse proxy the map still rewrites the preference, and the URL still cannot', async ({
  page,
}) => {
  // From 127.0.0.1 (an allowed proxy) with the external host the browser used, as nginx sends it.
  await page.setExtraHTTPHeaders({ 'x-forwarded-host': EXTERNAL_FINESSE, 'x-forwarded-proto': 'https' });
  // The map now also names the simulator, so its external host:port counts as "through the proxy".
  const proxyMap = `127.0.0.1:${chat.port}=${PROXIED_CHAT}\n127.0.0.1:${new URL(sim.url).port}=${EXTERNAL_FINESSE}\n`;
  chat.set('/proxymap.txt', { body: proxyMap });
  await sim.app.inject({ method: 'POST', url: '/sim/api/reverse-proxy/poll' });

  const requests = recordRequests(page);
  await page.goto(ifrUrl(`&up_externalServerHostAndPort_chat=${encodeURIComponent(FOREIGN)}`));
  await expect(page.locator('#loaded')).toHaveText('gadget');
  const hosts = () => hostsOf(requests);
  // `//chat.proxied.invalid:443/…` under the gadget's https base: the default port drops out.
  await expect.poll(hosts).toContain(PROXIED_CHAT.replace(/:443$/, ''));
  expect(hosts().filter((host) => host.startsWith('foreign.'))).toEqual([]);
  expect(hosts()).not.toContain(`127.0.0.1:${chat.port}`);
});
