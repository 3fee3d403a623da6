/**
 * The board's view: which assignments are shown, in which order and in which groups. The view
 * lives in the URL query (so a link reproduces it); this module parses and writes that query and
 * applies the view to the assignments. Pure functions, no Solid.
 *
 * Query keys (Swedish, like the path /uppdrag): `avdelning` (a department id, or `_ingen` for
 * unassigned), `status` (ej-paborjad | pagar | klar), `forfall` (forsenade | snart), `sok`
 * (free text), `sortera` (slutdatum | titel | avdelning | status; absent: the plan's order),
 * `ordning` (fallande; absent: ascending), `gruppera` (avdelning | status).
 */
import {
  type CouncilAssignment,
  type DueState,
  dueState,
  type ProgressStatus,
  progressStatus,
} from '@foljsam/domain';

/** The department filter value for assignments without a department (not a valid entity id). */
export const UNASSIGNED = '_ingen';

export type DueFilter = 'forsenade' | 'snart';
export type SortKey = 'slutdatum' | 'titel' | 'avdelning' | 'status';
export type GroupKey = 'avdelning' | 'status';

export interface BoardView {
  department: string | null;
  status: ProgressStatus | null;
  due: DueFilter | null;
  search: string;
  sort: SortKey | null;
  descending: boolean;
  group: GroupKey | null;
}

export const SORT_KEYS: readonly SortKey[] = ['slutdatum', 'titel', 'avdelning', 'status'];
const DUE_FILTERS: readonly DueFilter[] = ['forsenade', 'snart'];
const GROUP_KEYS: readonly GroupKey[] = ['avdelning', 'status'];

type Query = Partial<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

const oneOf = <T extends string>(options: readonly T[], value: string | undefined): T | null =>
  value !== undefined && (options as readonly string[]).includes(value) ? (value as T) : null;

/** Reads the view from the URL query; unknown values fall back to "no filter". */
export function parseView(query: Query): BoardView {
  const department = single(query.avdelning);
  return {
    department: department && /^(_ingen|[a-z0-9][a-z0-9._-]*)$/.test(department) ? department : null,
    status: oneOf(progressStatus.options, single(query.status)),
    due: oneOf(DUE_FILTERS, single(query.forfall)),
    search: single(query.sok) ?? '',
    sort: oneOf(SORT_KEYS, single(query.sortera)),
    descending: single(query.ordning) === 'fallande',
    group: oneOf(GROUP_KEYS, single(query.gruppera)),
  };
}

/** The URL query of a (partial) view; null removes a key. */
export function viewQuery(view: Partial<BoardView>): Record<string, string | null> {
  const query: Record<string, string | null> = {};
  if ('department' in view) query.avdelning = view.department ?? null;
  if ('status' in view) query.status = view.status ?? null;
  if ('due' in view) query.forfall = view.due ?? null;
  if ('search' in view) query.sok = view.search ? view.search : null;
  if ('sort' in view) query.sortera = view.sort ?? null;
  if ('descending' in view) query.ordning = view.descending ? 'fallande' : null;
  if ('group' in view) query.gruppera = view.group ?? null;
  return query;
}

export const EMPTY_VIEW: BoardView = {
  department: null,
  status: null,
  due: null,
  search: '',
  sort: null,
  descending: false,
  group: null,
};

export interface ViewContext {
  /** Today as YYYY-MM-DD (Swedish time). */
  today: string;
  /** The department's display name (for sorting and grouping by department). */
  departmentName: (departmentId: string | null) => string;
}

const STATUS_ORDER: Record<ProgressStatus, number> = { 'ej-paborjad': 0, pagar: 1, klar: 2 };
const collator = new Intl.Collator('sv', { sensitivity: 'base' });

function matchesDue(state: DueState, due: DueFilter | null): boolean {
  if (due === 'forsenade') return state === 'overdue';
  if (due === 'snart') return state === 'due-soon';
  return true;
}

function matchesSearch(assignment: CouncilAssignment, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase('sv');
  if (!needle) return true;
  return [assignment.title, assignment.description, assignment.progressNote].some((text) =>
    text.toLocaleLowerCase('sv').includes(needle),
  );
}

/** Unassigned departments sort after every named one. */
function compareDepartments(a: string | null, b: string | null, ctx: ViewContext): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return collator.compare(ctx.departmentName(a), ctx.departmentName(b));
}

function compareBy(sort: SortKey, a: CouncilAssignment, b: CouncilAssignment, ctx: ViewContext): number {
  switch (sort) {
    case 'slutdatum':
      return a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : 0;
    case 'titel':
      return collator.compare(a.title, b.title);
    case 'avdelning':
      return compareDepartments(a.departmentId, b.departmentId, ctx);
    case 'status':
      return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  }
}

/**
 * The shown assignments in order: filtered, then sorted by the chosen key (descending reverses
 * the key only; ties keep the plan's order). Without a sort key, the plan's order.
 */
export function applyView<T extends CouncilAssignment>(
  assignments: readonly T[],
  view: BoardView,
  ctx: ViewContext,
): T[] {
  const shown = assignments
    .map((assignment, index) => ({ assignment, index }))
    .filter(
      ({ assignment }) =>
        (view.department === null ||
          (view.department === UNASSIGNED
            ? assignment.departmentId === null
            : assignment.departmentId === view.department)) &&
        (view.status === null || assignment.status === view.status) &&
        matchesDue(dueState(assignment, ctx.today), view.due) &&
        matchesSearch(assignment, view.search),
    );
  const { sort } = view;
  if (sort) {
    const sign = view.descending ? -1 : 1;
    shown.sort((a, b) => sign * compareBy(sort, a.assignment, b.assignment, ctx) || a.index - b.index);
  }
  return shown.map(({ assignment }) => assignment);
}

export interface Group<T> {
  /** `status:<status>` or `avdelning:<department id or _ingen>`. */
  key: string;
  rows: T[];
}

/**
 * The shown assignments in groups, keeping their order inside each group. Status groups follow
 * the workflow (ej påbörjad, pågår, klar), department groups their names, unassigned last;
 * empty groups are left out.
 */
export function groupRows<T extends CouncilAssignment>(
  rows: readonly T[],
  group: GroupKey,
  ctx: ViewContext,
): Group<T>[] {
  if (group === 'status') {
    return progressStatus.options
      .map((status) => ({ key: `status:${status}`, rows: rows.filter((row) => row.status === status) }))
      .filter((entry) => entry.rows.length > 0);
  }
  const departments = [...new Set(rows.map((row) => row.departmentId))].sort((a, b) =>
    compareDepartments(a, b, ctx),
  );
  return departments.map((departmentId) => ({
    key: `avdelning:${departmentId ?? UNASSIGNED}`,
    rows: rows.filter((row) => row.departmentId === departmentId),
  }));
}

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/** Whole days from `today` to the end date (negative when past it). */
export function daysUntil(endDate: string, today: string): number {
  return Math.round(dayNumber(endDate) - dayNumber(today));
}
