/**
 * Export as CSV (papaparse) or XLSX (exceljs), for any signed-in user:
 * `GET /api/export/:what?year=YYYY&format=csv|xlsx`, `what` one of
 * - `assignments`: the columns the assignments import reads (a round trip works);
 * - `indicator-values`: one row per report and indicator with an outcome, from every started
 *   report (with its status; only `godkand` ones are final), with the year's target;
 * - `budget`: one row per report with content: budget, outcome to date, forecast and deviation
 *   (budget − forecast).
 * Reports are the monthly ones and the tertial and year-end reports, in the order they fall due:
 * `month` is the last month a report covers, `period` the report's period (`YYYY-MM`, `YYYY-T1`,
 * `YYYY-T2`, `YYYY-VB`).
 * CSV is Swedish Excel's dialect with formulas defused (see csv.ts); XLSX cells are plain values,
 * never formulas, whatever text they hold.
 */
import {
  assignmentsDocumentName,
  budgetDeviationTkr,
  type DepartmentReport,
  type Plan,
  periodsOfYear,
  planDocumentName,
  readAssignments,
  readPlan,
  readReport,
  reportDocumentName,
  targetForYear,
} from '@foljsam/domain';
import { Hono } from 'hono';
import type * as Y from 'yjs';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { toCsv } from '../csv';
import { loadExcel } from '../spreadsheets';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(['csv', 'xlsx']),
});
const kinds = z.enum(['assignments', 'indicator-values', 'budget']);

type Cell = string | number | null;
interface Sheet {
  name: string;
  columns: string[];
  rows: Cell[][];
}

const isEmpty = (doc: Y.Doc) => doc.store.clients.size === 0;

async function yearReports(registry: DocumentRegistry, plan: Plan): Promise<DepartmentReport[]> {
  const reports: DepartmentReport[] = [];
  for (const { id: period } of periodsOfYear(plan.year)) {
    const ofPeriod = await Promise.all(
      plan.departments.map((d) =>
        registry.use(reportDocumentName(period, d.id), (document) =>
          isEmpty(document.doc) ? null : readReport(document.doc, period, d.id),
        ),
      ),
    );
    for (const report of ofPeriod) if (report) reports.push(report);
  }
  return reports;
}

async function buildSheet(
  registry: DocumentRegistry,
  what: z.infer<typeof kinds>,
  plan: Plan,
): Promise<Sheet> {
  if (what === 'assignments') {
    const assignments = await registry.use(assignmentsDocumentName(plan.year), (d) => readAssignments(d.doc));
    return {
      name: 'Uppdrag',
      columns: [
        'id',
        'title',
        'department',
        'startDate',
        'endDate',
        'status',
        'responsiblePerson',
        'decisionRef',
        'description',
        'progressNote',
      ],
      rows: assignments.map((a) => [
        a.id,
        a.title,
        a.departmentId ?? '',
        a.startDate,
        a.endDate,
        a.status,
        a.responsiblePerson,
        a.decisionRef,
        a.description,
        a.progressNote,
      ]),
    };
  }
  const reports = await yearReports(registry, plan);
  const departmentName = new Map(plan.departments.map((d) => [d.id, d.name]));
  if (what === 'indicator-values') {
    const rows: Cell[][] = [];
    for (const report of reports) {
      for (const indicator of plan.indicators) {
        const value = report.indicatorOutcomes[indicator.id];
        if (value === undefined || indicator.ownerDepartmentId !== report.departmentId) continue;
        rows.push([
          report.month,
          report.period,
          indicator.id,
          indicator.name,
          report.departmentId,
          value,
          indicator.unit,
          targetForYear(indicator.targetPath, plan.year),
          report.status,
        ]);
      }
    }
    return {
      name: 'Indikatorvärden',
      columns: [
        'month',
        'period',
        'indicatorId',
        'indicator',
        'departmentId',
        'value',
        'unit',
        'yearTarget',
        'reportStatus',
      ],
      rows,
    };
  }
  const budgets = new Map(plan.departments.map((d) => [d.id, d.budgetTkr]));
  return {
    name: 'Budgetuppföljning',
    columns: [
      'month',
      'period',
      'departmentId',
      'department',
      'budgetTkr',
      'outcomeToDateTkr',
      'forecastTkr',
      'deviationTkr',
      'reportStatus',
    ],
    rows: reports.map((r) => {
      const budget = budgets.get(r.departmentId) ?? 0;
      return [
        r.month,
        r.period,
        r.departmentId,
        departmentName.get(r.departmentId) ?? r.departmentId,
        budget,
        r.budget.outcomeToDateTkr,
        r.budget.forecastTkr,
        budgetDeviationTkr(budget, r.budget.forecastTkr),
        r.status,
      ];
    }),
  };
}

export function exportRoutes(sessions: SessionService, registry: DocumentRegistry) {
  return new Hono<AuthEnv>().use('*', requireSession(sessions)).get('/:what', async (c) => {
    const what = kinds.safeParse(c.req.param('what'));
    if (!what.success) return c.json({ error: 'export assignments, indicator-values or budget' }, 404);
    const params = query.safeParse(c.req.query());
    if (!params.success) return c.json({ error: 'expected ?year=YYYY&format=csv|xlsx' }, 400);
    const { year, format } = params.data;
    const plan = await registry.use(planDocumentName(year), (document) => readPlan(document.doc));
    if (!plan) return c.json({ error: `no plan for ${year}` }, 404);
    const sheet = await buildSheet(registry, what.data, plan);
    const fileName = `${what.data}-${year}.${format}`;
    if (format === 'csv') {
      const csv = toCsv(sheet.columns, sheet.rows);
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
      });
    }
    const workbook = new (await loadExcel()).Workbook();
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
    const body = new Uint8Array(await workbook.xlsx.writeBuffer());
    return c.body(body, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${fileName}"`,
    });
  });
}
