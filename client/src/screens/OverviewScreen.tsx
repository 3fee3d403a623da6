/**
 * "Översikt": the kommunchef's view of one follow-up month, live. Which departments have not
 * started, are drafting, have submitted, are approved or were returned; every strategic goal's
 * traffic light per responsible department; overdue and due-soon assignments; the largest budget
 * deviations. Each item links to where it is edited.
 *
 * The month is in the URL (`/oversikt?manad=2015-03`), so a link or a reload keeps it; without
 * one the workspace's default month is shown. The month's ten reports are opened together
 * (one synced document each) and closed when another month is chosen.
 */
import {
  assignmentsDocumentName,
  budgetDeviationTkr,
  type CouncilAssignment,
  type GoalStatus,
  goalStatus,
  type Plan,
  todayInSweden,
} from '@foljsam/domain';
import { useSearchParams } from '@solidjs/router';
import { type Accessor, createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import { ConnectionBadge } from '../components/ConnectionBadge';
import {
  type BudgetDeviation,
  BudgetDeviations,
  largestDeviations,
} from '../components/overview/BudgetDeviations';
import { DueAssignments } from '../components/overview/DueAssignments';
import { GoalMatrix } from '../components/overview/GoalMatrix';
import { type ReportRow, ReportStatusSummary } from '../components/overview/ReportStatusSummary';
import { reportState } from '../components/overview/reportState';
import { TodoList } from '../components/overview/TodoList';
import { PresenceList } from '../components/PresenceList';
import { formatMonth, t } from '../i18n';
import { createAssignments } from '../sync/createAssignments';
import { createPlan } from '../sync/createPlan';
import { createReports, monthsOf } from '../sync/createReports';
import { createSyncedDoc } from '../sync/createSyncedDoc';
import { createPresence } from '../sync/presence';
import { useWorkspace } from '../workspace';
import './overview.css';

/** The URL query key of the chosen month. */
const MONTH_PARAM = 'manad';

export function OverviewScreen(): JSX.Element {
  const workspace = useWorkspace();
  const { year, user } = workspace;
  const months = monthsOf(year);
  const [params, setParams] = useSearchParams<Record<string, string>>();
  const month = createMemo(() => {
    const raw = params[MONTH_PARAM];
    const chosen = Array.isArray(raw) ? raw[0] : raw;
    if (chosen && months.includes(chosen)) return chosen;
    // Read here, not once above: the default follows the server's answer when it arrives.
    const fallback = workspace.defaultMonth;
    return months.includes(fallback) ? fallback : (months[0] as string);
  });
  const chooseMonth = (next: string | undefined) => {
    if (next && months.includes(next)) setParams({ [MONTH_PARAM]: next });
  };
  const monthIndex = () => months.indexOf(month());

  const { synced, plan } = createPlan(year);
  // Presence on the plan: who else is looking at the overview right now.
  const presence = createPresence(synced.provider, user);
  const assignmentsDoc = createSyncedDoc(assignmentsDocumentName(year));
  const assignments = createAssignments(assignmentsDoc.doc);
  const [today, setToday] = createSignal(todayInSweden());
  // Overdue flags follow the calendar: re-check the date now and then (it is cheap).
  const timer = setInterval(() => setToday(todayInSweden()), 60_000);
  onCleanup(() => clearInterval(timer));

  // A stable key: the reports are reopened only when the month or the set of departments changes.
  const departmentKey = createMemo(() => (plan()?.departments ?? []).map((d) => d.id).join(' '));
  const monthKey = createMemo(() => (departmentKey() ? `${month()} ${departmentKey()}` : ''));

  return (
    <section class="overview" aria-labelledby="overview-heading">
      <div class="overview__top">
        <h1 id="overview-heading" tabindex="-1">
          {t().overview.heading}
        </h1>
        <div class="ov-month">
          <button
            type="button"
            class="button ov-month__step"
            disabled={monthIndex() <= 0}
            onClick={() => chooseMonth(months[monthIndex() - 1])}
          >
            <span aria-hidden="true">‹</span>
            {t().overview.monthPicker.previous}
          </button>
          <label for="overview-month" class="ov-month__label">
            {t().overview.monthPicker.label}
          </label>
          <select
            id="overview-month"
            class="ov-month__select"
            data-testid="overview-month"
            onChange={(event) => chooseMonth(event.currentTarget.value)}
          >
            <For each={months}>
              {(option) => (
                <option value={option} selected={option === month()}>
                  {formatMonth(option)}
                </option>
              )}
            </For>
          </select>
          <button
            type="button"
            class="button ov-month__step"
            disabled={monthIndex() >= months.length - 1}
            onClick={() => chooseMonth(months[monthIndex() + 1])}
          >
            {t().overview.monthPicker.next}
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <ConnectionBadge status={synced.status()} />
      </div>
      <PresenceList presence={presence} />
      <Show when={user.role !== 'lasare'}>
        <TodoList year={year} />
      </Show>
      <p class="overview__intro">{t().overview.intro(formatMonth(month()))}</p>
      <Show
        when={monthKey()}
        keyed
        fallback={
          <p class="loading" role="status" data-testid="overview-loading">
            {synced.loaded() ? t().overview.noPlan(year) : t().overview.loading}
          </p>
        }
      >
        {(key) => (
          <MonthOverview
            month={key.split(' ')[0] as string}
            departmentIds={key.split(' ').slice(1)}
            plan={plan}
            year={year}
            assignments={assignments}
            assignmentsLoaded={assignmentsDoc.loaded()}
            today={today()}
          />
        )}
      </Show>
    </section>
  );
}

interface MonthOverviewProps {
  month: string;
  departmentIds: string[];
  plan: Accessor<Plan | null>;
  year: number;
  assignments: readonly CouncilAssignment[];
  assignmentsLoaded: boolean;
  today: string;
}

/** One month's overview; its reports are open while it is shown. */
function MonthOverview(props: MonthOverviewProps): JSX.Element {
  // Fixed for this component's life: another month or department set is another component.
  const month = props.month;
  const reports = createReports(props.departmentIds.map((departmentId) => ({ month, departmentId })));
  const reportOf = new Map(reports.map((live) => [live.departmentId, live]));
  const monthName = () => formatMonth(month);

  const departments = () => props.plan()?.departments ?? [];
  const departmentById = createMemo(() => new Map(departments().map((d) => [d.id, d])));
  const departmentName = (id: string) => departmentById().get(id)?.name ?? id;

  // Stable row objects with reactive getters: a change re-renders a cell, never a whole row
  // (a focused link keeps its focus).
  const rows: ReportRow[] = reports.map((live) => ({
    departmentId: live.departmentId,
    get name() {
      return departmentName(live.departmentId);
    },
    get state() {
      return reportState(live);
    },
    get returnComment() {
      return live.report().returnComment;
    },
  }));

  const statusOf = (departmentId: string, goalId: string): GoalStatus | null => {
    const parsed = goalStatus.safeParse(reportOf.get(departmentId)?.report().itemStatuses[`goal:${goalId}`]);
    return parsed.success ? parsed.data : null;
  };

  const deviations = createMemo(() =>
    largestDeviations(
      reports.flatMap((live): BudgetDeviation[] => {
        const department = departmentById().get(live.departmentId);
        const forecastTkr = live.report().budget.forecastTkr;
        if (!department || forecastTkr === null || department.budgetTkr === null) return [];
        const deviationTkr = budgetDeviationTkr(department.budgetTkr, forecastTkr);
        if (deviationTkr === null) return [];
        return [
          {
            departmentId: department.id,
            name: department.name,
            budgetTkr: department.budgetTkr,
            forecastTkr,
            deviationTkr,
          },
        ];
      }),
    ),
  );

  return (
    <div class="overview__grid" data-month={month}>
      <ReportStatusSummary month={month} rows={rows} />
      <BudgetDeviations month={month} monthName={monthName()} year={props.year} deviations={deviations()} />
      <GoalMatrix
        month={month}
        monthName={monthName()}
        goals={props.plan()?.goals ?? []}
        departments={departments()}
        statusOf={statusOf}
      />
      <DueAssignments
        assignments={props.assignments}
        today={props.today}
        loaded={props.assignmentsLoaded}
        departmentName={departmentName}
      />
    </div>
  );
}
