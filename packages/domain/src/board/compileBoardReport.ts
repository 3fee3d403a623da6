/**
 * The board's report (rapport till kommunstyrelsen) of a reporting period, compiled from the
 * approved (godkänd) department reports of that period: a month (månadsrapport), a tertial
 * report (`YYYY-T1`, `YYYY-T2`) or the year-end report (`YYYY-VB`). Plain data that the client
 * screen, the PDF and the XLSX all draw from, so the three never disagree.
 *
 * What the board can trust:
 * - Only approved reports count: a draft's figures may still change, so its department is listed
 *   as missing instead, by name, beside the budget total.
 * - The budget total adds budget, outcome and forecast of the same departments (the approved
 *   ones); a budget not set stays null ("–"), never 0.
 * - Every analysis (analys) and action (åtgärder) text of every item the approved reports hold
 *   appears in full, attributed to its department; the items are those the department reports
 *   on in the period (`departmentPlanItems`).
 * - An assignment's status is the one the responsible department's approved report states, with
 *   the board's own status (the Uppdrag board) beside it where they differ; overdue is judged at
 *   the end of the period viewed.
 *
 * Derived values (targets, deviations, overdue flags) are computed here and never stored.
 */
import { type DueState, departmentPlanItems, dueState, meetsTarget, targetForYear } from '../derive';
import { budgetDeviationTkr, reportedItemKeys } from '../documents/report';
import type {
  CouncilAssignment,
  GoalStatus,
  Indicator,
  IndicatorUnit,
  MonthlyReport,
  Plan,
  ProgressStatus,
  ReportStatus,
  TargetPoint,
} from '../model';
import { type ReportKind, reportPeriod } from '../reporting/periods';
import {
  DUE_STATE_LABELS,
  GOAL_STATUS_LABELS,
  NO_STATUS_LABEL,
  overdueAsOfLabel,
  PROGRESS_STATUS_LABELS,
  REPORT_STATE_LABELS,
  type StatusLabel,
  UNIT_LABELS,
} from './labels';

/** Where a department's report for the period stands; "ej-paborjad" when it has no report. */
export type BoardReportState = ReportStatus | 'ej-paborjad';

export interface BoardReportInput {
  plan: Plan;
  assignments: readonly CouncilAssignment[];
  /**
   * The department reports of the plan's year: the monthly reports up to the period's last month
   * (they give the indicator series) and, for a tertial or year-end period, that period's reports
   * (matched by their `period`). Pass only reports whose document exists: a department with
   * no report for the period counts as not started.
   */
  reports: readonly MonthlyReport[];
  /** The reporting period: `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
  period: string;
  /** The kommunchef's summary (sammanfattning) as plain text, a paragraph per line; '' when none. */
  summary?: string;
}

/** One department's texts on an item: its analysis (analys) and its actions (åtgärder), in full. */
export interface BoardTexts {
  departmentId: string;
  departmentName: string;
  analysis: string;
  actions: string;
}

/** One department's assessment of a goal, with its texts. */
export interface BoardAnalysis extends BoardTexts {
  status: GoalStatus | null;
}

export interface BoardIndicator {
  id: string;
  goalId: string;
  name: string;
  unit: IndicatorUnit;
  /** The unit in Swedish words ("procent", "antal", "tkr", "mkr"), never the code. */
  unitLabel: string;
  direction: Indicator['direction'];
  ownerDepartmentId: string;
  ownerDepartmentName: string;
  targetPath: TargetPoint[];
  /** The target for the report's year (straight line between the path's points). */
  yearTarget: number | null;
  /** The period's outcome from the owner's approved report; null when none is approved. */
  outcome: number | null;
  /** Whether the outcome reaches the year's target; null without one of them. */
  meetsTarget: boolean | null;
  status: GoalStatus | null;
  label: StatusLabel;
  /** The owner's texts on the indicator; null when its approved report has none. */
  texts: BoardTexts | null;
  /** The plan year's months up to the period's last month, January first, with approved outcomes. */
  series: { month: string; value: number | null }[];
}

/** An initiative (aktivitet) under its goal, as its owner's approved report states it. */
export interface BoardInitiative {
  id: string;
  number: string;
  title: string;
  ownerDepartmentId: string;
  ownerDepartmentName: string;
  status: ProgressStatus | null;
  label: StatusLabel;
  texts: BoardTexts | null;
}

export interface BoardGoal {
  id: string;
  number: string;
  title: string;
  focusAreaNumber: string;
  focusAreaName: string;
  /** The worst traffic light among the approved reports (röd before gul before grön). */
  status: GoalStatus | null;
  label: StatusLabel;
  /** Each approved report's status and texts on the goal, in the plan's department order. */
  analyses: BoardAnalysis[];
  indicators: BoardIndicator[];
  initiatives: BoardInitiative[];
}

export interface BoardPerspective {
  id: string;
  name: string;
  goals: BoardGoal[];
}

/** A council assignment (uppdrag), as the responsible department's approved report states it. */
export interface BoardAssignment {
  id: string;
  title: string;
  departmentId: string | null;
  departmentName: string;
  responsiblePerson: string;
  startDate: string;
  endDate: string;
  /** The status the board report shows: the approved report's, else the board's. */
  status: ProgressStatus;
  statusLabel: StatusLabel;
  /** Where `status` comes from: the approved report, or the Uppdrag board when no report states it. */
  statusSource: 'report' | 'board';
  /** The board's own status (`assignments:<year>`). */
  boardStatus: ProgressStatus;
  boardStatusLabel: StatusLabel;
  /** Whether the approved report's status differs from the board's (then both are shown). */
  statusDiffers: boolean;
  /** Judged against the end of the period (`asOf`), not today. */
  dueState: DueState;
  dueLabel: StatusLabel;
  overdue: boolean;
  progressNote: string;
  texts: BoardTexts | null;
}

export interface BoardBudgetRow {
  departmentId: string;
  departmentNumber: string;
  departmentName: string;
  /** Null while the plan has no budget figure for the department. */
  budgetTkr: number | null;
  /** Figures from the approved report; null when the report is not approved or lacks them. */
  outcomeToDateTkr: number | null;
  forecastTkr: number | null;
  /** Budget minus forecast; positive is a surplus. */
  deviationTkr: number | null;
  approved: boolean;
  /** The approved report's comment on its budget figures, if it has one. */
  comment: BoardTexts | null;
}

/**
 * The budget total (Summa), on one basis: the approved departments only. A sum is null when no
 * department is approved or one of them lacks the figure (a budget not set is not 0).
 */
export interface BoardBudgetTotal {
  budgetTkr: number | null;
  outcomeToDateTkr: number | null;
  forecastTkr: number | null;
  deviationTkr: number | null;
  /** How many departments the sums cover (the approved ones). */
  includedCount: number;
  /** The names of the departments left out because their report is not approved. */
  missingDepartmentNames: string[];
}

export interface BoardDepartmentState {
  departmentId: string;
  departmentNumber: string;
  departmentName: string;
  state: BoardReportState;
  label: StatusLabel;
}

export interface BoardReport {
  /** The period id: `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
  period: string;
  periodKind: ReportKind;
  /** The period's last month (`YYYY-MM`); the month itself for a monthly report. */
  month: string;
  year: number;
  /** The date the assignments' due states are judged at: the last day of the period. */
  asOf: string;
  municipality: string;
  board: string;
  planTitle: string;
  /** The kommunchef's summary, plain text; '' when none is written. */
  summary: string;
  departments: BoardDepartmentState[];
  /** Departments whose report for the period is not approved yet (saknas). */
  missing: BoardDepartmentState[];
  perspectives: BoardPerspective[];
  assignments: BoardAssignment[];
  budget: { rows: BoardBudgetRow[]; total: BoardBudgetTotal };
}

const SEVERITY: Record<GoalStatus, number> = { gron: 0, gul: 1, rod: 2 };

/** The text key of a report's comment on its budget figures (`analysis:budget`, `actions:budget`). */
export const BUDGET_TEXT_KEY = 'budget';

function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

const isGoalStatus = (value: unknown): value is GoalStatus =>
  value === 'gron' || value === 'gul' || value === 'rod';
const isProgressStatus = (value: unknown): value is ProgressStatus =>
  value === 'ej-paborjad' || value === 'pagar' || value === 'klar';

/** A sum over the included departments; null when there are none or one lacks the figure. */
function sumAll(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return (values as number[]).reduce((total, v) => total + v, 0);
}

/** Compiles the board's report of `period` from the approved department reports. */
export function compileBoardReport({
  plan,
  assignments,
  reports,
  period: periodId,
  summary = '',
}: BoardReportInput): BoardReport {
  const period = reportPeriod(periodId);
  const { year, endMonth } = period;
  // Overdue is judged at the end of the period viewed, so a report reads the same whenever it is printed.
  const asOf = lastDayOfMonth(endMonth);
  const departmentName = new Map(plan.departments.map((d) => [d.id, d.name]));
  const nameOf = (id: string) => departmentName.get(id) ?? id;

  const ofPeriod = new Map(reports.filter((r) => r.period === period.id).map((r) => [r.departmentId, r]));
  const approvedByDepartment = new Map(
    [...ofPeriod.values()].filter((r) => r.status === 'godkand').map((r) => [r.departmentId, r]),
  );

  const departments: BoardDepartmentState[] = plan.departments.map((d) => {
    const state: BoardReportState = ofPeriod.get(d.id)?.status ?? 'ej-paborjad';
    return {
      departmentId: d.id,
      departmentNumber: d.number,
      departmentName: d.name,
      state,
      label: REPORT_STATE_LABELS[state],
    };
  });

  // What each department reports on in the period (archived items only where its approved report
  // has content for them; indicators only when due), so the board report lists what reports hold.
  const reportedKeys = new Set<string>();
  const shownKeys = new Set<string>();
  for (const d of plan.departments) {
    const report = approvedByDepartment.get(d.id);
    const keys = new Set(report ? reportedItemKeys(report) : []);
    for (const key of keys) reportedKeys.add(key);
    const items = departmentPlanItems(plan, d.id, period.id, keys);
    for (const g of items.goals) shownKeys.add(`goal:${g.id}`);
    for (const i of items.indicators) shownKeys.add(`indicator:${i.id}`);
    for (const i of items.initiatives) shownKeys.add(`initiative:${i.id}`);
  }

  /** A department's texts on an item from its approved report; null when it wrote none. */
  const textsOf = (departmentId: string | null, key: string): BoardTexts | null => {
    const report = departmentId ? approvedByDepartment.get(departmentId) : undefined;
    if (!report || !departmentId) return null;
    const analysis = report.analysis[key]?.trim() ?? '';
    const actions = report.actions[key]?.trim() ?? '';
    if (!analysis && !actions) return null;
    return { departmentId, departmentName: nameOf(departmentId), analysis, actions };
  };

  // The plan year's months up to the period's last month, each with its approved reports.
  const months = Array.from({ length: Number(endMonth.slice(5, 7)) }, (_, i) => {
    return `${year}-${String(i + 1).padStart(2, '0')}`;
  });
  const approvedOf = (m: string, departmentId: string) =>
    reports.find((r) => r.period === m && r.departmentId === departmentId && r.status === 'godkand');

  const compileIndicator = (indicator: Indicator): BoardIndicator => {
    const report = approvedByDepartment.get(indicator.ownerDepartmentId);
    const outcome = report?.indicatorOutcomes[indicator.id] ?? null;
    const status = report?.itemStatuses[`indicator:${indicator.id}`];
    const goalStatus = isGoalStatus(status) ? status : null;
    return {
      id: indicator.id,
      goalId: indicator.goalId,
      name: indicator.name,
      unit: indicator.unit,
      unitLabel: UNIT_LABELS[indicator.unit].word,
      direction: indicator.direction,
      ownerDepartmentId: indicator.ownerDepartmentId,
      ownerDepartmentName: nameOf(indicator.ownerDepartmentId),
      targetPath: [...indicator.targetPath].sort((a, b) => a.year - b.year),
      yearTarget: targetForYear(indicator.targetPath, year),
      outcome,
      meetsTarget: meetsTarget(indicator, year, outcome),
      status: goalStatus,
      label: goalStatus ? GOAL_STATUS_LABELS[goalStatus] : NO_STATUS_LABEL,
      texts: textsOf(indicator.ownerDepartmentId, `indicator:${indicator.id}`),
      series: months.map((m) => ({
        month: m,
        value: approvedOf(m, indicator.ownerDepartmentId)?.indicatorOutcomes[indicator.id] ?? null,
      })),
    };
  };

  const focusAreas = new Map(plan.focusAreas.map((f) => [f.id, f]));
  const perspectives: BoardPerspective[] = plan.perspectives.map((perspective) => {
    const goals = plan.goals
      .filter((goal) => focusAreas.get(goal.focusAreaId)?.perspectiveId === perspective.id)
      .filter((goal) => goal.archived !== true || reportedKeys.has(`goal:${goal.id}`))
      .map((goal): BoardGoal => {
        const focusArea = focusAreas.get(goal.focusAreaId);
        const key = `goal:${goal.id}`;
        const analyses: BoardAnalysis[] = [];
        let worst: GoalStatus | null = null;
        // Plan order of departments, so the summary reads the same every time.
        for (const department of plan.departments) {
          const report = approvedByDepartment.get(department.id);
          if (!report) continue;
          const value = report.itemStatuses[key];
          const status = isGoalStatus(value) ? value : null;
          if (status && (worst === null || SEVERITY[status] > SEVERITY[worst])) worst = status;
          const texts = textsOf(department.id, key);
          if (status || texts) {
            analyses.push({
              departmentId: department.id,
              departmentName: department.name,
              status,
              analysis: texts?.analysis ?? '',
              actions: texts?.actions ?? '',
            });
          }
        }
        return {
          id: goal.id,
          number: goal.number,
          title: goal.title,
          focusAreaNumber: focusArea?.number ?? '',
          focusAreaName: focusArea?.name ?? '',
          status: worst,
          label: worst ? GOAL_STATUS_LABELS[worst] : NO_STATUS_LABEL,
          analyses,
          indicators: plan.indicators
            .filter((i) => i.goalId === goal.id && shownKeys.has(`indicator:${i.id}`))
            .map(compileIndicator),
          initiatives: plan.initiatives
            .filter((i) => i.goalId === goal.id && shownKeys.has(`initiative:${i.id}`))
            .map((initiative): BoardInitiative => {
              const value = approvedByDepartment.get(initiative.ownerDepartmentId)?.itemStatuses[
                `initiative:${initiative.id}`
              ];
              const status = isProgressStatus(value) ? value : null;
              return {
                id: initiative.id,
                number: initiative.number,
                title: initiative.title,
                ownerDepartmentId: initiative.ownerDepartmentId,
                ownerDepartmentName: nameOf(initiative.ownerDepartmentId),
                status,
                label: status ? PROGRESS_STATUS_LABELS[status] : NO_STATUS_LABEL,
                texts: textsOf(initiative.ownerDepartmentId, `initiative:${initiative.id}`),
              };
            }),
        };
      });
    return { id: perspective.id, name: perspective.name, goals };
  });

  const boardAssignments: BoardAssignment[] = assignments.map((a) => {
    const key = `assignment:${a.id}`;
    const stated = a.departmentId ? approvedByDepartment.get(a.departmentId)?.itemStatuses[key] : undefined;
    const reported = isProgressStatus(stated) ? stated : null;
    const status = reported ?? a.status;
    const due = dueState({ status, endDate: a.endDate }, asOf);
    return {
      id: a.id,
      title: a.title,
      departmentId: a.departmentId,
      departmentName: a.departmentId ? nameOf(a.departmentId) : '',
      responsiblePerson: a.responsiblePerson,
      startDate: a.startDate,
      endDate: a.endDate,
      status,
      statusLabel: PROGRESS_STATUS_LABELS[status],
      statusSource: reported ? 'report' : 'board',
      boardStatus: a.status,
      boardStatusLabel: PROGRESS_STATUS_LABELS[a.status],
      statusDiffers: reported !== null && reported !== a.status,
      dueState: due,
      dueLabel: due === 'overdue' ? overdueAsOfLabel(asOf) : DUE_STATE_LABELS[due],
      overdue: due === 'overdue',
      progressNote: a.progressNote,
      texts: textsOf(a.departmentId, key),
    };
  });

  const rows: BoardBudgetRow[] = plan.departments.map((d) => {
    const report = approvedByDepartment.get(d.id);
    const forecastTkr = report?.budget.forecastTkr ?? null;
    return {
      departmentId: d.id,
      departmentNumber: d.number,
      departmentName: d.name,
      budgetTkr: d.budgetTkr,
      outcomeToDateTkr: report?.budget.outcomeToDateTkr ?? null,
      forecastTkr,
      deviationTkr: budgetDeviationTkr(d.budgetTkr, forecastTkr),
      approved: report !== undefined,
      comment: textsOf(d.id, BUDGET_TEXT_KEY),
    };
  });
  const included = rows.filter((r) => r.approved);
  const missing = departments.filter((d) => d.state !== 'godkand');

  return {
    period: period.id,
    periodKind: period.kind,
    month: endMonth,
    year,
    asOf,
    municipality: plan.municipality,
    board: plan.board,
    planTitle: plan.title,
    summary: summary.trim(),
    departments,
    missing,
    perspectives,
    assignments: boardAssignments,
    budget: {
      rows,
      total: {
        budgetTkr: sumAll(included.map((r) => r.budgetTkr)),
        outcomeToDateTkr: sumAll(included.map((r) => r.outcomeToDateTkr)),
        forecastTkr: sumAll(included.map((r) => r.forecastTkr)),
        deviationTkr: sumAll(included.map((r) => r.deviationTkr)),
        includedCount: included.length,
        missingDepartmentNames: missing.map((d) => d.departmentName),
      },
    },
  };
}
