/**
 * The board's report as an Excel workbook (exceljs). Figures are numbers in their cells (not
 * text), so they can be summed and charted in Excel; statuses carry their word and symbol.
 *
 * Sheets: Sammanfattning (goal per row), Indikatorer, Uppdrag, Budget, Saknas.
 */
import type { BoardReport, StatusLabel } from '@foljsam/domain';
import ExcelJS from 'exceljs';

/** The sheet names, in order; tests and users rely on them. */
export const BOARD_SHEETS = ['Sammanfattning', 'Indikatorer', 'Uppdrag', 'Budget', 'Saknas'] as const;

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
export async function boardReportXlsx(report: BoardReport): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Följsam';
  workbook.title = `Månadsrapport ${report.month}`;

  const summary = addSheet(workbook, 'Sammanfattning', [
    { header: 'Perspektiv', key: 'perspective', width: 22 },
    { header: 'Mål', key: 'number', width: 10 },
    { header: 'Målsättning', key: 'title', width: 60 },
    { header: 'Status', key: 'status', width: 18 },
    { header: 'Analyser (godkända rapporter)', key: 'analyses', width: 90 },
  ]);
  for (const perspective of report.perspectives) {
    for (const goal of perspective.goals) {
      summary.addRow({
        perspective: perspective.name,
        number: goal.number,
        title: goal.title,
        status: label(goal.label),
        analyses: goal.analyses.map((a) => `${a.departmentName}: ${a.text}`).join('\n'),
      });
    }
  }

  const months = Array.from(
    { length: Number(report.month.slice(5, 7)) },
    (_, i) => `${report.year}-${String(i + 1).padStart(2, '0')}`,
  );
  const indicators = addSheet(workbook, 'Indikatorer', [
    { header: 'Mått', key: 'name', width: 50 },
    { header: 'Id', key: 'id', width: 30 },
    { header: 'Enhet', key: 'unit', width: 9 },
    { header: `Mål ${report.year}`, key: 'target', width: 11 },
    { header: `Utfall ${report.month}`, key: 'outcome', width: 13 },
    { header: 'Når målet', key: 'meets', width: 10 },
    { header: 'Status', key: 'status', width: 18 },
    ...months.map((m) => ({ header: m, key: `m${m}`, width: 10 })),
  ]);
  for (const indicator of report.perspectives.flatMap((p) => p.goals.flatMap((g) => g.indicators))) {
    indicators.addRow({
      name: indicator.name,
      id: indicator.id,
      unit: indicator.unit,
      target: indicator.yearTarget,
      outcome: indicator.outcome,
      meets: indicator.meetsTarget === null ? '' : indicator.meetsTarget ? 'Ja' : 'Nej',
      status: label(indicator.label),
      ...Object.fromEntries(indicator.series.map((p) => [`m${p.month}`, p.value])),
    });
  }

  const assignments = addSheet(workbook, 'Uppdrag', [
    { header: 'Id', key: 'id', width: 12 },
    { header: 'Uppdrag', key: 'title', width: 60 },
    { header: 'Ansvarig avdelning', key: 'department', width: 28 },
    { header: 'Startdatum', key: 'start', width: 12 },
    { header: 'Slutdatum', key: 'end', width: 12 },
    { header: 'Status', key: 'status', width: 16 },
    { header: 'Tidsläge', key: 'due', width: 18 },
    { header: 'Försenat', key: 'overdue', width: 10 },
  ]);
  for (const a of report.assignments) {
    const row = assignments.addRow({
      id: a.id,
      title: a.title,
      department: a.departmentName,
      start: a.startDate,
      end: a.endDate,
      status: label(a.statusLabel),
      due: label(a.dueLabel),
      overdue: a.overdue ? 'Ja' : 'Nej',
    });
    if (a.overdue) row.font = { bold: true };
  }

  const budget = addSheet(workbook, 'Budget', [
    { header: 'Avdelning', key: 'department', width: 36 },
    { header: 'Budget (tkr)', key: 'budget', width: 14 },
    { header: 'Utfall hittills (tkr)', key: 'outcome', width: 18 },
    { header: 'Helårsprognos (tkr)', key: 'forecast', width: 18 },
    { header: 'Avvikelse (tkr)', key: 'deviation', width: 16 },
    { header: 'Godkänd', key: 'approved', width: 10 },
  ]);
  for (const r of report.budget.rows) {
    budget.addRow({
      department: `${r.departmentNumber} ${r.departmentName}`,
      budget: r.budgetTkr,
      outcome: r.outcomeToDateTkr,
      forecast: r.forecastTkr,
      deviation: r.deviationTkr,
      approved: r.approved ? 'Ja' : 'Nej',
    });
  }
  const total = budget.addRow({
    department: 'Summa',
    budget: report.budget.total.budgetTkr,
    outcome: report.budget.total.outcomeToDateTkr,
    forecast: report.budget.total.forecastTkr,
    deviation: report.budget.total.deviationTkr,
  });
  total.font = { bold: true };
  for (const key of ['budget', 'outcome', 'forecast', 'deviation']) budget.getColumn(key).numFmt = '# ##0';

  const missing = addSheet(workbook, 'Saknas', [
    { header: 'Avdelning', key: 'department', width: 36 },
    { header: 'Id', key: 'id', width: 28 },
    { header: 'Rapportens status', key: 'state', width: 20 },
  ]);
  for (const d of report.missing) {
    missing.addRow({
      department: `${d.departmentNumber} ${d.departmentName}`,
      id: d.departmentId,
      state: label(d.label),
    });
  }

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
