/**
 * The app shell: checks the session cookie on start (`GET /api/auth/me`) and shows the
 * sign-in screen or the assignments screen.
 */
import { createSignal, Match, onMount, Switch } from 'solid-js';
import { fetchCurrentUser, type SessionUser, signOut } from './api';
import { AppHeader } from './components/AppHeader';
import { t } from './i18n';
import { AssignmentsScreen } from './screens/AssignmentsScreen';
import { SignInScreen } from './screens/SignInScreen';

/** The plan year the workspace shows; a year picker comes with the full workspace. */
const PLAN_YEAR = 2015;

type Session =
  | { state: 'checking' }
  | { state: 'unreachable' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; user: SessionUser };

/** After a screen change, move focus to the new screen's heading so screen readers follow. */
function focusMainHeading(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}

export function App() {
  const [session, setSession] = createSignal<Session>({ state: 'checking' });
  const [signingOut, setSigningOut] = createSignal(false);

  onMount(async () => {
    try {
      const user = await fetchCurrentUser();
      setSession(user ? { state: 'signed-in', user } : { state: 'signed-out' });
    } catch {
      setSession({ state: 'unreachable' });
    }
  });

  const user = () => {
    const current = session();
    return current.state === 'signed-in' ? current.user : null;
  };

  const handleSignedIn = (signedIn: SessionUser) => {
    setSession({ state: 'signed-in', user: signedIn });
    focusMainHeading();
  };

  const handleSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // The cookie is HttpOnly; if the server cannot be reached it expires on its own.
    } finally {
      setSigningOut(false);
      setSession({ state: 'signed-out' });
      focusMainHeading();
    }
  };

  return (
    <>
      <a class="skip-link" href="#main">
        {t().app.skipToContent}
      </a>
      <AppHeader user={user()} onSignOut={handleSignOut} signingOut={signingOut()} />
      <main id="main" tabindex="-1">
        <Switch>
          <Match when={session().state === 'checking'}>
            <p class="loading" role="status">
              {t().app.loading}
            </p>
          </Match>
          <Match when={session().state === 'unreachable'}>
            <p class="form-error" role="alert">
              {t().app.startFailed}
            </p>
          </Match>
          <Match when={session().state === 'signed-out'}>
            <SignInScreen onSignedIn={handleSignedIn} />
          </Match>
          <Match when={user()}>{(current) => <AssignmentsScreen user={current()} year={PLAN_YEAR} />}</Match>
        </Switch>
      </main>
    </>
  );
}
