/**
 * The signed-in workspace inside the router: resolves the plan year from the URL (or the
 * plan list, or offline the year used last), provides it to the screens, keeps that year's
 * documents on this device, and remounts the screens when the year changes so each screen
 * opens the new year's documents.
 */

import { swedishDate } from '@foljsam/domain';
import { useLocation } from '@solidjs/router';
import { createEffect, createMemo, createSignal, type JSX, onCleanup, onMount, Show } from 'solid-js';
import type { SessionUser } from './api';
import { t } from './i18n';
import { keepWorkspaceLocally } from './local/keepWorkspace';
import { fetchPlans, type PlanSummary } from './plansApi';
import { WorkspaceProvider } from './workspace';
import { defaultPlanYear, lastYearUsed, rememberYear, yearInUrl } from './workspaceYear';

/**
 * How long the plan list may keep a start waiting, the session confirmed, before the year used
 * last is shown (a bad line can hang a request for a minute). Without a confirmed session (an
 * offline start with the remembered user) that year is shown at once.
 */
const PLANS_GRACE_MS = 5_000;

/** Keeps the year's workspace in the local store while mounted. */
function KeepWorkspace(props: { user: SessionUser; year: number }): JSX.Element {
  onCleanup(keepWorkspaceLocally(props.user, props.year));
  return null;
}

export function YearWorkspace(props: {
  user: SessionUser;
  /** Whether the server confirmed the session; false on an offline start. */
  verified: boolean;
  /** The shell around the screens; it is not remounted when the year changes. */
  shell: (children: JSX.Element) => JSX.Element;
  children: JSX.Element;
}): JSX.Element {
  const location = useLocation();
  const [plans, setPlans] = createSignal<readonly PlanSummary[] | null>(null);
  /** The year shown when the URL names none: the last one known for sure in this session. */
  const [chosen, setChosen] = createSignal<number | null>(null);
  const [fallback, setFallback] = createSignal<number | null>(null);

  const refreshPlans = async () => {
    const result = await fetchPlans();
    if (result.ok) setPlans(result.value);
    // No answer: the year used last here (offline start); failing that, this calendar year.
    else if (plans() === null)
      setFallback((year) => year ?? lastYearUsed() ?? Number(swedishDate(new Date()).slice(0, 4)));
  };
  onMount(() => {
    const useLastYear = () => {
      if (plans() === null) setFallback((year) => year ?? lastYearUsed());
    };
    if (!props.verified) useLastYear();
    const grace = setTimeout(useLastYear, PLANS_GRACE_MS);
    void refreshPlans().finally(() => clearTimeout(grace));
    const onOnline = () => void refreshPlans();
    window.addEventListener('online', onOnline);
    onCleanup(() => {
      clearTimeout(grace);
      window.removeEventListener('online', onOnline);
    });
  });

  const urlYear = createMemo(() => yearInUrl(location.pathname, location.search));
  const year = createMemo(() => {
    const known = plans();
    return (
      urlYear() ?? chosen() ?? (known ? defaultPlanYear(known.map((plan) => plan.year)) : null) ?? fallback()
    );
  });
  // The year shown is pinned once it is known for sure (from the URL, or the plan list's
  // default), so a link without a year stays in it and a new plan year does not move the
  // screen. The offline fallback is not pinned: once the plan list arrives, its default wins.
  createEffect(() => {
    const current = year();
    if (current === null) return;
    if (urlYear() !== null || plans() !== null) setChosen(current);
    rememberYear(current);
  });

  return (
    <Show
      when={year()}
      fallback={props.shell(
        <p class="loading" role="status">
          {t().app.loading}
        </p>,
      )}
    >
      {(shown) => (
        <WorkspaceProvider
          user={props.user}
          year={shown}
          plans={() => plans() ?? []}
          refreshPlans={refreshPlans}
        >
          {props.shell(
            <Show when={shown()} keyed>
              {(current) => (
                <>
                  {/* The screen first: its documents connect ahead of the background fetch. */}
                  {props.children}
                  <KeepWorkspace user={props.user} year={current} />
                </>
              )}
            </Show>,
          )}
        </WorkspaceProvider>
      )}
    </Show>
  );
}
