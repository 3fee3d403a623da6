/**
 * What every screen of a signed-in session shares: the user and the plan year. Screens read
 * it with `useWorkspace()` instead of threading props through the router.
 */
import { createContext, type JSX, useContext } from 'solid-js';
import type { SessionUser } from './api';

export interface Workspace {
  user: SessionUser;
  /** The plan year on show; a year picker can set it later. */
  year: number;
  /** The follow-up month a screen opens on when none is chosen (`YYYY-MM`). */
  defaultMonth: string;
}

const WorkspaceContext = createContext<Workspace>();

export function WorkspaceProvider(props: Workspace & { children: JSX.Element }): JSX.Element {
  const workspace: Workspace = { user: props.user, year: props.year, defaultMonth: props.defaultMonth };
  return <WorkspaceContext.Provider value={workspace}>{props.children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace() outside a signed-in session');
  return workspace;
}

/**
 * The month to open: the current month while the plan year is running, else the last
 * month of the year (the demo plan is 2015, so its follow-up opens on 2015-12).
 */
export function defaultMonthFor(year: number, today = new Date()): string {
  const month = today.getFullYear() === year ? today.getMonth() + 1 : today.getFullYear() < year ? 1 : 12;
  return `${year}-${String(month).padStart(2, '0')}`;
}
