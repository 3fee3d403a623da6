/**
 * Validation of imported rows, one verdict per row: the value it would write, or its errors as
 * coded issues (unknown department, invalid date, text where a number belongs, duplicate row,
 * unknown indicator, …; see packages/domain importIssues.ts). The model's zod schemas decide
 * what is valid; this only maps columns onto them and their refusals onto issue codes.
 */

import { createHash } from 'node:crypto';
import {
  type CouncilAssignment,
  councilAssignment,
  type ImportIssue,
  isoDate,
  type Plan,
  progressStatus,
  yearMonth,
} from '@foljsam/domain';
import type { z } from 'zod';
import { importIssue } from './issues';

export interface RowVerdict<T> {
  /** 1-based line of the row in the file, counting the header as line 1. */
  line: number;
  /** The row as read. */
  cells: Record<string, string>;
  value: T | null;
  errors: ImportIssue[];
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

/** A column as the documentation names it (headers are read lower-cased). */
const FIELD_NAMES: Record<string, string> = {
  startdate: 'startDate',
  enddate: 'endDate',
  responsibleperson: 'responsiblePerson',
  decisionref: 'decisionRef',
  progressnote: 'progressNote',
  indicatorid: 'indicatorId',
  departmentid: 'department',
};
const fieldName = (column: string) => FIELD_NAMES[column] ?? column;

/** Columns a file of each kind must have (as documented); the rest are optional. */
const REQUIRED_COLUMNS = {
  assignments: ['title', 'startdate', 'enddate'],
  'indicator-outcomes': ['month', 'indicatorid', 'value'],
} as const;

/** The required columns the header row lacks, as documented (`startDate`, …); empty when none. */
export function missingColumns(kind: keyof typeof REQUIRED_COLUMNS, headers: readonly string[]): string[] {
  return REQUIRED_COLUMNS[kind].filter((column) => !headers.includes(column)).map(fieldName);
}

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

/** The assignment's field a zod issue is about, as a column name of the file. */
const ASSIGNMENT_FIELDS: Record<string, string> = {
  departmentId: 'department',
};

/** Maps what the model refuses onto issue codes. */
function modelIssue(issue: z.core.$ZodIssue, candidate: Record<string, unknown>): ImportIssue {
  const key = String(issue.path[0] ?? 'row');
  const field = ASSIGNMENT_FIELDS[key] ?? key;
  const raw = candidate[key];
  const value = typeof raw === 'string' ? raw : String(raw ?? '');
  if (issue.code === 'custom' && key === 'endDate') return importIssue('endBeforeStart', { field });
  if (issue.code === 'too_small' && value.trim() === '') return importIssue('missingField', { field });
  if (issue.code === 'too_big') return importIssue('tooLong', { field, max: Number(issue.maximum) });
  if (key === 'id' && issue.code === 'invalid_format') return importIssue('invalidId', { field, value });
  return importIssue('invalidValue', { field, value });
}

export function validateAssignmentRows(
  rows: readonly Record<string, string>[],
  plan: Plan,
): RowVerdict<CouncilAssignment>[] {
  const department = departmentResolver(plan);
  const seen = new Map<string, number>();
  return rows.map((cells, index) => {
    const line = index + 2;
    const errors: ImportIssue[] = [];
    const get = (column: string) => cells[column] ?? '';
    for (const column of ['startdate', 'enddate'] as const) {
      const text = get(column);
      if (text === '') errors.push(importIssue('missingField', { field: fieldName(column) }));
      else if (!isoDate.safeParse(text).success) {
        errors.push(importIssue('invalidDate', { field: fieldName(column), value: text }));
      }
    }
    let departmentId: string | null = null;
    if (get('department')) {
      departmentId = department(get('department'));
      if (!departmentId) {
        errors.push(importIssue('unknownDepartment', { field: 'department', value: get('department') }));
      }
    }
    const statusText = get('status').toLowerCase() || 'ej-paborjad';
    const status = STATUS_WORDS[statusText] ?? progressStatus.safeParse(statusText).data;
    if (!status) errors.push(importIssue('unknownStatus', { field: 'status', value: get('status') }));
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
      else for (const issue of parsed.error.issues) errors.push(modelIssue(issue, candidate));
    }
    const key = candidate.id;
    const first = seen.get(key);
    if (first !== undefined) errors.push(importIssue('duplicateRow', { line: first }));
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
    const errors: ImportIssue[] = [];
    const month = cells.month ?? '';
    const indicatorId = cells.indicatorid ?? '';
    const valueText = cells.value ?? '';
    if (month === '') errors.push(importIssue('missingField', { field: 'month' }));
    else if (!yearMonth.safeParse(month).success)
      errors.push(importIssue('invalidMonth', { field: 'month', value: month }));
    else if (Number(month.slice(0, 4)) !== plan.year)
      errors.push(importIssue('monthOutsideYear', { field: 'month', value: month, year: plan.year }));
    const indicator = indicators.get(indicatorId);
    if (indicatorId === '') errors.push(importIssue('missingField', { field: 'indicatorId' }));
    else if (!indicator)
      errors.push(importIssue('unknownIndicator', { field: 'indicatorId', value: indicatorId }));
    const value = valueText === '' ? null : parseNumber(valueText);
    if (valueText !== '' && value === null) {
      errors.push(importIssue('notANumber', { field: 'value', value: valueText }));
    }
    const key = `${month}|${indicatorId}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push(importIssue('duplicateRow', { line: first }));
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
