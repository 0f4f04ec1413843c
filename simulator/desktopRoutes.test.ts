import { Script } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { jsdomPage } from './jsdomPage.ts';
import { testSimulator } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const get = (url: string) => sim.app.inject({ method: 'GET', url });

describe('desktop pages and assets', () => {
  it('redirects / to /desktop/, which carries the layout and a strict CSP', async () => {
    sim = testSimulator({ chatServerUrl: 'http://chat.test:8444' });
    const root = await get('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/desktop/');
    const page = await get('/desktop/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).toContain('"url":"http://chat.test:8444/gadget.xml"');
    expect(page.body).toContain('"testId":"desktop.gadget.chat"');
    expect(page.body).toContain('<script type="module" src="/desktop/app/main.ts"></script>');
  });

  it('serves the desktop modules as JavaScript, and nothing outside their folder', async () => {
    sim = testSimulator();
    const main = await get('/desktop/app/main.ts');
    expect(main.statusCode).toBe(200);
    expect(main.headers['content-type']).toMatch(/^text\/javascript/);
    expect(main.body).toContain("from './desktopView.ts'");
    expect(main.body).not.toMatch(/:\s*Session\b/);
    for (const path of [
      '/desktop/app/..%2FcreateSimulator.ts',
      '/desktop/app/agents.json',
      '/desktop/app/nope.ts',
      '/desktop/app/.hidden.ts',
    ]) {
      expect((await get(path)).statusCode, path).toBe(404);
    }
  });

  it('serves finesse.js (and finesse.min.js) as a classic script', async () => {
    sim = testSimulator();
    const finesse = await get('/desktop/assets/js/finesse.js');
    expect(finesse.statusCode).toBe(200);
    expect(() => new Script(finesse.body)).not.toThrow();
    expect(finesse.body).not.toMatch(/^\s*(import|export)\s/m);
    expect((await get('/desktop/assets/js/finesse.min.js')).body).toBe(finesse.body);
    expect((await get('/desktop/desktop.css')).headers['content-type']).toMatch(/^text\/css/);
  });

  it('serves the real jQuery 3 at /desktop/assets/js/jquery.min.js, and it works in a page', async () => {
    sim = testSimulator();
    const res = await get('/desktop/assets/js/jquery.min.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.body).toMatch(/^\/\*! jQuery v3\.\d+\.\d+ /);
    const window = await jsdomPage(sim, 'http://sim.test/gadgets/ifr', ['/desktop/assets/js/jquery.min.js']);
    try {
      window.document.body.innerHTML = '<ul><li class="a">1</li><li class="a">2</li></ul>';
      expect(window.eval("$('body').length")).toBe(1);
      expect(window.eval("jQuery('li.a').map(function () { return $(this).text(); }).get().join()")).toBe(
        '1,2',
      );
      window.eval("$('ul').append($('<li>').addClass('a').text('3'))");
      expect(window.eval("$('li.a').length")).toBe(3);
      expect(window.eval('typeof $.ajax')).toBe('function');
    } finally {
      window.close();
    }
  });
});
