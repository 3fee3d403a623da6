/**
 * Validation of imported rows, one verdict per row: the value it would write, or readable
 * errors (unknown department, invalid date, text where a number belongs, duplicate row, unknown
 * indicator). The model's zod schemas decide what is valid; this only maps columns onto them.
 */

import { createHash } from 'node:crypto';
import {
  type CouncilAssignment,
  councilAssignment,
  isoDate,
  type Plan,
  progressStatus,
  yearMonth,
} from '@foljsam/domain';

export interface RowVerdict<T> {
  /** 1-based line of the row in the file, counting the header as line 1. */
  line: number;
  /** The row as read. */
  cells: Record<string, string>;
  value: T | null;
  errors: string[];
}

/** The columns of an assignments file (the export writes the same). */
export const ASSIGNMENT_COLUMNS = [
  'id',
  'title',
  'department',
  'startdate',
  'enddate',
  'status',
  'responsibleperson',
  'decisionref',
  'description',
  'progressnote',
] as const;

/** The columns of an indicator outcomes file (the export writes these and more). */
export const OUTCOME_COLUMNS = ['month', 'indicatorid', 'value'] as const;

/** One indicator outcome to write into a month's report. */
export interface OutcomeRow {
  month: string;
  indicatorId: string;
  departmentId: string;
  value: number | null;
}

/** Finds a department by id, section number ("8.1.4") or name, ignoring case. */
function departmentResolver(plan: Plan) {
  const byKey = new Map<string, string>();
  for (const d of plan.departments) {
    for (const key of [d.id, d.number, d.name]) byKey.set(key.trim().toLowerCase(), d.id);
  }
  return (text: string) => byKey.get(text.trim().toLowerCase()) ?? null;
}

/** A number as people type it in Swedish or English: "12,5", "1 234", "-3.0". */
export function parseNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^−/, '-');
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return null;
  return Number(compact.replace(',', '.'));
}

const STATUS_WORDS: Record<string, CouncilAssignment['status']> = {
  'ej påbörjad': 'ej-paborjad',
  'ej-paborjad': 'ej-paborjad',
  pågår: 'pagar',
  pagar: 'pagar',
  klar: 'klar',
};

/** A stable id for a new assignment from its content, so importing the same file twice finds it. */
const generatedId = (title: string, startDate: string) =>
  `import-${createHash('sha256').update(`${title}\n${startDate}`).digest('hex').slice(0, 10)}`;

export function validateAssignmentRows(
  rows: readonly Record<string, string>[],
  plan: Plan,
): RowVerdict<CouncilAssignment>[] {
  const department = departmentResolver(plan);
  const seen = new Map<string, number>();
  return rows.map((cells, index) => {
    const line = index + 2;
    const errors: string[] = [];
    const get = (column: string) => cells[column] ?? '';
    for (const column of ['startdate', 'enddate'] as const) {
      if (!isoDate.safeParse(get(column)).success) {
        errors.push(
          `${column === 'startdate' ? 'startDate' : 'endDate'}: invalid date "${get(column)}" (expected YYYY-MM-DD)`,
        );
      }
    }
    let departmentId: string | null = null;
    if (get('department')) {
      departmentId = department(get('department'));
      if (!departmentId) errors.push(`department: unknown department "${get('department')}"`);
    }
    const statusText = get('status').toLowerCase() || 'ej-paborjad';
    const status = STATUS_WORDS[statusText] ?? progressStatus.safeParse(statusText).data;
    if (!status) errors.push(`status: unknown status "${get('status')}" (ej påbörjad, pågår or klar)`);
    const candidate = {
      id: get('id') || generatedId(get('title'), get('startdate')),
      title: get('title'),
      description: get('description'),
      decisionRef: get('decisionref'),
      startDate: get('startdate'),
      endDate: get('enddate'),
      departmentId,
      responsiblePerson: get('responsibleperson'),
      status: status ?? 'ej-paborjad',
      progressNote: get('progressnote'),
    };
    let value: CouncilAssignment | null = null;
    if (errors.length === 0) {
      const parsed = councilAssignment.safeParse(candidate);
      if (parsed.success) value = parsed.data;
      else
        for (const issue of parsed.error.issues)
          errors.push(`${issue.path.join('.') || 'row'}: ${issue.message}`);
    }
    const key = candidate.id;
    const first = seen.get(key);
    if (first !== undefined) errors.push(`duplicate row: the same assignment as line ${first}`);
    else seen.set(key, line);
    return { line, cells, value: errors.length === 0 ? value : null, errors };
  });
}

export function validateOutcomeRows(
  rows: readonly Record<string, string>[],
  plan: Plan,
): RowVerdict<OutcomeRow>[] {
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  const seen = new Map<string, number>();
  return rows.map((cells, index) => {
    const line = index + 2;
    const errors: string[] = [];
    const month = cells.month ?? '';
    const indicatorId = cells.indicatorid ?? '';
    const valueText = cells.value ?? '';
    if (!yearMonth.safeParse(month).success)
      errors.push(`month: invalid month "${month}" (expected YYYY-MM)`);
    else if (Number(month.slice(0, 4)) !== plan.year)
      errors.push(`month: ${month} is not in the plan year ${plan.year}`);
    const indicator = indicators.get(indicatorId);
    if (!indicator) errors.push(`indicatorId: unknown indicator "${indicatorId}"`);
    const value = valueText === '' ? null : parseNumber(valueText);
    if (valueText !== '' && value === null) errors.push(`value: "${valueText}" is not a number`);
    const key = `${month}|${indicatorId}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push(`duplicate row: the same month and indicator as line ${first}`);
    else seen.set(key, line);
    return {
      line,
      cells,
      value:
        errors.length === 0 && indicator
          ? { month, indicatorId, departmentId: indicator.ownerDepartmentId, value }
          : null,
      errors,
    };
  });
}
