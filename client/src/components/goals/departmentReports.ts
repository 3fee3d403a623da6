/**
 * The monthly reports of departments, opened on demand: a department's twelve report documents
 * of the year are opened the first time something of theirs comes into view, once per
 * department, and stay open (live) until the screen closes. This keeps the number of websockets
 * to what the person actually looks at instead of every department's twelve months at once.
 */
import { type Accessor, createSignal, getOwner, onCleanup, runWithOwner } from 'solid-js';
import { createReports, type LiveReport, monthsOf } from '../../sync/createReports';

export interface DepartmentReports {
  /** The year's reports of a department (January first), or undefined while not opened. */
  of(departmentId: string): LiveReport[] | undefined;
  /** Opens the departments' reports (no-op for those already open). */
  open(departmentIds: Iterable<string>): void;
  /** Calls `open(departmentIds())` once `element` comes near the viewport. */
  openWhenVisible(element: Element, departmentIds: () => Iterable<string>): void;
  /** How many departments are open (for tests and diagnostics). */
  openCount: Accessor<number>;
}

/** Call inside a component: the reports close with it. */
export function createDepartmentReports(year: number): DepartmentReports {
  const owner = getOwner();
  const opened = new Map<string, LiveReport[]>();
  const [version, setVersion] = createSignal(0);

  const open = (departmentIds: Iterable<string>) => {
    let added = false;
    for (const departmentId of departmentIds) {
      if (opened.has(departmentId)) continue;
      const reports = runWithOwner(owner, () =>
        createReports(monthsOf(year).map((month) => ({ month, departmentId }))),
      );
      if (reports) {
        opened.set(departmentId, reports);
        added = true;
      }
    }
    if (added) setVersion((v) => v + 1);
  };

  const pending = new Map<Element, () => Iterable<string>>();
  const observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              const ids = pending.get(entry.target);
              pending.delete(entry.target);
              observer?.unobserve(entry.target);
              if (ids) open(ids());
            }
          },
          { rootMargin: '300px 0px' },
        );
  onCleanup(() => observer?.disconnect());

  return {
    of(departmentId) {
      version();
      return opened.get(departmentId);
    },
    open,
    openWhenVisible(element, departmentIds) {
      if (!observer) {
        open(departmentIds());
        return;
      }
      pending.set(element, departmentIds);
      observer.observe(element);
    },
    openCount: () => {
      version();
      return opened.size;
    },
  };
}
