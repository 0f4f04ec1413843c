// @vitest-environment jsdom
/**
 * `finesse.container.Config` on the desktop window (desktop/finesseMaster.ts): what Cisco's library in a
 * gadget reads as `parent.finesse.container.Config`, the credentials read live (an SSO token is refreshed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { containerConfig, startFinesseMaster } from './desktop/finesseMaster.ts';
import { createHubManager } from './desktop/hubManager.ts';
import type { DesktopConfig } from './desktop/desktopConfig.ts';
import type { Session } from './desktop/session.ts';

const CONFIG = {
  locale: 'en_US',
  deployment: { xmppDomain: 'finesse.test', systemAuthMode: 'NON_SSO', deploymentType: 'UCCE' },
} as unknown as DesktopConfig;

afterEach(() => vi.unstubAllGlobals());

describe('finesse.container.Config', () => {
  it("holds the agent, the Finesse server as the browser reaches it, and the session's current credentials", () => {
    let session: Session = { id: '1001', extension: '3001', authorization: 'MTAwMTpwYXNzMTAwMQ==' };
    const config = containerConfig(CONFIG, () => session);
    expect(config).toMatchObject({
      id: '1001',
      host: location.hostname,
      hostPort: location.port || '80',
      restHost: location.hostname,
      scheme: location.protocol.replace(':', ''),
      xmppDomain: 'finesse.test',
      pubsubDomain: 'pubsub.finesse.test',
      locale: 'en_US',
      systemAuthMode: 'NON_SSO',
      deploymentType: 'UCCE',
      authorization: 'MTAwMTpwYXNzMTAwMQ==',
      authToken: '',
      extension: '3001',
    });
    session = { ...session, extension: '3009', sso: { token: 't2' } as Session['sso'] };
    expect([config.extension, config.authToken]).toEqual(['3009', 't2']);
    expect(Object.keys(config)).toContain('authorization');
  });

  it('is on the desktop window while the desktop runs, and gone after', () => {
    vi.stubGlobal('fetch', () => new Promise(() => undefined)); // the notification stream never opens here
    const config = { id: '1001' };
    const master = startFinesseMaster({
      hub: createHubManager(location.origin),
      userId: '1001',
      authHeader: () => 'Basic x',
      tabs: { active: () => 'home', show: () => true },
      container: { showDialog() {}, hideDialog() {}, reloadGadget() {}, modifyGadgetUrl() {} },
      config,
    });
    const container = (window as unknown as { finesse: { container: Record<string, unknown> } }).finesse
      .container;
    expect(container.Config).toBe(config);
    expect(container.Tabs).toBeDefined();
    master.dispose();
    expect(container.Config).toBeUndefined();
  });
});
