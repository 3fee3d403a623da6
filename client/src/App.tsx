/**
 * The app shell: checks the session cookie on start (`GET /api/auth/me`), shows the sign-in
 * screen when there is none, and otherwise the workspace with its screens behind the router.
 */
import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createSignal, type JSX, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { fetchCurrentUser, type SessionUser, signOut } from './api';
import { AppHeader } from './components/AppHeader';
import { SyncStatus } from './components/SyncStatus';
import { t } from './i18n';
import { forgetUser, rememberedUser, rememberUser } from './local/lastUser';
import { AdminScreen } from './screens/AdminScreen';
import { AssignmentsScreen } from './screens/AssignmentsScreen';
import { AuditScreen } from './screens/AuditScreen';
import { BoardReportScreen } from './screens/BoardReportScreen';
import { EconomyScreen } from './screens/EconomyScreen';
import { GoalsScreen } from './screens/GoalsScreen';
import { ImportScreen } from './screens/ImportScreen';
import { OverviewScreen } from './screens/OverviewScreen';
import { PlanScreen } from './screens/PlanScreen';
import { ReportScreen } from './screens/ReportScreen';
import { SignInScreen } from './screens/SignInScreen';
import { clearSessionEnded, type SessionEnd, sessionEnded } from './sync/sessionEnded';
import { useWorkspace } from './workspace';
import { YearWorkspace } from './YearWorkspace';

type Session =
  | { state: 'checking' }
  | { state: 'unreachable' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; user: SessionUser; verified: boolean };

/** How often an offline identity is checked again while it is not verified. */
const REVALIDATE_INTERVAL_MS = 15_000;
/**
 * How long the first session check may keep a remembered user waiting. Online the server
 * answers in milliseconds; on a bad line a request can hang for a minute, and the local copy
 * of the workspace should be on screen within a second.
 */
const START_GRACE_MS = 400;

/** After a screen change, move focus to the new screen's heading so screen readers follow. */
function focusMainHeading(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}

export function App() {
  const [session, setSession] = createSignal<Session>({ state: 'checking' });
  const [signingOut, setSigningOut] = createSignal(false);
  const [sessionExpired, setSessionExpired] = createSignal(false);

  /**
   * Asks the server who is signed in. Without a network, the remembered user keeps working
   * (not verified); an expired session goes to the sign-in screen, local edits kept.
   */
  const checkSession = async () => {
    try {
      const user = await fetchCurrentUser();
      if (user) {
        rememberUser(user);
        setSessionExpired(false);
        setSession({ state: 'signed-in', user, verified: true });
      } else {
        setSessionExpired(rememberedUser() !== null);
        setSession({ state: 'signed-out' });
      }
    } catch {
      const remembered = rememberedUser();
      const current = session();
      if (current.state === 'signed-in') setSession({ ...current, verified: false });
      else
        setSession(
          remembered ? { state: 'signed-in', user: remembered, verified: false } : { state: 'unreachable' },
        );
    }
  };

  onMount(() => {
    const remembered = rememberedUser();
    const grace = setTimeout(() => {
      if (remembered && session().state === 'checking')
        setSession({ state: 'signed-in', user: remembered, verified: false });
    }, START_GRACE_MS);
    void checkSession().finally(() => clearTimeout(grace));
    // Revalidate when the network returns, and now and then while unverified.
    const onOnline = () => void checkSession();
    window.addEventListener('online', onOnline);
    const timer = setInterval(() => {
      const current = session();
      if (current.state === 'signed-in' && !current.verified) void checkSession();
    }, REVALIDATE_INTERVAL_MS);
    onCleanup(() => {
      window.removeEventListener('online', onOnline);
      clearInterval(timer);
    });
  });

  // The server ended the session (its sockets closed with 4401, or 4403 for a role change): back
  // to the sign-in form, told why.
  const [endedNotice, setEndedNotice] = createSignal<SessionEnd | null>(null);
  createEffect(() => {
    const how = sessionEnded();
    if (how && session().state === 'signed-in') {
      setEndedNotice(how);
      setSession({ state: 'signed-out' });
      focusMainHeading();
    }
  });
  /** Why the sign-in form shows, when it is not the first visit: the session ended, or expired. */
  const signInNotice = (): string | undefined => {
    const how = endedNotice();
    if (how === 'role-changed') return t().roles.roleChanged;
    if (how === 'ended') return t().roles.sessionEnded;
    return sessionExpired() ? t().offline.sessionExpired : undefined;
  };
  const unverifiedAs = () => {
    const current = session();
    return current.state === 'signed-in' && !current.verified ? current.user.displayName : null;
  };

  const user = () => {
    const current = session();
    return current.state === 'signed-in' ? current.user : null;
  };

  const handleSignedIn = (signedIn: SessionUser) => {
    clearSessionEnded();
    setEndedNotice(null);
    rememberUser(signedIn);
    setSessionExpired(false);
    setSession({ state: 'signed-in', user: signedIn, verified: true });
    focusMainHeading();
  };

  const handleSignOut = async () => {
    setSigningOut(true);
    forgetUser();
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

  const Shell = (props: { children: JSX.Element }) => (
    <>
      <a class="skip-link" href="#main">
        {t().app.skipToContent}
      </a>
      <AppHeader user={user()} onSignOut={handleSignOut} signingOut={signingOut()} />
      {/* Nothing is synced before someone signs in: no sync status on the sign-in screen. */}
      <Show when={user()}>
        <SyncStatus unverifiedAs={unverifiedAs()} />
      </Show>
      <main id="main" tabindex="-1">
        {props.children}
      </main>
    </>
  );

  return (
    <Switch>
      <Match when={session().state === 'checking'}>
        <Shell>
          <p class="loading" role="status">
            {t().app.loading}
          </p>
        </Shell>
      </Match>
      <Match when={session().state === 'unreachable'}>
        <Shell>
          <p class="form-error" role="alert">
            {t().app.startFailed}
          </p>
        </Shell>
      </Match>
      <Match when={session().state === 'signed-out'}>
        <Shell>
          <SignInScreen onSignedIn={handleSignedIn} notice={signInNotice()} />
        </Shell>
      </Match>
      <Match when={user()}>
        {(current) => (
          <Router
            root={(props: RouteSectionProps) => (
              <YearWorkspace
                user={current()}
                verified={unverifiedAs() === null}
                shell={(screen) => <Shell>{screen}</Shell>}
              >
                {props.children}
              </YearWorkspace>
            )}
          >
            <Route path="/" component={() => <Navigate href="/oversikt" />} />
            <Route path="/oversikt" component={OverviewScreen} />
            <Route
              path="/uppdrag"
              component={() => <AssignmentsScreen user={current()} year={useWorkspace().year} />}
            />
            <Route path="/mal" component={GoalsScreen} />
            <Route path="/plan" component={PlanScreen} />
            <Route path="/rapport/:month?/:departmentId?" component={ReportScreen} />
            <Route path="/ekonomi" component={EconomyScreen} />
            <Route path="/styrelserapport/:period?" component={BoardReportScreen} />
            <Route path="/import" component={ImportScreen} />
            <Route path="/admin" component={AdminScreen} />
            <Route path="/logg" component={AuditScreen} />
            <Route path="*" component={() => <Navigate href="/oversikt" />} />
          </Router>
        )}
      </Match>
    </Switch>
  );
}
