import { h, mount } from './dom.ts';
import { FinesseRestError, getUser, signIn } from './rest.ts';
import { basicAuthorization, type Session } from './session.ts';

export interface SignInViewOptions {
  readonly productName: string;
  /** Shown above the form, e.g. after being signed out elsewhere. */
  readonly notice?: string;
  readonly defaults?: { id?: string; extension?: string };
  readonly onSignedIn: (session: Session) => void;
}

/** Finesse's sign-in: Username, Password, Extension; LOGIN puts the agent in NOT_READY. */
export function renderSignIn(root: Element, options: SignInViewOptions): void {
  const field = (id: string, label: string, input: HTMLInputElement) =>
    h('div', { className: 'field' }, h('label', { for: id }, label), input);
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
  const extension = h('input', {
    id: 'signin-extension',
    name: 'extension',
    inputmode: 'numeric',
    autocomplete: 'off',
    required: true,
    testid: 'desktop.signin.extension',
    value: options.defaults?.extension ?? '',
  });
  const error = h('p', {
    className: 'signin-error',
    role: 'alert',
    testid: 'desktop.signin.error',
    hidden: true,
  });
  const submit = h(
    'button',
    { type: 'submit', className: 'button button-primary', testid: 'desktop.signin.submit' },
    'Sign In',
  );

  const showError = (message: string) => {
    error.textContent = message;
    error.hidden = false;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    error.hidden = true;
    const id = username.value.trim();
    const ext = extension.value.trim();
    if (!id || !password.value || !ext) return showError('Enter your username, password and extension.');
    if (!/^\d+$/.test(ext)) return showError('The extension must contain digits only.');
    const authorization = basicAuthorization(id, password.value);
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await getUser(id, authorization);
      await signIn(id, authorization, ext);
      options.onSignedIn({ id, authorization, extension: ext });
    } catch (failure) {
      showError(signInMessage(failure, ext));
      submit.disabled = false;
      submit.textContent = 'Sign In';
      (failure instanceof FinesseRestError && failure.status === 401 ? password : extension).focus();
    }
  };

  const form = h(
    'form',
    {
      className: 'signin-form',
      novalidate: true,
      onsubmit: (event) => void onSubmit(event),
      'aria-labelledby': 'signin-title',
    },
    field('signin-id', 'Username', username),
    field('signin-password', 'Password', password),
    field('signin-extension', 'Extension', extension),
    error,
    submit,
  );

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
        form,
      ),
      h(
        'p',
        { className: 'signin-footnote' },
        'A simulator for development and testing. Not a Cisco product.',
      ),
    ),
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
