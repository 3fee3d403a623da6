/**
 * The domain model of a board's activity plan (verksamhetsplan) and its monthly follow-up
 * (månadsuppföljning). Every type is a zod schema first, so the same definition validates
 * REST input, imported files and the curated demo data, and gives the static type.
 */
import { z } from 'zod';
import { reportPeriodId } from './reporting/periods';

/** A calendar date as `YYYY-MM-DD` that exists in the calendar (2015-02-30 is rejected). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a calendar date');

/** A follow-up month as `YYYY-MM`. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

/** Ids are short slugs or section numbers: safe in document names, URLs and CSS selectors. */
export const entityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"');

/**
 * Balanced scorecard perspective (perspektiv i balanserad styrning). The 2015 plan has four
 * (kund, processer, medarbetare, ekonomi); a municipality may name its own.
 */
export const perspectiveId = entityId;
export type PerspectiveId = z.infer<typeof perspectiveId>;

/** Longest single-line text of a plan entity (a title, a name), in characters. */
export const MAX_PLAN_LINE_LENGTH = 500;
/** Longest free text of a plan entity (a description, the mission), in characters. */
export const MAX_PLAN_TEXT_LENGTH = 20_000;

const planLine = z.string().trim().min(1).max(MAX_PLAN_LINE_LENGTH);
const planText = z.string().max(MAX_PLAN_TEXT_LENGTH);
/**
 * Whether an entity is archived: kept with its history (reports refer to it) but not offered
 * for new work. A goal, indicator or initiative with reported outcomes is archived, not deleted.
 */
const archived = z.boolean().optional();

export const perspective = z.object({
  id: perspectiveId,
  /** Swedish name as in the plan, e.g. "Kund/Brukare". */
  name: planLine,
});
export type Perspective = z.infer<typeof perspective>;

/**
 * The headings the plan uses for an initiative's description: the perspective names as the
 * seed writes them under each initiative (Brukare, Processer, Ekonomi, Resurser).
 */
export const initiativeAspect = z.enum(['brukare', 'processer', 'ekonomi', 'resurser']);
export type InitiativeAspect = z.infer<typeof initiativeAspect>;

/** Focus area (fokusområde), e.g. 6.1.1 Tillväxt. */
export const focusArea = z.object({
  id: entityId,
  /** The section number in the plan, e.g. "6.1.1". */
  number: planLine,
  name: planLine,
  perspectiveId,
});
export type FocusArea = z.infer<typeof focusArea>;

/** Strategic goal (strategisk målsättning), e.g. 6.1.4.1 on the share of full-time staff. */
export const strategicGoal = z.object({
  id: entityId,
  number: planLine,
  focusAreaId: entityId,
  /** The goal as the plan states it. */
  title: planLine,
  /** Further text the plan gives directly under the goal, if any. */
  description: planText.default(''),
  /** Departments that report on the goal each month. */
  ownerDepartmentIds: z.array(entityId).max(200),
  archived,
});
export type StrategicGoal = z.infer<typeof strategicGoal>;

/** The unit an indicator is measured in. */
export const indicatorUnit = z.enum(['percent', 'count', 'tkr', 'mkr']);
export type IndicatorUnit = z.infer<typeof indicatorUnit>;

/** One point of a target path: the value to reach in a year. */
export const targetPoint = z.object({
  year: z.number().int().min(2000).max(2100),
  value: z.number().finite(),
});
export type TargetPoint = z.infer<typeof targetPoint>;

/** How often an indicator's outcome is reported: each month, each tertial, or once a year. */
export const reportingFrequency = z.enum(['month', 'tertial', 'year']);
export type ReportingFrequency = z.infer<typeof reportingFrequency>;

/** Indicator (mått) of a goal: measured against its target path (målvärden per år). */
export const indicator = z.object({
  id: entityId,
  goalId: entityId,
  name: planLine,
  unit: indicatorUnit,
  /** Whether a higher value is better; drives the traffic light. */
  direction: z.enum(['increase', 'decrease']),
  /** The starting value the targets are set from (utgångsvärde), if the plan gives one. */
  baseline: targetPoint.nullable().optional(),
  /**
   * Target values by year, ascending by year, at most one per year. A new indicator may have
   * none yet; the goals screen then draws no target line.
   */
  targetPath: z
    .array(targetPoint)
    .max(100)
    .refine(
      (points) => points.every((point, index) => index === 0 || (points[index - 1]?.year ?? 0) < point.year),
      'targets are ordered by year, one per year',
    ),
  /** Absent in plans written before it existed: monthly. */
  reportingFrequency: reportingFrequency.optional(),
  /** The department that enters the monthly outcome (utfall). */
  ownerDepartmentId: entityId,
  /** Kolada KPI id for official yearly figures, e.g. N01951 (population). */
  koladaKpiId: z.string().optional(),
  /**
   * How the Kolada KPI's yearly value relates to the indicator: the value itself (default), or
   * its change in percent from the year before (a population count against a growth target).
   */
  koladaMeasure: z.enum(['value', 'change-percent']).optional(),
  /** The sentence of the plan the targets come from, for traceability; empty for an authored plan. */
  source: planText.default(''),
  archived,
});
export type Indicator = z.infer<typeof indicator>;

/** Initiative (initiativ) under a goal, described per aspect. */
export const initiative = z.object({
  id: entityId,
  number: planLine,
  goalId: entityId,
  title: planLine,
  ownerDepartmentId: entityId,
  aspects: z.partialRecord(initiativeAspect, planText),
  archived,
});
export type Initiative = z.infer<typeof initiative>;

/** Status of an initiative or a council assignment. */
export const progressStatus = z.enum(['ej-paborjad', 'pagar', 'klar']);
export type ProgressStatus = z.infer<typeof progressStatus>;

/** Traffic light of a goal or indicator in a monthly report. */
export const goalStatus = z.enum(['gron', 'gul', 'rod']);
export type GoalStatus = z.infer<typeof goalStatus>;

/** Council assignment (uppdrag från fullmäktige). */
export const councilAssignment = z
  .object({
    id: entityId,
    title: z.string().trim().min(1).max(500),
    description: z.string().max(10_000).default(''),
    /** Reference to the council decision (KF-beslut), e.g. "KF § 12/2015". */
    decisionRef: z.string().max(200).default(''),
    startDate: isoDate,
    endDate: isoDate,
    /** Responsible department; null until someone assigns it. */
    departmentId: entityId.nullable(),
    responsiblePerson: z.string().max(200).default(''),
    status: progressStatus,
    progressNote: z.string().max(10_000).default(''),
    /**
     * The assignment of an earlier year this one was carried over from ("Ny plan för 2016 från
     * 2015" offers the unfinished ones); null for an assignment given this year.
     */
    carriedFrom: z
      .object({ year: z.number().int().min(2000).max(2100), assignmentId: entityId })
      .nullable()
      .optional(),
  })
  .refine((a) => a.startDate <= a.endDate, {
    message: 'the end date is before the start date',
    path: ['endDate'],
  });
export type CouncilAssignment = z.infer<typeof councilAssignment>;

/**
 * A line of a department's budget table, in tkr (negative for income); the amount is null in a
 * plan rolled over from the year before until the new figure is set.
 */
export const budgetLine = z.object({
  label: planLine,
  amountTkr: z.number().finite().nullable(),
});
export type BudgetLine = z.infer<typeof budgetLine>;

/** Department (avdelning/enhet) of the board's administration, section 8.1.x of the plan. */
export const department = z.object({
  id: entityId,
  number: planLine,
  name: planLine,
  /** Budget of the previous year in tkr, as the plan states it. */
  budgetPreviousYearTkr: z.number().finite().nullable(),
  /** Budget of the plan's year in tkr; null until it is set (a plan rolled over from the year before). */
  budgetTkr: z.number().finite().nullable(),
  /** Cost breakdown by kind (personal, intäkter, övrigt) with the plan's stated total. */
  costsByKind: z.array(budgetLine).max(200),
  costsByKindTotalTkr: z.number().finite().nullable(),
  /** Cost breakdown by activity (verksamhet), if the plan gives one. */
  costsByActivity: z.array(budgetLine).max(200),
  costsByActivityTotalTkr: z.number().finite().nullable(),
  /** Staff count (antal medarbetare), fractional where the plan counts part-time posts. */
  staff: z.number().nonnegative().nullable(),
  description: planText,
});
export type Department = z.infer<typeof department>;

/** Monthly report life cycle: utkast → inskickad → godkänd or återremitterad. */
export const reportStatus = z.enum(['utkast', 'inskickad', 'godkand', 'aterremitterad']);
export type ReportStatus = z.infer<typeof reportStatus>;

/** A place in the seed where the plan contradicts itself; shown, never silently fixed. */
export const knownDiscrepancy = z.object({
  id: entityId,
  /** Section of the plan, e.g. "8.1.4". */
  section: z.string().min(1),
  /** What the product shows, in Swedish. */
  description: z.string().min(1),
  /** Which curated entity it concerns, e.g. "department:hr". */
  subject: z.string().min(1),
  stated: z.number().finite().nullable(),
  computed: z.number().finite().nullable(),
});
export type KnownDiscrepancy = z.infer<typeof knownDiscrepancy>;

/** A row of the income statement (resultaträkning), amounts in Mkr by column. */
export const incomeStatementRow = z.object({
  label: z.string().min(1),
  /** "intakter", "kostnader" or "resultat": the block of the statement the row belongs to. */
  block: z.enum(['intakter', 'kostnader', 'resultat']),
  isSum: z.boolean(),
  /** Keyed by the column heading, e.g. "Bokslut 2013", "Budget 2015". */
  valuesMkr: z.record(z.string(), z.number().finite()),
});
export type IncomeStatementRow = z.infer<typeof incomeStatementRow>;

/** A row of the economic summary per area of activity (ekonomisk sammanställning), in tkr. */
export const areaBudgetRow = z.object({
  label: z.string().min(1),
  /** The department this row belongs to, when it is one of the ten. */
  departmentId: entityId.nullable(),
  forecastPreviousYearTkr: z.number().finite().nullable(),
  budgetCostsTkr: z.number().finite().nullable(),
  budgetIncomeTkr: z.number().finite().nullable(),
  budgetTotalTkr: z.number().finite().nullable(),
  isTotal: z.boolean(),
});
export type AreaBudgetRow = z.infer<typeof areaBudgetRow>;

/** A row of the investment table, in tkr; null where the plan leaves the cell empty. */
export const investmentRow = z.object({
  label: z.string().min(1),
  forecastPreviousYearTkr: z.number().finite().nullable(),
  budgetPreviousYearTkr: z.number().finite().nullable(),
  budgetTkr: z.number().finite().nullable(),
  isTotal: z.boolean(),
});
export type InvestmentRow = z.infer<typeof investmentRow>;

/** Section 9 of the plan: the economic summary. */
export const economicSummary = z.object({
  incomeStatementColumns: z.array(z.string().min(1)),
  incomeStatement: z.array(incomeStatementRow),
  areaBudget: z.array(areaBudgetRow),
  investments: z.array(investmentRow),
});
export type EconomicSummary = z.infer<typeof economicSummary>;

/** The plan's vision (vision): a title, the year it looks to, and its text. */
export const planVision = z.object({
  title: z.string().max(MAX_PLAN_LINE_LENGTH),
  targetYear: z.number().int().min(2000).max(2200),
  text: planText,
});

/** The municipality's values (värdegrund): a name and what it means. */
export const planValues = z.array(z.object({ name: planLine, text: planText })).max(50);

/**
 * The decision that adopted the plan (fastställd): the body's decision reference (e.g. "KF § 12")
 * and date, and who recorded it in Följsam and when. Written only by the server.
 */
export const planAdoption = z.object({
  decisionRef: z.string().trim().min(1).max(200),
  decidedOn: isoDate,
  recordedBy: z.string().min(1),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type PlanAdoption = z.infer<typeof planAdoption>;

/** A plan is a draft (utkast) until adopted (fastställd). */
export const planStatus = z.enum(['utkast', 'faststalld']);
export type PlanStatus = z.infer<typeof planStatus>;

/** The plan for one board and one year: everything the `plan:<year>` document holds. */
export const plan = z.object({
  year: z.number().int().min(2000).max(2100),
  municipality: z.string().min(1),
  board: planLine,
  title: planLine,
  /** The date of the adopting decision; null while the plan is a draft. */
  adoptedOn: isoDate.nullable(),
  /** The adopting decision; null while the plan is a draft (and for a seeded plan without one). */
  adoption: planAdoption.nullable().optional(),
  /** The year this plan was rolled over from ("Ny plan för 2016 från 2015"), if any. */
  copiedFromYear: z.number().int().nullable().optional(),
  vision: planVision,
  mission: planText,
  values: planValues,
  perspectives: z.array(perspective),
  focusAreas: z.array(focusArea),
  goals: z.array(strategicGoal),
  indicators: z.array(indicator),
  initiatives: z.array(initiative),
  departments: z.array(department),
  economicSummary,
  knownDiscrepancies: z.array(knownDiscrepancy),
});
export type Plan = z.infer<typeof plan>;

/** Key of a reportable item in a monthly report: its kind and id, e.g. "goal:goal-6-1-4-1". */
export const reportItemKey = z
  .string()
  .regex(/^(goal|indicator|initiative|assignment):[a-z0-9][a-z0-9._-]*$/, 'expected <kind>:<id>');
export type ReportItemKey = z.infer<typeof reportItemKey>;

/** The budget part of a monthly report, in tkr; null until entered. */
export const reportBudget = z.object({
  /** Outcome to date (utfall hittills). */
  outcomeToDateTkr: z.number().finite().nullable(),
  /** Full-year forecast (helårsprognos). */
  forecastTkr: z.number().finite().nullable(),
});
export type ReportBudget = z.infer<typeof reportBudget>;

/**
 * A department's report for a reporting period, read out of its `report:<periodId>:<departmentId>`
 * document: a monthly report (månadsrapport), a tertial report (tertialrapport, delårsrapport) or
 * the year-end report (verksamhetsberättelse); see reporting/periods.ts.
 */
export const departmentReport = z.object({
  /** The reporting period: `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
  period: reportPeriodId,
  /**
   * The last month the period covers (`YYYY-MM`): the month itself for a monthly report, April
   * for `YYYY-T1`, August for `YYYY-T2`, December for `YYYY-VB`. The outcome to date is as of
   * its end.
   */
  month: yearMonth,
  departmentId: entityId,
  status: reportStatus,
  /** Set when the kommunchef returns the report (återremitterad). */
  returnComment: z.string(),
  /** Indicator outcomes (utfall) for the period, keyed by indicator id, in the indicator's unit. */
  indicatorOutcomes: z.record(z.string(), z.number().finite().nullable()),
  /** Status per item: grön/gul/röd for goals and indicators, ej påbörjad/pågår/klar otherwise. */
  itemStatuses: z.record(z.string(), z.union([goalStatus, progressStatus])),
  /** Plain text of the analysis (analys) per item; the document holds it as rich text. */
  analysis: z.record(z.string(), z.string()),
  /** Plain text of the actions (åtgärder) per item; the document holds it as rich text. */
  actions: z.record(z.string(), z.string()),
  budget: reportBudget,
});
export type DepartmentReport = z.infer<typeof departmentReport>;

/**
 * The schema of report data as stored, e.g. an approval frozen before reports had periods: data
 * with a `month` and no `period` was a monthly report, so its period is that month.
 */
export const storedDepartmentReport = z.preprocess((value) => {
  if (typeof value !== 'object' || value === null || 'period' in value) return value;
  const month = (value as { month?: unknown }).month;
  return typeof month === 'string' ? { ...value, period: month } : value;
}, departmentReport);

/** @deprecated The name from before tertial and year-end reports: use {@link departmentReport}. */
export const monthlyReport = departmentReport;
/** @deprecated The name from before tertial and year-end reports: use {@link DepartmentReport}. */
export type MonthlyReport = DepartmentReport;
