/**
 * Desktop Chat's own sign-in: the IM and Presence username and password (single sign-on is not
 * supported, as in Cisco's Desktop Chat), and "remember my username" on this computer. The password
 * is never stored. A refusal says why, next to the form, and keeps what was typed.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Credentials, SignInProblem } from './session.ts';

export interface SignInFormProps {
  initialUsername: string;
  busy: boolean;
  problem: SignInProblem | null;
  onSignIn: (credentials: Credentials, remember: boolean) => void;
}

export function SignInForm({ initialUsername, busy, problem, onSignIn }: SignInFormProps) {
  const { t } = useTranslation('gadget');
  const ids = { intro: useId(), user: useId(), password: useId(), problem: useId() };
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(initialUsername !== '');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return setMissing(true);
    setMissing(false);
    onSignIn({ username: username.trim(), password }, remember);
  };
  const message = missing
    ? t('desktopChat.signIn.required')
    : problem
      ? t(`desktopChat.signIn.${problem}`)
      : null;

  return (
    <form
      className="dc-signin"
      onSubmit={submit}
      aria-describedby={ids.intro}
      data-testid="dc.signIn"
      noValidate
    >
      <p id={ids.intro} className="dc-signin__intro">
        {t('desktopChat.signIn.intro')}
      </p>
      <label className="dc-field" htmlFor={ids.user}>
        <span>{t('desktopChat.signIn.username')}</span>
        <input
          id={ids.user}
          className="dc-input"
          data-testid="dc.signIn.username"
          autoComplete="username"
          value={username}
          aria-invalid={missing && !username.trim()}
          onChange={(event) => setUsername(event.currentTarget.value)}
        />
      </label>
      <label className="dc-field" htmlFor={ids.password}>
        <span>{t('desktopChat.signIn.password')}</span>
        <input
          id={ids.password}
          className="dc-input"
          type="password"
          data-testid="dc.signIn.password"
          autoComplete="current-password"
          value={password}
          aria-invalid={missing && !password}
          aria-describedby={message ? ids.problem : undefined}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      <label className="dc-check">
        <input
          type="checkbox"
          data-testid="dc.signIn.remember"
          checked={remember}
          onChange={(event) => setRemember(event.currentTarget.checked)}
        />
        {t('desktopChat.signIn.remember')}
      </label>
      {message && (
        <p id={ids.problem} className="dc-signin__problem" role="alert" data-testid="dc.signIn.problem">
          {message}
        </p>
      )}
      <button type="submit" className="hc-btn hc-btn--primary" disabled={busy} data-testid="dc.signIn.submit">
        {busy ? t('desktopChat.signIn.busy') : t('desktopChat.signIn.submit')}
      </button>
    </form>
  );
}
