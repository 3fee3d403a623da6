/**
 * The board's report as an Excel workbook (exceljs). Figures are numbers in their cells (not
 * text), so they can be summed and charted in Excel; statuses carry their word and symbol.
 * Words in `lang` (messages.ts); dates stay `YYYY-MM-DD` text, as Excel reads them in any locale.
 *
 * Sheets: Sammanfattning (goal per row), Indikatorer, Uppdrag, Budget, Saknas; in English
 * Summary, Indicators, Assignments, Budget, Missing.
 */
import type { BoardReport, GoalStatus, StatusLabel } from '@foljsam/domain';
import { type ExcelJS, loadExcel } from '../spreadsheets';
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
  workbook.title = m.workbookTitle(report.month);

  const summary = addSheet(workbook, m.sheets.summary, [
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
        analyses: goal.analyses.map((a) => `${a.departmentName}: ${a.text}`).join('\n'),
      });
    }
  }

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
      unit: indicator.unit,
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
    { header: c.status, key: 'status', width: 16 },
    { header: c.due, key: 'due', width: 18 },
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
      due: label(statusLabel(a.dueLabel, m.dueState[a.dueState])),
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
  for (const r of report.budget.rows) {
    budget.addRow({
      department: `${r.departmentNumber} ${r.departmentName}`,
      budget: r.budgetTkr,
      outcome: r.outcomeToDateTkr,
      forecast: r.forecastTkr,
      deviation: r.deviationTkr,
      approved: r.approved ? m.yes : m.no,
    });
  }
  const total = budget.addRow({
    department: m.budget.total,
    budget: report.budget.total.budgetTkr,
    outcome: report.budget.total.outcomeToDateTkr,
    forecast: report.budget.total.forecastTkr,
    deviation: report.budget.total.deviationTkr,
  });
  total.font = { bold: true };
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
