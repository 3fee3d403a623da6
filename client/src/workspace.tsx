/**
 * What every screen of a signed-in session shares: the user, the plan year on show and the
 * plan years there are. Screens read it with `useWorkspace()` instead of threading props
 * through the router.
 *
 * The year comes from the URL (workspaceYear.ts) and is reactive: `year` and `defaultMonth`
 * are getters over a signal. The app also remounts the screens when it changes (App.tsx), so a
 * screen that reads the year once while it is set up still shows the right year's documents.
 */
import { swedishDate } from '@foljsam/domain';
import { type Accessor, createContext, createEffect, createSignal, type JSX, on, useContext } from 'solid-js';
import type { SessionUser } from './api';
import { fetchCalendar, rememberedOpeningMonth } from './calendarApi';
import type { PlanSummary } from './plansApi';

export interface Workspace {
  user: SessionUser;
  /** The plan year on show. */
  readonly year: number;
  /**
   * The follow-up month a screen opens on when none is chosen (`YYYY-MM`), in `year`: the period
   * being reported (the server's answer, remembered for offline use; else the local rule).
   * Reactive: it may change once the server has answered.
   */
  readonly defaultMonth: string;
  /** The plan years there are, ascending; empty while unknown (offline start). */
  readonly plans: readonly PlanSummary[];
  /** Asks the server for the plan years again (after a new plan was created). */
  refreshPlans(): Promise<void>;
}

const WorkspaceContext = createContext<Workspace>();

export function WorkspaceProvider(props: {
  user: SessionUser;
  year: Accessor<number>;
  plans: Accessor<readonly PlanSummary[]>;
  refreshPlans: () => Promise<void>;
  children: JSX.Element;
}): JSX.Element {
  // The server knows the year's calendar and which reports are started; ask it once per year.
  const [opening, setOpening] = createSignal<Record<number, string>>({});
  createEffect(
    on(props.year, (year) => {
      void fetchCalendar(year).then((result) => {
        if (result.ok) setOpening((known) => ({ ...known, [year]: result.value.currentPeriod }));
      });
    }),
  );
  const workspace: Workspace = {
    user: props.user,
    get year() {
      return props.year();
    },
    get defaultMonth() {
      const year = props.year();
      return opening()[year] ?? rememberedOpeningMonth(year) ?? defaultMonthFor(year);
    },
    get plans() {
      return props.plans();
    },
    refreshPlans: () => props.refreshPlans(),
  };
  return <WorkspaceContext.Provider value={workspace}>{props.children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace() outside a signed-in session');
  return workspace;
}

/** The workspace when signed in, else undefined (for parts shown on the sign-in screen too). */
export function useOptionalWorkspace(): Workspace | undefined {
  return useContext(WorkspaceContext);
}

/**
 * The month to open by the local rule (offline, before the server answered), as the default
 * calendar has it: a year to come opens on January; a year being reported (until its year-end
 * report is due in January) on the last month that has ended; a year gone by on December (the
 * server's answer knows which reports were started and the year's own calendar).
 */
export function defaultMonthFor(year: number, now = new Date()): string {
  const today = swedishDate(now);
  if (today < `${year}-01-01`) return `${year}-01`;
  if (today >= `${year + 1}-02-01`) return `${year}-12`;
  const thisMonth = today.slice(0, 7);
  for (let month = 12; month >= 1; month--) {
    const id = `${year}-${String(month).padStart(2, '0')}`;
    if (id < thisMonth) return id;
  }
  return `${year}-01`;
}
