/**
 * The simulated Finesse desktop: sign in, then the desktop with the layout's gadgets. The session
 * survives a reload (sessionStorage), as a Finesse desktop stays signed in across one.
 */
import { readDesktopConfig } from './desktopConfig.ts';
import { renderDesktop, type DesktopView } from './desktopView.ts';
import { FinesseRestError, getUser, signOut } from './rest.ts';
import { authHeader, clearSession, loadSession, saveSession, type Session } from './session.ts';
import { refreshTokens } from './sso.ts';
import { renderSignIn } from './signInView.ts';

const config = readDesktopConfig();
const root = document.getElementById('app') as HTMLElement;
let view: DesktopView | undefined;

function showSignIn(notice?: string, defaults?: { id?: string; extension?: string }): void {
  view?.dispose();
  view = undefined;
  document.title = `Sign In - ${config.productName}`;
  renderSignIn(root, {
    productName: config.productName,
    authMode: config.deployment.systemAuthMode,
    notice,
    defaults,
    onSignedIn: (session) => {
      saveSession(session);
      showDesktop(session);
    },
  });
}

function showDesktop(session: Session): void {
  view?.dispose();
  document.title = config.productName;
  const signedOut = (notice: string) => {
    clearSession();
    showSignIn(notice, { id: session.id, extension: session.extension });
  };
  view = renderDesktop(root, {
    config,
    session,
    onSignOut: (current) => {
      signOut(current.id, authHeader(current)).then(
        () => signedOut('You have signed out.'),
        (error: unknown) => {
          // Finesse refuses LOGOUT during a call or wrap-up: stay, and say why.
          if (
            error instanceof FinesseRestError &&
            error.status === 400 &&
            !/already signed out/.test(error.message)
          ) {
            view?.notify(error.message);
            return;
          }
          // Already LOGOUT (signed out elsewhere) is still a sign-out for this desktop.
          signedOut(
            error instanceof FinesseRestError && error.status === 400
              ? 'You have signed out.'
              : 'Signed out of this desktop; Finesse could not be reached.',
          );
        },
      );
    },
    onSignedOutElsewhere: () => signedOut('You were signed out.'),
    onAuthFailed: () => signedOut('Your session has expired. Sign in again.'),
  });
}

async function start(): Promise<void> {
  let session = loadSession();
  if (!session) return showSignIn();
  try {
    // An SSO token that expired while the page was closed is refreshed (its refresh token lives longer).
    if (session.sso && session.sso.expiresAt <= Date.now()) {
      session = { ...session, sso: await refreshTokens(session.sso) };
      saveSession(session);
    }
    const user = await getUser(session.id, authHeader(session));
    if (user.state === 'LOGOUT') {
      clearSession();
      return showSignIn('You were signed out.', { id: session.id, extension: session.extension });
    }
    showDesktop(session);
  } catch (error) {
    const unreachable = error instanceof FinesseRestError && error.status === 0;
    if (!unreachable) clearSession();
    showSignIn(unreachable ? error.message : undefined);
  }
}

void start();
