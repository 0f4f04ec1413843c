import { h, mount } from './dom.ts';
import type { SsoTokens } from './session.ts';
import { idpSignIn, SsoError } from './sso.ts';

export interface IdpViewOptions {
  readonly onSignedIn: (userId: string, tokens: SsoTokens) => void;
  readonly onCancel: () => void;
}

/**
 * The identity provider's sign-in page. A real Finesse redirects the browser to Cisco IdS and on
 * to the customer's IdP (ADFS, Okta…); this one is deliberately styled apart from the desktop so
 * it reads as someone else's page. It accepts the agent's own password (agents.json).
 */
export function renderIdp(root: Element, options: IdpViewOptions): void {
  const username = h('input', {
    id: 'idp-username',
    autocomplete: 'username',
    required: true,
    testid: 'desktop.idp.username',
  });
  const password = h('input', {
    id: 'idp-password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    testid: 'desktop.idp.password',
  });
  const error = h('p', { className: 'idp-error', role: 'alert', testid: 'desktop.idp.error', hidden: true });
  const submit = h(
    'button',
    { type: 'submit', className: 'idp-submit', testid: 'desktop.idp.submit' },
    'Sign in',
  );

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) {
      error.textContent = 'Enter your username and password.';
      error.hidden = false;
      return;
    }
    submit.disabled = true;
    try {
      const { userId, tokens } = await idpSignIn(username.value.trim(), password.value);
      options.onSignedIn(userId, tokens);
    } catch (failure) {
      error.textContent = failure instanceof SsoError ? failure.message : 'Sign in failed.';
      error.hidden = false;
      submit.disabled = false;
      password.select();
    }
  };

  mount(
    root,
    h(
      'main',
      { className: 'idp-page' },
      h(
        'form',
        {
          className: 'idp-card',
          novalidate: true,
          onsubmit: (event) => void onSubmit(event),
          'aria-labelledby': 'idp-title',
        },
        h(
          'div',
          { className: 'idp-brand' },
          h('span', { className: 'idp-logo', 'aria-hidden': 'true' }),
          'Identity Provider',
        ),
        h('h1', { id: 'idp-title', className: 'idp-title' }, 'Sign in'),
        h('p', { className: 'idp-lead' }, 'to continue to Cisco Finesse'),
        h('label', { for: 'idp-username', className: 'idp-label' }, 'Username'),
        username,
        h('label', { for: 'idp-password', className: 'idp-label' }, 'Password'),
        password,
        error,
        submit,
        h(
          'button',
          {
            type: 'button',
            className: 'idp-cancel',
            testid: 'desktop.idp.cancel',
            onclick: () => options.onCancel(),
          },
          'Back to Finesse',
        ),
      ),
      h('p', { className: 'idp-footnote' }, 'Simulated identity provider · test accounts only'),
    ),
  );
  username.focus();
}
