/**
 * The simulated Finesse desktop: sign in, then the desktop with the layout's gadgets. The session
 * survives a reload (sessionStorage), as a Finesse desktop stays signed in across one.
 */
import { readDesktopConfig } from './desktopConfig.ts';
import { renderDesktop, type DesktopView } from './desktopView.ts';
import { FinesseRestError, getUser, signOut } from './rest.ts';
import { clearSession, loadSession, saveSession, type Session } from './session.ts';
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
    onSignOut: () => {
      signOut(session.id, session.authorization).then(
        () => signedOut('You have signed out.'),
        // Already LOGOUT (signed out elsewhere) is still a sign-out for this desktop.
        (error: unknown) =>
          signedOut(
            error instanceof FinesseRestError && error.status === 400
              ? 'You have signed out.'
              : 'Signed out of this desktop; Finesse could not be reached.',
          ),
      );
    },
    onSignedOutElsewhere: () => signedOut('You were signed out.'),
    onAuthFailed: () => signedOut('Your session has expired. Sign in again.'),
  });
}

async function start(): Promise<void> {
  const session = loadSession();
  if (!session) return showSignIn();
  try {
    const user = await getUser(session.id, session.authorization);
    if (user.state === 'LOGOUT') {
      clearSession();
      return showSignIn('You were signed out.', { id: session.id, extension: session.extension });
    }
    showDesktop(session);
  } catch (error) {
    if (error instanceof FinesseRestError && error.status !== 0) clearSession();
    showSignIn(error instanceof FinesseRestError && error.status === 0 ? error.message : undefined);
  }
}

void start();
