/**
 * The board's monthly report (månadsrapport till kommunstyrelsen), compiled from the approved
 * (godkänd) department reports of a month: plain data that the client screen, the PDF and the
 * XLSX all draw from, so the three never disagree.
 *
 * Only approved reports count: a draft's figures may still change, so its department is listed
 * as missing instead. Derived values (targets, deviations, overdue flags) are computed here and
 * never stored.
 */
import { type DueState, dueState, meetsTarget, targetForYear } from '../derive';
import { budgetDeviationTkr } from '../documents/report';
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
import {
  DUE_STATE_LABELS,
  GOAL_STATUS_LABELS,
  NO_STATUS_LABEL,
  PROGRESS_STATUS_LABELS,
  REPORT_STATE_LABELS,
  type StatusLabel,
} from './labels';

/** Where a department's report for the month stands; "ej-paborjad" when it has no report. */
export type BoardReportState = ReportStatus | 'ej-paborjad';

export interface BoardReportInput {
  plan: Plan;
  assignments: readonly CouncilAssignment[];
  /**
   * The department reports of the plan's year up to the month (earlier months give the
   * indicator series). Pass only reports whose document exists: a department with no report for
   * the month counts as not started.
   */
  reports: readonly MonthlyReport[];
  /** The month of the report, `YYYY-MM`. */
  month: string;
  /** Today as `YYYY-MM-DD` (see `todayInSweden`). */
  today: string;
}

/** One department's analysis of a goal. */
export interface BoardAnalysis {
  departmentId: string;
  departmentName: string;
  status: GoalStatus | null;
  text: string;
}

export interface BoardIndicator {
  id: string;
  goalId: string;
  name: string;
  unit: IndicatorUnit;
  direction: Indicator['direction'];
  ownerDepartmentId: string;
  targetPath: TargetPoint[];
  /** The target for the report's year (straight line between the path's points). */
  yearTarget: number | null;
  /** The month's outcome from the owner's approved report; null when none is approved. */
  outcome: number | null;
  /** Whether the outcome reaches the year's target; null without one of them. */
  meetsTarget: boolean | null;
  status: GoalStatus | null;
  label: StatusLabel;
  /** The plan year's months up to the report's month, January first, with approved outcomes. */
  series: { month: string; value: number | null }[];
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
  analyses: BoardAnalysis[];
  indicators: BoardIndicator[];
}

export interface BoardPerspective {
  id: string;
  name: string;
  goals: BoardGoal[];
}

export interface BoardAssignment {
  id: string;
  title: string;
  departmentId: string | null;
  departmentName: string;
  responsiblePerson: string;
  startDate: string;
  endDate: string;
  status: ProgressStatus;
  statusLabel: StatusLabel;
  dueState: DueState;
  dueLabel: StatusLabel;
  overdue: boolean;
  progressNote: string;
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
}

export interface BoardDepartmentState {
  departmentId: string;
  departmentNumber: string;
  departmentName: string;
  state: BoardReportState;
  label: StatusLabel;
}

export interface BoardReport {
  month: string;
  year: number;
  /** The date the assignments' due states are judged at: today, or the month's last day if earlier. */
  asOf: string;
  municipality: string;
  board: string;
  planTitle: string;
  departments: BoardDepartmentState[];
  /** Departments whose report for the month is not approved yet (saknas). */
  missing: BoardDepartmentState[];
  perspectives: BoardPerspective[];
  assignments: BoardAssignment[];
  budget: {
    rows: BoardBudgetRow[];
    /** Sums over every department's budget, and over the approved reports' figures. */
    total: { budgetTkr: number; outcomeToDateTkr: number; forecastTkr: number; deviationTkr: number };
  };
}

const SEVERITY: Record<GoalStatus, number> = { gron: 0, gul: 1, rod: 2 };

/** Longest analysis the summary quotes; the department report holds the whole text. */
export const ANALYSIS_MAX_CHARS = 600;

function shorten(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= ANALYSIS_MAX_CHARS) return trimmed;
  const cut = trimmed.slice(0, ANALYSIS_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > ANALYSIS_MAX_CHARS / 2 ? space : ANALYSIS_MAX_CHARS)} …`;
}

function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

const isGoalStatus = (value: unknown): value is GoalStatus =>
  value === 'gron' || value === 'gul' || value === 'rod';

/** Compiles the board's report of `month` from the approved department reports. */
export function compileBoardReport({
  plan,
  assignments,
  reports,
  month,
  today,
}: BoardReportInput): BoardReport {
  const year = Number(month.slice(0, 4));
  const monthEnd = lastDayOfMonth(month);
  // A report on a past month judges the assignments as they stood at its end, not as they stand now.
  const asOf = today < monthEnd ? today : monthEnd;
  const departmentName = new Map(plan.departments.map((d) => [d.id, d.name]));

  const ofMonth = new Map(reports.filter((r) => r.month === month).map((r) => [r.departmentId, r]));
  const approved = [...ofMonth.values()].filter((r) => r.status === 'godkand');
  const approvedByDepartment = new Map(approved.map((r) => [r.departmentId, r]));

  const departments: BoardDepartmentState[] = plan.departments.map((d) => {
    const state: BoardReportState = ofMonth.get(d.id)?.status ?? 'ej-paborjad';
    return {
      departmentId: d.id,
      departmentNumber: d.number,
      departmentName: d.name,
      state,
      label: REPORT_STATE_LABELS[state],
    };
  });

  // The plan year's months up to the report's, each with its approved reports.
  const months = Array.from({ length: Number(month.slice(5, 7)) }, (_, i) => {
    return `${year}-${String(i + 1).padStart(2, '0')}`;
  });
  const approvedOf = (m: string, departmentId: string) =>
    reports.find((r) => r.month === m && r.departmentId === departmentId && r.status === 'godkand');

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
      direction: indicator.direction,
      ownerDepartmentId: indicator.ownerDepartmentId,
      targetPath: [...indicator.targetPath].sort((a, b) => a.year - b.year),
      yearTarget: targetForYear(indicator.targetPath, year),
      outcome,
      meetsTarget: meetsTarget(indicator, year, outcome),
      status: goalStatus,
      label: goalStatus ? GOAL_STATUS_LABELS[goalStatus] : NO_STATUS_LABEL,
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
          const text = report.analysis[key]?.trim() ?? '';
          if (status || text) {
            analyses.push({
              departmentId: department.id,
              departmentName: department.name,
              status,
              text: shorten(text),
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
          indicators: plan.indicators.filter((i) => i.goalId === goal.id).map(compileIndicator),
        };
      });
    return { id: perspective.id, name: perspective.name, goals };
  });

  const boardAssignments: BoardAssignment[] = assignments.map((a) => {
    const due = dueState(a, asOf);
    return {
      id: a.id,
      title: a.title,
      departmentId: a.departmentId,
      departmentName: a.departmentId ? (departmentName.get(a.departmentId) ?? a.departmentId) : '',
      responsiblePerson: a.responsiblePerson,
      startDate: a.startDate,
      endDate: a.endDate,
      status: a.status,
      statusLabel: PROGRESS_STATUS_LABELS[a.status],
      dueState: due,
      dueLabel: DUE_STATE_LABELS[due],
      overdue: due === 'overdue',
      progressNote: a.progressNote,
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
    };
  });
  const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

  return {
    month,
    year,
    asOf,
    municipality: plan.municipality,
    board: plan.board,
    planTitle: plan.title,
    departments,
    missing: departments.filter((d) => d.state !== 'godkand'),
    perspectives,
    assignments: boardAssignments,
    budget: {
      rows,
      total: {
        budgetTkr: sum(rows.map((r) => r.budgetTkr)),
        outcomeToDateTkr: sum(rows.map((r) => r.outcomeToDateTkr)),
        forecastTkr: sum(rows.map((r) => r.forecastTkr)),
        deviationTkr: sum(rows.map((r) => r.deviationTkr)),
      },
    },
  };
}
