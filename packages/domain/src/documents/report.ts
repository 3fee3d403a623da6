/**
 * Layout of the `report:<periodId>:<departmentId>` document: one department's report for a
 * reporting period: a monthly report (månadsrapport), a tertial report (`YYYY-T1`, `YYYY-T2`) or
 * the year-end report (`YYYY-VB`), all with the same layout and workflow. See docs/documents.md.
 *
 * Every shared type is a root type, never a nested one that a client must create first: two
 * people who open a new month at the same time would otherwise each create their own nested
 * map or text, and Yjs would keep only one of them with everything typed into it.
 *
 * - root `Y.Map` "meta": status ({@link ReportStatus}), returnComment, statusChangedBy, statusChangedAt.
 * - root `Y.Map` "indicatorOutcomes": indicator id → number | null (the period's outcome, utfall).
 * - root `Y.Map` "itemStatuses": item key ("goal:<id>", "indicator:<id>", "initiative:<id>",
 *   "assignment:<id>") → status string.
 * - root `Y.XmlFragment` "analysis:<item key>" and "actions:<item key>": rich text (analys,
 *   åtgärder) in the ProseMirror/y-prosemirror layout.
 * - root `Y.Map` "budget": outcomeToDateTkr, forecastTkr (numbers or null), checked for
 *   plausibility against the department's budget (budgetPlausibility.ts).
 * - root `Y.XmlFragment` "analysis:budget": the budget analysis (analys av budget); read as
 *   `analysis.budget` by {@link readReport}.
 * - `meta` also holds `submittedVersion`, the version at the last submission (reportVersion.ts).
 * - root `Y.Array` "fieldEdits": one {@link FieldEdit} per write of an outcome, status or budget
 *   figure (paths `indicatorOutcomes/<id>`, `itemStatuses/<key>`, `budget/<field>`), so
 *   concurrent changes are flagged (fieldEdits.ts). Texts merge as text and need none.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
  type DepartmentReport,
  goalStatus,
  progressStatus,
  type ReportBudget,
  type ReportItemKey,
  type ReportStatus,
  reportBudget,
  reportItemKey,
  reportStatus,
} from '../model';
import { reportPeriod } from '../reporting/periods';
import { InvalidChangeError, parseOrThrow } from './errors';
import {
  type Author,
  detectFieldConflicts,
  type FieldConflict,
  recordFieldEdit,
  resolveFieldConflict,
} from './fieldEdits';
import { BUDGET_ANALYSIS_ROOT } from './writeRules';

const META = 'meta';
/** Name of the report's `meta` map: written only by the server's workflow (see the server's permissions). */
export const REPORT_META = META;
const OUTCOMES = 'indicatorOutcomes';
const STATUSES = 'itemStatuses';
const BUDGET = 'budget';
const ANALYSIS_PREFIX = 'analysis:';
const ACTIONS_PREFIX = 'actions:';

/** Which rich text of an item. */
export type ReportTextKind = 'analysis' | 'actions';

const outcomeValue = z.number().finite().nullable();

/** The rich text fragment of an item; bind it to an editor with y-prosemirror. */
export function reportText(doc: Y.Doc, kind: ReportTextKind, itemKey: ReportItemKey): Y.XmlFragment {
  const key = parseOrThrow(reportItemKey, itemKey);
  return doc.getXmlFragment(`${kind === 'analysis' ? ANALYSIS_PREFIX : ACTIONS_PREFIX}${key}`);
}

/** The budget analysis (analys av budget) rich text; bind it to an editor like the items' texts. */
export function reportBudgetText(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(BUDGET_ANALYSIS_ROOT);
}

/** Plain text of the budget analysis ('' when none). */
export function readBudgetAnalysis(doc: Y.Doc): string {
  return doc.share.has(BUDGET_ANALYSIS_ROOT) ? xmlToPlainText(reportBudgetText(doc)) : '';
}

/**
 * Sets the month's outcome of an indicator; null clears it. An unchanged value is not written;
 * a changed one is recorded in the field edit log as written by `by`.
 */
export function setIndicatorOutcome(
  doc: Y.Doc,
  indicatorId: string,
  value: number | null,
  by: Author,
  at: Date = new Date(),
): void {
  const valid = parseOrThrow(outcomeValue, value);
  const outcomes = doc.getMap<number | null>(OUTCOMES);
  if (outcomes.has(indicatorId) && outcomes.get(indicatorId) === valid) return;
  doc.transact(() => {
    outcomes.set(indicatorId, valid);
    recordFieldEdit(doc, `${OUTCOMES}/${indicatorId}`, valid, by, at);
  });
}

/**
 * Sets an item's status; goals and indicators take grön/gul/röd, the others ej påbörjad/pågår/klar.
 * An unchanged status is not written; a changed one is recorded as written by `by`.
 */
export function setItemStatus(
  doc: Y.Doc,
  itemKey: ReportItemKey,
  status: string,
  by: Author,
  at: Date = new Date(),
): void {
  const key = parseOrThrow(reportItemKey, itemKey);
  const kind = key.slice(0, key.indexOf(':'));
  const schema = kind === 'goal' || kind === 'indicator' ? goalStatus : progressStatus;
  const valid = parseOrThrow(schema, status);
  const statuses = doc.getMap<string>(STATUSES);
  if (statuses.get(key) === valid) return;
  doc.transact(() => {
    statuses.set(key, valid);
    recordFieldEdit(doc, `${STATUSES}/${key}`, valid, by, at);
  });
}

/** Sets the budget figures; fields left out or unchanged are not touched, the others recorded. */
export function setReportBudget(
  doc: Y.Doc,
  patch: Partial<ReportBudget>,
  by: Author,
  at: Date = new Date(),
): void {
  const valid = parseOrThrow(reportBudget.partial().strict(), patch);
  const budget = doc.getMap<number | null>(BUDGET);
  doc.transact(() => {
    for (const [key, value] of Object.entries(valid)) {
      if (value === undefined || (budget.has(key) && budget.get(key) === value)) continue;
      budget.set(key, value);
      recordFieldEdit(doc, `${BUDGET}/${key}`, value, by, at);
    }
  });
}

/** The value a report field path (`indicatorOutcomes/<id>`, …) holds; null when unset. */
function reportFieldValue(doc: Y.Doc, field: string): unknown {
  const slash = field.indexOf('/');
  const root = field.slice(0, slash);
  if (slash <= 0 || ![OUTCOMES, STATUSES, BUDGET].includes(root)) return null;
  return doc.getMap<unknown>(root).get(field.slice(slash + 1)) ?? null;
}

/** Fields of the report that were changed concurrently (see fieldEdits.ts). */
export function readReportConflicts(doc: Y.Doc): FieldConflict[] {
  return detectFieldConflicts(doc, (field) => reportFieldValue(doc, field));
}

/**
 * Resolves a concurrent change of a report field by keeping `value` (usually one of the conflict's
 * values): written through the strict writers, with an edit that supersedes every head.
 */
export function resolveReportConflict(
  doc: Y.Doc,
  field: string,
  value: unknown,
  by: Author,
  at: Date = new Date(),
): void {
  const slash = field.indexOf('/');
  const root = field.slice(0, slash);
  const key = field.slice(slash + 1);
  const write =
    root === OUTCOMES
      ? () => setIndicatorOutcome(doc, key, value as number | null, by, at)
      : root === STATUSES
        ? () => setItemStatus(doc, key as ReportItemKey, value as string, by, at)
        : root === BUDGET
          ? () => setReportBudget(doc, { [key]: value } as Partial<ReportBudget>, by, at)
          : null;
  if (slash <= 0 || !key || !write) throw new InvalidChangeError(`not a report field: ${field}`);
  resolveFieldConflict(doc, field, value, by, write, at);
}

/** Moves the report through its life cycle. Who may do which step is decided by the server. */
export function setReportStatus(
  doc: Y.Doc,
  status: ReportStatus,
  by: string,
  options: { comment?: string; at?: Date } = {},
): void {
  const valid = parseOrThrow(reportStatus, status);
  if (valid === 'aterremitterad' && !options.comment?.trim()) {
    throw new InvalidChangeError('a returned report needs a comment');
  }
  const meta = doc.getMap<string>(META);
  doc.transact(() => {
    meta.set('status', valid);
    meta.set('statusChangedBy', by);
    meta.set('statusChangedAt', (options.at ?? new Date()).toISOString());
    meta.set('returnComment', valid === 'aterremitterad' ? (options.comment ?? '').trim() : '');
  });
}

/** The report's status alone (cheap: for checks on every change); absent or invalid means utkast. */
export function readReportStatus(doc: Y.Doc): ReportStatus {
  const value = doc.getMap<unknown>(META).get('status');
  // The server reads this for every update it checks; a report nobody has moved has none.
  if (value === undefined) return 'utkast';
  const status = reportStatus.safeParse(value);
  return status.success ? status.data : 'utkast';
}

/** Who moved the report to its current status and when (ISO time); null where the report does not say. */
export function readReportStatusChange(doc: Y.Doc): { by: string | null; at: string | null } {
  const meta = doc.getMap<unknown>(META);
  const by = meta.get('statusChangedBy');
  const at = meta.get('statusChangedAt');
  return { by: typeof by === 'string' ? by : null, at: typeof at === 'string' ? at : null };
}

/**
 * Reads the whole report of a period (a month `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`) as
 * plain data; rich texts come out as plain text. Throws for a period id that is not one.
 */
export function readReport(doc: Y.Doc, periodId: string, departmentId: string): DepartmentReport {
  const period = reportPeriod(periodId);
  const meta = doc.getMap<unknown>(META);
  const status = reportStatus.safeParse(meta.get('status'));
  const indicatorOutcomes: Record<string, number | null> = {};
  for (const [id, value] of doc.getMap<unknown>(OUTCOMES).entries()) {
    const parsed = outcomeValue.safeParse(value);
    if (parsed.success) indicatorOutcomes[id] = parsed.data;
  }
  const itemStatuses: DepartmentReport['itemStatuses'] = {};
  for (const [key, value] of doc.getMap<unknown>(STATUSES).entries()) {
    const parsed = z.union([goalStatus, progressStatus]).safeParse(value);
    if (parsed.success && reportItemKey.safeParse(key).success) itemStatuses[key] = parsed.data;
  }
  const analysis: Record<string, string> = {};
  const actions: Record<string, string> = {};
  for (const name of [...doc.share.keys()]) {
    const target = name.startsWith(ANALYSIS_PREFIX)
      ? analysis
      : name.startsWith(ACTIONS_PREFIX)
        ? actions
        : null;
    if (!target) continue;
    const key = name.slice(name.indexOf(':') + 1);
    target[key] = xmlToPlainText(doc.getXmlFragment(name));
  }
  const budgetMap = doc.getMap<unknown>(BUDGET);
  const budget = reportBudget.safeParse({
    outcomeToDateTkr: budgetMap.get('outcomeToDateTkr') ?? null,
    forecastTkr: budgetMap.get('forecastTkr') ?? null,
  });
  const returnComment = meta.get('returnComment');
  return {
    period: period.id,
    month: period.endMonth,
    departmentId,
    status: status.success ? status.data : 'utkast',
    returnComment: typeof returnComment === 'string' ? returnComment : '',
    indicatorOutcomes,
    itemStatuses,
    analysis,
    actions,
    budget: budget.success ? budget.data : { outcomeToDateTkr: null, forecastTkr: null },
  };
}

/** Paragraph-per-line plain text of a ProseMirror-shaped XML fragment. */
export function xmlToPlainText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string => {
    if (node instanceof Y.XmlText) {
      return node
        .toDelta()
        .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
        .join('');
    }
    return node
      .toArray()
      .map((child) => walk(child as Y.XmlElement | Y.XmlText))
      .join('');
  };
  for (const child of fragment.toArray()) lines.push(walk(child as Y.XmlElement | Y.XmlText));
  return lines.join('\n');
}

/**
 * Deviation (avvikelse) of the forecast against the budget, in tkr; positive is a surplus. Null
 * without a forecast or without a budget (a plan rolled over whose figures are not set yet).
 */
export function budgetDeviationTkr(budgetTkr: number | null, forecastTkr: number | null): number | null {
  return forecastTkr === null || budgetTkr === null ? null : budgetTkr - forecastTkr;
}

/**
 * The plan items a report has content for: an outcome (`indicator:<id>`), a status, or an
 * analysis or actions text. A plan item with reported content is archived, never deleted.
 */
export function reportedItemKeys(report: DepartmentReport): string[] {
  const keys = new Set<string>();
  for (const [id, value] of Object.entries(report.indicatorOutcomes))
    if (value !== null) keys.add(`indicator:${id}`);
  for (const key of Object.keys(report.itemStatuses)) keys.add(key);
  for (const texts of [report.analysis, report.actions]) {
    for (const [key, text] of Object.entries(texts)) {
      // The budget analysis is not a plan item.
      if (text.trim() !== '' && reportItemKey.safeParse(key).success) keys.add(key);
    }
  }
  return [...keys];
}

/** Calls `listener` after every change to the report. */
export function observeReport(doc: Y.Doc, listener: () => void): () => void {
  const handler = () => listener();
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/**
 * Calls `listener` after every change to the report's `meta` map (its workflow status and the
 * like, written only by the server), so a client can ask again what it may do.
 */
export function observeReportMeta(doc: Y.Doc, listener: () => void): () => void {
  const meta = doc.getMap(META);
  const handler = () => listener();
  meta.observe(handler);
  return () => meta.unobserve(handler);
}
