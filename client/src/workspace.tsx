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
import { type Accessor, createContext, type JSX, useContext } from 'solid-js';
import type { SessionUser } from './api';
import type { PlanSummary } from './plansApi';

export interface Workspace {
  user: SessionUser;
  /** The plan year on show. */
  readonly year: number;
  /** The follow-up month a screen opens on when none is chosen (`YYYY-MM`), in `year`. */
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
  const workspace: Workspace = {
    user: props.user,
    get year() {
      return props.year();
    },
    get defaultMonth() {
      return defaultMonthFor(props.year());
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
 * The month to open: the current month while the plan year is running, else the last
 * month of the year (the demo plan is 2015, so its follow-up opens on 2015-12), or the first
 * of a year still to come.
 */
export function defaultMonthFor(year: number, today = new Date()): string {
  // Today in Sweden, whatever the browser's zone.
  const [thisYear, thisMonth] = swedishDate(today).split('-').map(Number) as [number, number];
  const month = thisYear === year ? thisMonth : thisYear < year ? 1 : 12;
  return `${year}-${String(month).padStart(2, '0')}`;
}
