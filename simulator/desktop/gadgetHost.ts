import type {
  DesktopBridgeHost,
  DesktopToGadget,
  GadgetContext,
  GadgetToDesktop,
  WithoutChannel,
} from './containerProtocol.ts';
import type { DesktopConfig, LayoutGadget, LayoutTab } from './desktopConfig.ts';
import { activeTabAudience } from './desktopTabs.ts';
import { h } from './dom.ts';
import { containerConfig, startFinesseMaster, TOPICS, type ContainerApi } from './finesseMaster.ts';
import { showGadgetDialog, hideGadgetDialog } from './gadgetDialog.ts';
import { createHubManager } from './hubManager.ts';
import { authHeader, type Session } from './session.ts';

/** If a gadget asks for manual dismissal and never dismisses, the desktop stops waiting. */
const LOADING_TIMEOUT_MS = 10_000;

interface HostedGadget {
  readonly frame: HTMLIFrameElement;
  readonly tab: LayoutTab;
  /** The layout's gadget; `url` changes with `modifyGadgetUrl`. */
  gadget: LayoutGadget;
}

export interface GadgetHost {
  /** The card for a gadget, with its iframe (test id from the layout). */
  card(tab: LayoutTab, gadget: LayoutGadget): HTMLElement;
  /** `tabId` is now on show: its gadgets get ACTIVE_TAB (after the panel became visible). */
  tabShown(tabId: string): void;
  dispose(): void;
}

/**
 * The iframe URL a real desktop builds: Shindig's `/gadgets/ifr` with the layout's gadget URL and
 * Finesse's prefs as `up_…` (docs/requirements.md, "The gadget in the Finesse desktop"). No credentials here.
 * The container believes only the agent's values among them (id, team, locale) and works out the
 * rest itself (container/prefSources.ts); they are here because a real desktop's URL has them.
 */
export function gadgetFrameUrl(
  config: DesktopConfig,
  tab: LayoutTab,
  gadget: LayoutGadget,
  user: { id: string; teamId: string; teamName: string },
): string {
  const params = new URLSearchParams({
    url: gadget.url,
    mid: gadget.id,
    tabId: tab.id,
    up_id: user.id,
    up_scheme: location.protocol.replace(':', ''),
    up_host: location.hostname,
    up_hostPort: location.port || (location.protocol === 'https:' ? '443' : '80'),
    up_restHost: location.hostname,
    up_xmppDomain: config.deployment.xmppDomain,
    up_locale: config.locale,
    up_teamId: user.teamId,
    up_teamName: user.teamName,
    up_systemAuthMode: config.deployment.systemAuthMode,
    up_externalServerHost: location.origin,
    up_deploymentType: config.deployment.deploymentType,
  });
  return `/gadgets/ifr?${params.toString()}`;
}

export function createGadgetHost(
  config: DesktopConfig,
  getSession: () => Session,
  user: { teamId: string; teamName: string },
  tabs: { active(): string; show(tabId: string): boolean },
): GadgetHost {
  const hosted: HostedGadget[] = [];

  const send = (frame: HTMLIFrameElement, message: WithoutChannel<DesktopToGadget>) =>
    frame.contentWindow?.postMessage({ channel: 'finesse-sim', ...message }, location.origin);

  // Handed to our own gadget pages only (see containerProtocol.ts): what Config needs beyond the URL.
  // Read on every call: the SSO token is refreshed while the gadget runs.
  const context = (): GadgetContext => {
    const session = getSession();
    return {
      authorization: session.authorization ?? '',
      authToken: session.sso?.token ?? '',
      extension: session.extension,
      scheme: location.protocol.replace(':', ''),
      hostPort: location.port || (location.protocol === 'https:' ? '443' : '80'),
      pubsubDomain: `pubsub.${config.deployment.xmppDomain}`,
    };
  };
  (window as unknown as DesktopBridgeHost).__finesseSimDesktop = {
    gadgetContext: (gadgetWindow) =>
      hosted.some((g) => g.frame.contentWindow === gadgetWindow) ? context() : undefined,
  };

  const hub = createHubManager(location.origin);
  const reload = (gadget: HostedGadget) => {
    const src = gadgetFrameUrl(config, gadget.tab, gadget.gadget, { id: getSession().id, ...user });
    if (gadget.frame.getAttribute('src') !== src) gadget.frame.src = src;
    else gadget.frame.contentWindow?.location.reload();
  };
  const byId = (gadgetId: string) => hosted.find((g) => g.gadget.id === String(gadgetId));
  const container: ContainerApi = {
    showDialog: (options = {}) =>
      showGadgetDialog({
        title: String(options.title ?? 'Cisco Finesse'),
        message: String(options.message ?? ''),
        isBlocking: Boolean(options.isBlocking),
      }),
    hideDialog: hideGadgetDialog,
    reloadGadget(gadgetId) {
      const gadget = byId(gadgetId);
      if (gadget) reload(gadget);
    },
    // The container still fetches only from allowed gadget hosts (container/gadgetFetcher.ts).
    modifyGadgetUrl(gadgetId, url) {
      const gadget = byId(gadgetId);
      if (gadget && typeof url === 'string' && /^https?:\/\//.test(url))
        gadget.gadget = { ...gadget.gadget, url };
    },
  };
  const master = startFinesseMaster({
    hub,
    userId: getSession().id,
    authHeader: () => authHeader(getSession()),
    tabs,
    container,
    config: containerConfig(config, getSession),
  });

  const onMessage = (event: MessageEvent) => {
    const gadget = hosted.find((g) => g.frame.contentWindow === event.source);
    if (!gadget || event.origin !== location.origin) return;
    const message = event.data as Partial<GadgetToDesktop> | null;
    if (message?.channel !== 'finesse-sim') return;
    const card = gadget.frame.closest('.gadget-card');
    if (typeof message.type === 'string' && message.type.startsWith('hub')) {
      if (gadget.frame.contentWindow) hub.receive(gadget.frame.contentWindow, message);
      return;
    }
    switch (message.type) {
      case 'adjustHeight':
        if (typeof message.height === 'number' && message.height > 0) {
          gadget.frame.style.height = `${Math.min(Math.round(message.height), 4000)}px`;
        }
        break;
      case 'setTitle': {
        const title = card?.querySelector('.gadget-title');
        if (title && typeof message.title === 'string') title.textContent = message.title.slice(0, 120);
        break;
      }
      case 'loadingDismissed':
        card?.classList.remove('is-loading');
        break;
      case 'activeTabReq':
        // Answered only while the gadget's tab is on show, as Finesse does.
        if (gadget.tab.id === tabs.active()) send(gadget.frame, { type: 'activeTab', tabId: gadget.tab.id });
        break;
      case 'activateTab':
        // Switching tabs publishes ACTIVE_TAB (tabShown); an already visible tab says so again.
        if (!tabs.show(gadget.tab.id)) send(gadget.frame, { type: 'activeTab', tabId: gadget.tab.id });
        break;
      case 'showDialog':
        showGadgetDialog({
          title: String(message.title ?? ''),
          message: String(message.message ?? ''),
          isBlocking: Boolean(message.isBlocking),
        });
        break;
      case 'hideDialog':
        hideGadgetDialog();
        break;
      case 'reloadGadget':
        if (typeof message.url === 'string' && /^https?:\/\//i.test(message.url)) {
          // reloadMyGadgetFromUrl: the same container page for another spec URL (its host must be allowed).
          const next = new URL(gadget.frame.src, location.href);
          next.searchParams.set('url', message.url);
          gadget.frame.src = next.pathname + next.search;
        } else reload(gadget);
        break;
    }
  };
  window.addEventListener('message', onMessage);

  const onResize = () => {
    for (const { frame } of hosted) {
      const top = frame.getBoundingClientRect().top;
      const height = Math.max(0, Math.floor(window.innerHeight - top - 24));
      send(frame, { type: 'maxAvailableHeight', height });
      if (frame.contentWindow)
        hub.publishTo(frame.contentWindow, TOPICS.maxAvailableHeight, { maxAvailableHeight: height });
    }
  };
  window.addEventListener('resize', onResize);

  return {
    card(tab, gadget) {
      const frame = h('iframe', {
        className: 'gadget-frame',
        title: gadget.title,
        testid: gadget.testId,
        id: gadget.frameName,
        name: gadget.frameName,
        src: gadgetFrameUrl(config, tab, gadget, { id: getSession().id, ...user }),
      });
      hosted.push({ frame, tab, gadget });
      // A page without the gadgets runtime (the container's error page) will never dismiss.
      frame.addEventListener('load', () => {
        const gadgetWindow = frame.contentWindow as (Window & { gadgets?: unknown }) | null;
        if (!gadgetWindow?.gadgets) frame.closest('.gadget-card')?.classList.remove('is-loading');
      });
      const card = h(
        'section',
        { className: 'gadget-card is-loading', 'aria-label': gadget.title },
        h('header', { className: 'gadget-header' }, h('h2', { className: 'gadget-title' }, gadget.title)),
        h(
          'div',
          { className: 'gadget-body' },
          frame,
          h(
            'div',
            { className: 'gadget-loading', 'aria-hidden': 'true' },
            h('span', { className: 'spinner' }),
          ),
        ),
      );
      setTimeout(() => card.classList.remove('is-loading'), LOADING_TIMEOUT_MS);
      return card;
    },
    tabShown(tabId) {
      for (const { frame } of activeTabAudience(hosted, tabId)) send(frame, { type: 'activeTab', tabId });
      master.tabShown(tabId); // the hub carries it to every gadget; each checks its own tab
    },
    dispose() {
      master.dispose();
      window.removeEventListener('message', onMessage);
      window.removeEventListener('resize', onResize);
      delete (window as unknown as DesktopBridgeHost).__finesseSimDesktop;
      hosted.length = 0;
      hideGadgetDialog();
    },
  };
}
