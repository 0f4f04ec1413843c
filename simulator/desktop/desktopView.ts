import type { DesktopConfig } from './desktopConfig.ts';
import { h, mount } from './dom.ts';
import type { FinesseUser } from './finesse/types.ts';
import { finesseGlobal } from './finesseGlobal.ts';
import { createGadgetHost, type GadgetHost } from './gadgetHost.ts';
import type { Session } from './session.ts';
import { createVoiceStateControl } from './voiceState.ts';

export interface DesktopViewOptions {
  readonly config: DesktopConfig;
  readonly session: Session;
  readonly onSignOut: () => void;
  /** The user went to LOGOUT without us (another desktop, a supervisor, the test API). */
  readonly onSignedOutElsewhere: () => void;
  /** The credentials no longer work. */
  readonly onAuthFailed: () => void;
}

export interface DesktopView {
  dispose(): void;
}

/**
 * The agent desktop: dark header (product, voice state, agent, Sign Out), a tab strip and the
 * gadgets of the active tab. The user comes from finesse.js, so the header follows the same
 * notifications a gadget receives.
 */
export function renderDesktop(root: Element, options: DesktopViewOptions): DesktopView {
  const { config, session } = options;
  const finesse = finesseGlobal();
  let disposed = false;
  let gadgets: GadgetHost | undefined;

  const notice = h('p', { className: 'header-notice', role: 'alert', hidden: true });
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const showNotice = (message: string) => {
    notice.textContent = message;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (notice.hidden = true), 6000);
  };

  const voiceState = createVoiceStateControl({ onError: showNotice });
  const agentName = h('span', { className: 'agent-name', testid: 'desktop.agentName' });
  const agentExtension = h('span', { className: 'agent-extension' });
  const signOut = h(
    'button',
    {
      type: 'button',
      className: 'button button-header',
      testid: 'desktop.signout',
      onclick: () => options.onSignOut(),
    },
    'Sign Out',
  );
  const tabs = h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Desktop tabs' });
  const workspace = h('div', { className: 'workspace', id: 'workspace', role: 'tabpanel' });

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
      h('main', { className: 'main' }, notice, workspace),
    ),
  );

  const showTabs = (user: FinesseUser) => {
    gadgets = createGadgetHost(config, session, { teamId: user.getTeamId(), teamName: user.getTeamName() });
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
    if (first) mount(workspace, ...first.gadgets.map((gadget) => gadgets?.card(first, gadget)));
  };

  const onUser = (user: FinesseUser) => {
    if (disposed) return;
    agentName.textContent = `${user.getFirstName()} ${user.getLastName()}`.trim();
    agentExtension.textContent = user.getExtension() ? `Ext. ${user.getExtension()}` : '';
    voiceState.update(user);
    if (user.getState() === 'LOGOUT') options.onSignedOutElsewhere();
  };

  finesse.clientservices.ClientServices.init(
    {
      id: session.id,
      authorization: session.authorization,
      systemAuthMode: config.deployment.systemAuthMode,
    },
    false,
  );
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
    dispose() {
      disposed = true;
      clearTimeout(noticeTimer);
      voiceState.dispose();
      gadgets?.dispose();
    },
  };
}
