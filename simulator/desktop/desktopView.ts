import { createCallControl, type CallControl } from './callControl.ts';
import type { DesktopConfig } from './desktopConfig.ts';
import { createDesktopTabs } from './desktopTabs.ts';
import { h, mount } from './dom.ts';
import type { FinesseUser, GadgetConfig } from './finesse/types.ts';
import { finesseGlobal } from './finesseGlobal.ts';
import { createGadgetHost, type GadgetHost } from './gadgetHost.ts';
import { saveSession, type Session } from './session.ts';
import { createSimPanel } from './simPanel.ts';
import { refreshDelay, refreshTokens } from './sso.ts';
import { createVoiceStateControl } from './voiceState.ts';

export interface DesktopViewOptions {
  readonly config: DesktopConfig;
  readonly session: Session;
  /** The agent pressed Sign Out (with the session as it is now: SSO tokens get refreshed). */
  readonly onSignOut: (session: Session) => void;
  /** The user went to LOGOUT without us (another desktop, a supervisor, the test API). */
  readonly onSignedOutElsewhere: () => void;
  /** The credentials no longer work. */
  readonly onAuthFailed: () => void;
}

export interface DesktopView {
  /** Shows a message under the header for a few seconds. */
  notify(message: string): void;
  dispose(): void;
}

/** Finesse disables Sign Out while the agent is on a call or wrapping up (LOGOUT would be refused). */
const BUSY_STATES = ['RESERVED', 'TALKING', 'HOLD', 'WORK', 'WORK_READY'];

/**
 * The agent desktop: dark header (product, voice state, agent, Sign Out), a tab strip, the call
 * control strip and the gadgets of the active tab, and the simulator's panel beside them. The
 * user and the calls come from finesse.js, so the desktop follows the same notifications a gadget
 * receives.
 */
export function renderDesktop(root: Element, options: DesktopViewOptions): DesktopView {
  const { config } = options;
  let session = options.session;
  const finesse = finesseGlobal();
  let disposed = false;
  let gadgets: GadgetHost | undefined;
  let calls: CallControl | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const notice = h('p', { className: 'header-notice', role: 'alert', hidden: true });
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const showNotice = (message: string) => {
    notice.textContent = message;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (notice.hidden = true), 6000);
  };

  const voiceState = createVoiceStateControl({ onError: showNotice });
  const simPanel = createSimPanel({ userId: session.id });
  const agentName = h('span', { className: 'agent-name', testid: 'desktop.agentName' });
  const agentExtension = h('span', { className: 'agent-extension' });
  const signOut = h(
    'button',
    {
      type: 'button',
      className: 'button button-header',
      testid: 'desktop.signout',
      onclick: () => options.onSignOut(session),
    },
    'Sign Out',
  );
  const tabs = h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Desktop tabs' });
  const callSlot = h('div', { className: 'call-slot' });
  const gadgetSlot = h('div', { className: 'gadget-slot' });

  mount(
    root,
    h(
      'div',
      { className: 'desktop' },
      h(
        'header',
        { className: 'topbar' },
        h(
          'div',
          { className: 'brand' },
          h('span', { className: 'brand-mark', 'aria-hidden': 'true' }),
          h('h1', { className: 'brand-name' }, config.productName),
        ),
        voiceState.element,
        h('div', { className: 'topbar-spacer' }),
        h('div', { className: 'agent', 'aria-label': 'Signed-in agent' }, agentName, agentExtension),
        signOut,
      ),
      h('nav', { className: 'tabs-bar', 'aria-label': 'Desktop' }, tabs),
      h(
        'main',
        { className: 'main' },
        notice,
        h(
          'div',
          { className: 'desktop-body' },
          h('div', { className: 'workspace', id: 'workspace' }, callSlot, gadgetSlot),
          simPanel.element,
        ),
      ),
    ),
  );

  let state = '';
  const syncPanel = () => simPanel.update(state, calls?.current());

  /**
   * Every tab's gadgets load at sign-in, as on a real desktop; only the active tab's panel shows.
   * A hidden panel keeps its layout (off-screen, invisible, inert): its gadgets run and their
   * content may grow, but `adjustHeight()` there measures 0 (container/runtime/gadgets.ts), so they
   * must resize again on ACTIVE_TAB — stricter than a display:none panel, where a ResizeObserver in
   * the gadget would also fire when the panel appears.
   */
  const showTabs = (user: FinesseUser) => {
    const buttons = new Map<string, HTMLButtonElement>();
    const panels = new Map<string, HTMLElement>();
    const paint = (tabId: string, shown: boolean) => {
      const button = buttons.get(tabId);
      button?.setAttribute('aria-selected', String(shown));
      button?.setAttribute('tabindex', shown ? '0' : '-1');
      const panel = panels.get(tabId);
      panel?.classList.toggle('is-hidden', !shown);
      panel?.toggleAttribute('inert', !shown);
      if (shown) panel?.removeAttribute('aria-hidden');
      else panel?.setAttribute('aria-hidden', 'true');
    };
    const desktopTabs = createDesktopTabs(
      config.tabs.map((tab) => tab.id),
      (shown, hidden) => {
        paint(hidden, false);
        paint(shown, true);
        gadgets?.tabShown(shown);
      },
    );
    gadgets = createGadgetHost(
      config,
      () => session,
      { teamId: user.getTeamId() ?? '', teamName: user.getTeamName() ?? '' },
      desktopTabs,
    );
    for (const tab of config.tabs) {
      const button = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          className: 'tab',
          id: `desktop-tab-${tab.id}`,
          testid: `desktop.tab.${tab.id}`,
          'aria-controls': `panel_${tab.id}`,
          onclick: () => desktopTabs.show(tab.id),
          onkeydown: (event) => {
            const key = (event as KeyboardEvent).key;
            if (key !== 'ArrowRight' && key !== 'ArrowLeft') return;
            event.preventDefault();
            const next = desktopTabs.neighbour(tab.id, key === 'ArrowRight' ? 1 : -1);
            desktopTabs.show(next);
            buttons.get(next)?.focus();
          },
        },
        tab.label,
      );
      buttons.set(tab.id, button);
      tabs.append(button);
      const panel = h(
        'div',
        {
          className: 'tab-panel',
          // `div.tab-panel#panel_<tabId>`: where Cisco's ContainerServices looks for its gadget's tab.
          id: `panel_${tab.id}`,
          role: 'tabpanel',
          'aria-labelledby': button.id,
          testid: `desktop.tabPanel.${tab.id}`,
        },
        ...tab.gadgets.map((gadget) => gadgets?.card(tab, gadget)),
      );
      panels.set(tab.id, panel);
      paint(tab.id, tab.id === desktopTabs.active());
    }
    calls = createCallControl({ user, onError: showNotice, onChange: syncPanel });
    mount(callSlot, calls.element);
    mount(gadgetSlot, ...panels.values());
  };

  const onUser = (user: FinesseUser) => {
    if (disposed) return;
    agentName.textContent = `${user.getFirstName()} ${user.getLastName()}`.trim();
    agentExtension.textContent = user.getExtension() ? `Ext. ${user.getExtension()}` : '';
    voiceState.update(user);
    state = user.getState() ?? '';
    signOut.disabled = BUSY_STATES.includes(state);
    signOut.title = signOut.disabled ? 'You cannot sign out during a call or wrap-up.' : '';
    syncPanel();
    if (state === 'LOGOUT') options.onSignedOutElsewhere();
  };

  // SSO: refresh the token pair after 75% of its life; finesse.js and gadgets read it live.
  const scheduleRefresh = () => {
    const tokens = session.sso;
    if (!tokens || disposed) return;
    refreshTimer = setTimeout(() => {
      refreshTokens(tokens).then(
        (next) => {
          session = { ...session, sso: next };
          saveSession(session);
          scheduleRefresh();
        },
        () => !disposed && options.onAuthFailed(),
      );
    }, refreshDelay(tokens));
  };
  scheduleRefresh();

  const clientConfig: Partial<GadgetConfig> = {
    id: session.id,
    systemAuthMode: config.deployment.systemAuthMode,
  };
  Object.defineProperties(clientConfig, {
    authorization: { enumerable: true, get: () => session.authorization ?? '' },
    authToken: { enumerable: true, get: () => session.sso?.token ?? '' },
  });
  finesse.clientservices.ClientServices.init(clientConfig, false);
  new finesse.restservices.User({
    id: session.id,
    onLoad: (user) => {
      if (disposed) return;
      onUser(user);
      if (!disposed) showTabs(user);
      user.getNotReadyReasonCodes({ success: (codes) => !disposed && voiceState.setReasonCodes(codes) });
    },
    onChange: onUser,
    onError: (response) => {
      if (disposed) return;
      if (response.status === 401) options.onAuthFailed();
      else showNotice('Cannot load your agent details. Reload the page to try again.');
    },
  });

  return {
    notify: showNotice,
    dispose() {
      disposed = true;
      clearTimeout(noticeTimer);
      clearTimeout(refreshTimer);
      voiceState.dispose();
      calls?.dispose();
      simPanel.dispose();
      gadgets?.dispose();
    },
  };
}
