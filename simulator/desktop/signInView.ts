import { h, mount, type Child } from './dom.ts';
import { renderIdp } from './idpView.ts';
import { FinesseRestError, getUser, signIn } from './rest.ts';
import { authHeader, basicAuthorization, type Session, type SsoTokens } from './session.ts';

export interface SignInViewOptions {
  readonly productName: string;
  /** SystemInfo `systemAuthMode`: SSO shows only "Sign in with SSO", HYBRID offers both. */
  readonly authMode: 'NON_SSO' | 'SSO' | 'HYBRID';
  /** Shown above the form, e.g. after being signed out elsewhere. */
  readonly notice?: string;
  readonly defaults?: { id?: string; extension?: string };
  readonly onSignedIn: (session: Session) => void;
}

const field = (id: string, label: string, input: HTMLInputElement) =>
  h('div', { className: 'field' }, h('label', { for: id }, label), input);

const extensionInput = (value = '') =>
  h('input', {
    id: 'signin-extension',
    name: 'extension',
    inputmode: 'numeric',
    autocomplete: 'off',
    required: true,
    testid: 'desktop.signin.extension',
    value,
  });

/** The sign-in page's frame: brand, title, notice, then `content`. */
function page(root: Element, options: SignInViewOptions, ...content: Child[]): void {
  mount(
    root,
    h(
      'main',
      { className: 'signin-page' },
      h(
        'section',
        { className: 'signin-card' },
        h(
          'div',
          { className: 'brand signin-brand' },
          h('span', { className: 'brand-mark', 'aria-hidden': 'true' }),
          h('span', { className: 'brand-name' }, options.productName),
        ),
        h('h1', { id: 'signin-title', className: 'signin-title' }, 'Sign in to the agent desktop'),
        options.notice ? h('p', { className: 'signin-notice', role: 'status' }, options.notice) : null,
        ...content,
      ),
      h(
        'p',
        { className: 'signin-footnote' },
        'A simulator for development and testing. Not a Cisco product.',
      ),
    ),
  );
}

/**
 * A form with an error line and a submit button; `submit` throws to show a message. The button
 * says `busyLabel` while it runs.
 */
function form(fields: Child[], label: string, busyLabel: string, submit: () => Promise<void>) {
  const error = h('p', {
    className: 'signin-error',
    role: 'alert',
    testid: 'desktop.signin.error',
    hidden: true,
  });
  const button = h(
    'button',
    { type: 'submit', className: 'button button-primary', testid: 'desktop.signin.submit' },
    label,
  );
  const element = h(
    'form',
    {
      className: 'signin-form',
      novalidate: true,
      'aria-labelledby': 'signin-title',
      onsubmit: (event) => {
        event.preventDefault();
        error.hidden = true;
        button.disabled = true;
        button.textContent = busyLabel;
        submit().catch((failure: unknown) => {
          error.textContent = failure instanceof Error ? failure.message : 'Sign in failed. Try again.';
          error.hidden = false;
          button.disabled = false;
          button.textContent = label;
        });
      },
    },
    ...fields,
    error,
    button,
  );
  return element;
}

function ssoButton(root: Element, options: SignInViewOptions): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      className: 'button button-sso',
      testid: 'desktop.signin.sso',
      onclick: () =>
        renderIdp(root, {
          onSignedIn: (userId, tokens) => renderExtensionStep(root, options, userId, tokens),
          onCancel: () => renderSignIn(root, options),
        }),
    },
    h('span', { className: 'sso-key', 'aria-hidden': 'true' }),
    'Sign in with SSO',
  );
}

/** After the IdP: Finesse only asks for the extension (the token says who the agent is). */
function renderExtensionStep(root: Element, options: SignInViewOptions, id: string, sso: SsoTokens): void {
  const extension = extensionInput(options.defaults?.extension);
  const submit = async () => {
    const ext = extension.value.trim();
    if (!/^\d+$/.test(ext)) throw new Error('Enter your extension (digits only).');
    await signIn(id, authHeader({ sso }), ext).catch((failure: unknown) => {
      throw new Error(signInMessage(failure, ext), { cause: failure });
    });
    options.onSignedIn({ id, extension: ext, sso });
  };
  page(
    root,
    options,
    h(
      'p',
      { className: 'signin-identity', testid: 'desktop.signin.identity' },
      'Signed in with SSO as ',
      h('strong', {}, id),
    ),
    form([field('signin-extension', 'Extension', extension)], 'Sign In', 'Signing in…', submit),
  );
  extension.focus();
}

/** Finesse's sign-in: Username, Password, Extension (NON_SSO, HYBRID), or SSO; LOGIN → NOT_READY. */
export function renderSignIn(root: Element, options: SignInViewOptions): void {
  if (options.authMode === 'SSO') {
    const button = ssoButton(root, options);
    page(
      root,
      options,
      h('p', { className: 'signin-lead' }, 'Your organization signs you in through its identity provider.'),
      h('div', { className: 'signin-form' }, button),
    );
    button.focus();
    return;
  }
  const username = h('input', {
    id: 'signin-id',
    name: 'username',
    autocomplete: 'username',
    inputmode: 'numeric',
    required: true,
    testid: 'desktop.signin.id',
    value: options.defaults?.id ?? '',
  });
  const password = h('input', {
    id: 'signin-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    testid: 'desktop.signin.password',
  });
  const extension = extensionInput(options.defaults?.extension);
  const submit = async () => {
    const id = username.value.trim();
    const ext = extension.value.trim();
    if (!id || !password.value || !ext) throw new Error('Enter your username, password and extension.');
    if (!/^\d+$/.test(ext)) throw new Error('The extension must contain digits only.');
    const authorization = basicAuthorization(id, password.value);
    try {
      await getUser(id, authHeader({ authorization }));
      await signIn(id, authHeader({ authorization }), ext);
    } catch (failure) {
      (failure instanceof FinesseRestError && failure.status === 401 ? password : extension).focus();
      throw new Error(signInMessage(failure, ext), { cause: failure });
    }
    options.onSignedIn({ id, authorization, extension: ext });
  };
  page(
    root,
    options,
    form(
      [
        field('signin-id', 'Username', username),
        field('signin-password', 'Password', password),
        field('signin-extension', 'Extension', extension),
      ],
      'Sign In',
      'Signing in…',
      submit,
    ),
    options.authMode === 'HYBRID'
      ? h(
          'div',
          { className: 'signin-alt' },
          h('span', { className: 'signin-or' }, 'or'),
          ssoButton(root, options),
        )
      : null,
  );
  (username.value ? password : username).focus();
}

function signInMessage(failure: unknown, extension: string): string {
  if (!(failure instanceof FinesseRestError)) return 'Sign in failed. Try again.';
  if (failure.status === 401 || failure.status === 404) return 'Invalid username or password.';
  if (failure.status === 0) return 'Cannot reach the Finesse server. Check your connection and try again.';
  if (failure.errorType === 'Bad Request') return `Extension ${extension} is not valid for this agent.`;
  return failure.message;
}
