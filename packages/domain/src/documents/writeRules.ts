/**
 * What a client may write into a synced document, field by field: the domain's half of the
 * server's write check (the server works out what an update changes, these rules say whether
 * each change is valid). The typed writers of this package write only what passes here.
 *
 * A value is checked by the schema of the field it lands in, and every field has a size
 * limit, so that a crafted update can neither hide an entity from the board (a status that is
 * not a status) nor bloat a document (a 30 MB note).
 */
import { z } from 'zod';
import {
  councilAssignment,
  entityId,
  goalStatus,
  progressStatus,
  reportBudget,
  reportItemKey,
} from '../model';
import { statusChange } from './assignments';
import { fieldEdit } from './fieldEdits';
import { PLAN_EDITABLE_META, type PlanEditableMetaKey, planFieldEditValue } from './planAuthoring';

/** Longest rich text of one report item (an analysis or its actions), in characters. */
export const MAX_REPORT_TEXT_LENGTH = 100_000;

/** Longest JSON of one entry of a `fieldEdits` or `statusHistory` log, in characters. */
export const MAX_LOG_ENTRY_LENGTH = 20_000;

/** Root types a report document has (besides its texts, {@link isReportTextRoot}). */
export const REPORT_ROOTS = {
  meta: 'meta',
  indicatorOutcomes: 'indicatorOutcomes',
  itemStatuses: 'itemStatuses',
  budget: 'budget',
  fieldEdits: 'fieldEdits',
} as const;

/** Root types an assignments document has. */
export const ASSIGNMENT_ROOTS = {
  assignments: 'assignments',
  statusHistory: 'statusHistory',
  fieldEdits: 'fieldEdits',
} as const;

/** Fields of an assignment a department head may change (the "progress" scope). */
export const ASSIGNMENT_PROGRESS_FIELDS: ReadonlySet<string> = new Set(['status', 'progressNote']);

const REPORT_TEXT_ROOT = /^(analysis|actions):/;

/**
 * The report's budget analysis (analys av budget): a rich text of its own, where a forecast far
 * from budget is explained (budgetPlausibility.ts).
 */
export const BUDGET_ANALYSIS_ROOT = 'analysis:budget';

/**
 * Whether `root` is the name of a report's rich text (`analysis:<itemKey>`, `actions:<itemKey>`,
 * or {@link BUDGET_ANALYSIS_ROOT}).
 */
export function isReportTextRoot(root: string): boolean {
  if (root === BUDGET_ANALYSIS_ROOT) return true;
  const match = REPORT_TEXT_ROOT.exec(root);
  return match !== null && reportItemKey.safeParse(root.slice(match[0].length)).success;
}

const outcomeValue = z.number().finite().nullable();

/**
 * The schema of a value a client may write under `key` of the report's root map `root`, or
 * null when no client may write there (`meta`, unknown keys, unknown maps).
 */
export function reportMapValue(root: string, key: string): z.ZodType | null {
  switch (root) {
    case REPORT_ROOTS.indicatorOutcomes:
      return entityId.safeParse(key).success ? outcomeValue : null;
    case REPORT_ROOTS.itemStatuses: {
      if (!reportItemKey.safeParse(key).success) return null;
      const kind = key.slice(0, key.indexOf(':'));
      return kind === 'goal' || kind === 'indicator' ? goalStatus : progressStatus;
    }
    case REPORT_ROOTS.budget:
      return key in reportBudget.shape ? reportBudget.shape[key as keyof typeof reportBudget.shape] : null;
    default:
      return null;
  }
}

const POSITION = '_position';
const assignmentFields = councilAssignment.shape;

/** The schema of an assignment's field `name` (the entity map's keys), or null for no such field. */
export function assignmentFieldValue(name: string): z.ZodType | null {
  if (name === POSITION) return z.number().finite();
  return name in assignmentFields ? assignmentFields[name as keyof typeof assignmentFields] : null;
}

/**
 * The schema of a value a client may write under `key` of the plan's `meta` map, or null when
 * no client may write there (the server's facts about the plan, unknown keys).
 */
export function planMetaValue(key: string): z.ZodType | null {
  return Object.hasOwn(PLAN_EDITABLE_META, key) ? PLAN_EDITABLE_META[key as PlanEditableMetaKey] : null;
}

/** The schema of the value recorded for a field path in a field edit, or null for no such path. */
function fieldEditValue(kind: 'report' | 'assignments' | 'plan', field: string): z.ZodType | null {
  if (kind === 'plan') return planFieldEditValue(field);
  const parts = field.split('/');
  if (kind === 'assignments') {
    const [root, id, name, ...rest] = parts;
    if (root !== ASSIGNMENT_ROOTS.assignments || !id || !name || rest.length > 0) return null;
    if (!entityId.safeParse(id).success || name === POSITION) return null;
    return assignmentFieldValue(name);
  }
  const [root, key, ...rest] = parts;
  if (!root || !key || rest.length > 0) return null;
  return reportMapValue(root, key);
}

const withinLogLimit = (entry: unknown): boolean => {
  try {
    return JSON.stringify(entry).length <= MAX_LOG_ENTRY_LENGTH;
  } catch {
    return false;
  }
};

/**
 * Whether `entry` is a valid new entry of the `fieldEdits` log of a `kind` document: a known
 * field path, a value valid for that field, and no larger than {@link MAX_LOG_ENTRY_LENGTH}.
 */
export function parseFieldEditEntry(
  kind: 'report' | 'assignments' | 'plan',
  entry: unknown,
): z.infer<typeof fieldEdit> | null {
  if (!withinLogLimit(entry)) return null;
  const parsed = fieldEdit.safeParse(entry);
  if (!parsed.success) return null;
  const schema = fieldEditValue(kind, parsed.data.field);
  if (!schema?.safeParse(parsed.data.value).success) return null;
  return parsed.data;
}

/** Whether `entry` is a valid new entry of an assignments document's `statusHistory`. */
export function parseStatusChangeEntry(entry: unknown): z.infer<typeof statusChange> | null {
  if (!withinLogLimit(entry)) return null;
  const parsed = statusChange.safeParse(entry);
  return parsed.success ? parsed.data : null;
}
