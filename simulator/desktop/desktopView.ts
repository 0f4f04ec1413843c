import { createCallControl, type CallControl } from './callControl.ts';
import type { DesktopConfig } from './desktopConfig.ts';
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
          h('div', { className: 'workspace', id: 'workspace', role: 'tabpanel' }, callSlot, gadgetSlot),
          simPanel.element,
        ),
      ),
    ),
  );

  let state = '';
  const syncPanel = () => simPanel.update(state, calls?.current());

  const showTabs = (user: FinesseUser) => {
    gadgets = createGadgetHost(config, () => session, {
      teamId: user.getTeamId(),
      teamName: user.getTeamName(),
    });
    const [first] = config.tabs;
    for (const tab of config.tabs) {
      tabs.append(
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            className: 'tab',
            'aria-selected': String(tab === first),
            'aria-controls': 'workspace',
          },
          tab.label,
        ),
      );
    }
    calls = createCallControl({ user, onError: showNotice, onChange: syncPanel });
    mount(callSlot, calls.element);
    if (first) mount(gadgetSlot, ...first.gadgets.map((gadget) => gadgets?.card(first, gadget)));
  };

  const onUser = (user: FinesseUser) => {
    if (disposed) return;
    agentName.textContent = `${user.getFirstName()} ${user.getLastName()}`.trim();
    agentExtension.textContent = user.getExtension() ? `Ext. ${user.getExtension()}` : '';
    voiceState.update(user);
    state = user.getState();
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
