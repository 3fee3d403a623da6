/**
 * The board's report as an Excel workbook (exceljs). Figures are numbers in their cells (not
 * text), so they can be summed and charted in Excel; statuses carry their word and symbol.
 * Words in `lang` (messages.ts); dates stay `YYYY-MM-DD` text, as Excel reads them in any locale.
 *
 * Sheets: Sammanfattning (the kommunchef's summary, first), Mål (goal per row), Analyser och
 * åtgärder (every text of the approved reports, a row per item and department), Indikatorer,
 * Uppdrag, Budget, Saknas; in English Summary, Goals, Analyses and actions, Indicators,
 * Assignments, Budget, Missing. Units are words, never codes; a figure not set is "–", never 0.
 */
import {
  type BoardReport,
  type BoardTexts,
  type GoalStatus,
  PROGRESS_STATUS_LABELS,
  type StatusLabel,
} from '@foljsam/domain';
import { type ExcelJS, loadExcel } from '../spreadsheets';
import { formatPeriod, periodPart } from './format';
import { BOARD_MESSAGES, type BoardLang, statusLabel } from './messages';

/** The sheet names in `lang`, in order; tests and users rely on them. */
export const boardSheets = (lang: BoardLang): string[] => Object.values(BOARD_MESSAGES[lang].sheets);

const label = (l: StatusLabel): string => `${l.symbol} ${l.text}`;

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number }[],
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** Writes the report into a new workbook and returns the .xlsx bytes. */
export async function boardReportXlsx(
  report: BoardReport,
  lang: BoardLang = 'sv',
): Promise<Uint8Array<ArrayBuffer>> {
  const m = BOARD_MESSAGES[lang];
  const c = m.columns;
  const goalLabel = (l: StatusLabel, status: GoalStatus | null) =>
    label(statusLabel(l, m.goalStatus[status ?? 'none']));
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Följsam';
  workbook.title = m.workbookTitle(
    formatPeriod(report.period, m.intlLocale),
    m.reportName[periodPart(report.period)],
  );

  const summarySheet = addSheet(workbook, m.sheets.summary, [{ header: c.summary, key: 'text', width: 120 }]);
  const lines = report.summary.split('\n').filter((line) => line.trim());
  for (const line of lines.length > 0 ? lines : [m.summary.empty]) {
    summarySheet.addRow({ text: line }).alignment = { wrapText: true, vertical: 'top' };
  }

  const summary = addSheet(workbook, m.sheets.goals, [
    { header: c.perspective, key: 'perspective', width: 22 },
    { header: c.goal, key: 'number', width: 10 },
    { header: c.goalTitle, key: 'title', width: 60 },
    { header: c.status, key: 'status', width: 18 },
    { header: c.analyses, key: 'analyses', width: 90 },
  ]);
  for (const perspective of report.perspectives) {
    for (const goal of perspective.goals) {
      summary.addRow({
        perspective: perspective.name,
        number: goal.number,
        title: goal.title,
        status: goalLabel(goal.label, goal.status),
        analyses: goal.analyses
          .map((a) => {
            const light = a.status ? ` (${m.goalStatus[a.status]})` : '';
            const actions = a.actions ? `\n${m.actions}: ${a.actions}` : '';
            return `${a.departmentName}${light}: ${a.analysis || m.none}${actions}`;
          })
          .join('\n'),
      });
    }
  }

  // Every analysis and action text, a row per item and department, in report order.
  const texts = addSheet(workbook, m.sheets.texts, [
    { header: c.budgetDepartment, key: 'department', width: 28 },
    { header: c.itemKind, key: 'kind', width: 12 },
    { header: c.item, key: 'item', width: 50 },
    { header: c.status, key: 'status', width: 16 },
    { header: c.analysis, key: 'analysis', width: 80 },
    { header: c.actions, key: 'actions', width: 60 },
  ]);
  const textRow = (kind: keyof typeof m.itemKind, item: string, statusWord: string, t: BoardTexts) => {
    texts.addRow({
      department: t.departmentName,
      kind: m.itemKind[kind],
      item,
      status: statusWord,
      analysis: t.analysis,
      actions: t.actions,
    }).alignment = { wrapText: true, vertical: 'top' };
  };
  for (const goal of report.perspectives.flatMap((p) => p.goals)) {
    for (const a of goal.analyses) {
      if (a.analysis || a.actions)
        textRow('goal', `${goal.number} ${goal.title}`, a.status ? m.goalStatus[a.status] : '', a);
    }
    for (const i of goal.indicators) {
      if (i.texts) textRow('indicator', i.name, i.status ? m.goalStatus[i.status] : '', i.texts);
    }
    for (const i of goal.initiatives) {
      if (i.texts)
        textRow('initiative', `${i.number} ${i.title}`, i.status ? m.progressStatus[i.status] : '', i.texts);
    }
  }
  for (const a of report.assignments) {
    if (a.texts) textRow('assignment', a.title, m.progressStatus[a.status], a.texts);
  }
  for (const r of report.budget.rows) if (r.comment) textRow('budget', m.budget.heading, '', r.comment);

  const months = Array.from(
    { length: Number(report.month.slice(5, 7)) },
    (_, i) => `${report.year}-${String(i + 1).padStart(2, '0')}`,
  );
  const indicators = addSheet(workbook, m.sheets.indicators, [
    { header: c.indicator, key: 'name', width: 50 },
    { header: c.id, key: 'id', width: 30 },
    { header: c.unit, key: 'unit', width: 9 },
    { header: c.target(report.year), key: 'target', width: 11 },
    { header: c.outcome(report.month), key: 'outcome', width: 13 },
    { header: c.meets, key: 'meets', width: 10 },
    { header: c.status, key: 'status', width: 18 },
    ...months.map((m) => ({ header: m, key: `m${m}`, width: 10 })),
  ]);
  for (const indicator of report.perspectives.flatMap((p) => p.goals.flatMap((g) => g.indicators))) {
    indicators.addRow({
      name: indicator.name,
      id: indicator.id,
      unit: m.units[indicator.unit],
      target: indicator.yearTarget,
      outcome: indicator.outcome,
      meets: indicator.meetsTarget === null ? '' : indicator.meetsTarget ? m.yes : m.no,
      status: goalLabel(indicator.label, indicator.status),
      ...Object.fromEntries(indicator.series.map((p) => [`m${p.month}`, p.value])),
    });
  }

  const assignments = addSheet(workbook, m.sheets.assignments, [
    { header: c.id, key: 'id', width: 12 },
    { header: c.assignment, key: 'title', width: 60 },
    { header: c.department, key: 'department', width: 28 },
    { header: c.startDate, key: 'start', width: 12 },
    { header: c.endDate, key: 'end', width: 12 },
    { header: c.reportStatus, key: 'status', width: 22 },
    { header: c.statusSource, key: 'source', width: 18 },
    { header: c.boardStatus, key: 'boardStatus', width: 22 },
    { header: c.due, key: 'due', width: 24 },
    { header: c.overdue, key: 'overdue', width: 10 },
  ]);
  for (const a of report.assignments) {
    const row = assignments.addRow({
      id: a.id,
      title: a.title,
      department: a.departmentName,
      start: a.startDate,
      end: a.endDate,
      status: label(statusLabel(a.statusLabel, m.progressStatus[a.status])),
      source: a.statusSource === 'report' ? c.sourceReport : c.sourceBoard,
      // The board's own status only where it differs from the approved report's.
      boardStatus: a.statusDiffers
        ? label(statusLabel(PROGRESS_STATUS_LABELS[a.boardStatus], m.progressStatus[a.boardStatus]))
        : '',
      due: a.overdue
        ? `${a.dueLabel.symbol} ${m.assignments.overdueAsOf(report.asOf)}`
        : label(statusLabel(a.dueLabel, m.dueState[a.dueState])),
      overdue: a.overdue ? m.yes : m.no,
    });
    if (a.overdue) row.font = { bold: true };
  }

  const budget = addSheet(workbook, m.sheets.budget, [
    { header: c.budgetDepartment, key: 'department', width: 36 },
    { header: c.budget, key: 'budget', width: 14 },
    { header: c.outcomeToDate, key: 'outcome', width: 18 },
    { header: c.forecast, key: 'forecast', width: 18 },
    { header: c.deviation, key: 'deviation', width: 16 },
    { header: c.approved, key: 'approved', width: 10 },
  ]);
  // A figure not set is "–" (text), never an empty cell Excel would sum as 0.
  const figure = (value: number | null) => value ?? m.none;
  for (const r of report.budget.rows) {
    budget.addRow({
      department: `${r.departmentNumber} ${r.departmentName}`,
      budget: figure(r.budgetTkr),
      outcome: figure(r.outcomeToDateTkr),
      forecast: figure(r.forecastTkr),
      deviation: figure(r.deviationTkr),
      approved: r.approved ? m.yes : m.no,
    });
  }
  const { total: sums } = report.budget;
  const total = budget.addRow({
    department: m.budget.totalOf(sums.includedCount, report.budget.rows.length),
    budget: figure(sums.budgetTkr),
    outcome: figure(sums.outcomeToDateTkr),
    forecast: figure(sums.forecastTkr),
    deviation: figure(sums.deviationTkr),
  });
  total.font = { bold: true };
  if (sums.missingDepartmentNames.length > 0) {
    budget.addRow({ department: m.budget.missingFromTotal(sums.missingDepartmentNames.join(', ')) });
  }
  budget.addRow({ department: m.budget.note });
  for (const key of ['budget', 'outcome', 'forecast', 'deviation'])
    budget.getColumn(key).numFmt = m.tkrFormat;

  const missing = addSheet(workbook, m.sheets.missing, [
    { header: c.budgetDepartment, key: 'department', width: 36 },
    { header: c.id, key: 'id', width: 28 },
    { header: c.reportState, key: 'state', width: 20 },
  ]);
  for (const d of report.missing) {
    missing.addRow({
      department: `${d.departmentNumber} ${d.departmentName}`,
      id: d.departmentId,
      state: label(statusLabel(d.label, m.reportState[d.state])),
    });
  }

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
