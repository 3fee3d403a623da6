/**
 * The check of each change a client sends: the server decides on what the change does, not on
 * how it is encoded. updateEffect.ts works out the effect (which shared types, keys and values
 * the update inserts and deletes, without applying it or copying the document, refusing
 * anything Yjs would park instead of applying now); this module holds that effect against the
 * domain's rules (packages/domain/src/documents/writeRules.ts) and the user's scope
 * (the domain's access rules, packages/domain/src/access.ts):
 *
 * - a report: refused while approved (godkänd); `meta` is never written by a client (only the
 *   workflow endpoints write it); outcomes, statuses and budget figures must be valid values
 *   of their field; texts must stay within {@link MAX_REPORT_TEXT_LENGTH}; the `fieldEdits`
 *   log only grows, with valid entries by the signed-in user; budget figures within the
 *   domain's hard bounds of plausibility against the department's budget (no negative outcome or
 *   forecast on a cost budget, nothing beyond ten times the budget: budgetPlausibility.ts).
 * - assignments: every field value valid for its field and never removed (an assignment that
 *   fails its schema would vanish from the board); the logs only grow, with valid entries by
 *   the signed-in user. In the "progress" scope (a department head) only `status` and
 *   `progressNote` of the department's own assignments, and log entries about those.
 * - the plan: admin and kommunchef write it (the others' scope is "none"). `meta` only in the
 *   keys the plan editor writes, with valid values (year, adoption and the like are written
 *   only by the server); entities of the editable collections valid as a whole when created
 *   and field by field when changed, deleted only whole; the economic summary, the known
 *   discrepancies and the Kolada figures (`officialValues`) never; the `fieldEdits` and
 *   `revisions` logs only grow, with valid entries by the signed-in user. Once the plan is
 *   adopted (fastställd) every change must append a revision (who, when, why) by the
 *   signed-in user.
 *
 * - the board report's summary (`boardSummary:<periodId>`): kommunchef and admin write it (a
 *   department head's and a reader's scope is "none"); only its one text root, within the
 *   length bound of a report's texts.
 *
 * Every admitted update is applied in its canonical form (the `update` of {@link ChangeVerdict}).
 */

import type { WriteScope } from '@foljsam/domain';
import {
  ASSIGNMENT_PROGRESS_FIELDS,
  ASSIGNMENT_ROOTS,
  assignmentFieldValue,
  assignmentIdsOfDepartment,
  BOARD_SUMMARY_ROOT,
  type BudgetFigure,
  budgetFigureError,
  councilAssignment,
  type DocumentRef,
  entityId,
  isPlanCollection,
  isReportTextRoot,
  MAX_REPORT_TEXT_LENGTH,
  PLAN_COLLECTIONS,
  PLAN_ROOTS,
  PLAN_SERVER_META,
  parseAssignmentField,
  parseFieldEditEntry,
  parsePlanRevisionEntry,
  parseStatusChangeEntry,
  planEntityFieldValue,
  planMetaValue,
  REPORT_ROOTS,
  readPlanStatus,
  readReportStatus,
  reportMapValue,
} from '@foljsam/domain';
import * as Y from 'yjs';
import type { z } from 'zod';
import type { User } from '../store/types';
import {
  analyzeUpdate,
  type Deletion,
  type Insertion,
  type SharedType,
  type UpdateEffect,
} from './updateEffect';

/** An admitted change carries the canonical update to apply in place of the received bytes. */
export type ChangeVerdict =
  | {
      ok: true;
      update: Uint8Array;
      /** The client ids the update writes under beyond what the document holds (ClientIdOwners.ts). */
      extendedClients: number[];
    }
  | { ok: false; reason: string };

const refuse = (reason: string): ChangeVerdict => ({ ok: false, reason: `read-only: ${reason}` });

export const REFUSAL = {
  noWrite: 'you may not change this document',
  approved: 'the report is approved (godkänd); it must be reopened before it can change',
  meta: "the report's status changes only through the workflow",
  progress: "a department head changes only status and progress note of their own department's assignments",
  unknown: 'the change depends on changes the server does not have, or is not a valid update',
  part: 'the change touches a part of the document that clients do not write',
  value: 'a value is not valid for its field',
  removal: 'a field cannot be removed on its own (only a whole entity can)',
  log: 'history entries are only ever added, each by the signed-in user',
  textLength: `a text may hold at most ${MAX_REPORT_TEXT_LENGTH.toLocaleString('sv-SE')} characters`,
  documentFull: 'the document has reached its size limit (MAX_DOCUMENT_BYTES)',
  clientId: 'the change is written under a client id another user writes with',
  revision:
    'the plan is adopted (fastställd): a change must carry a revision with its reason, by the signed-in user',
  planFacts: "the plan's year, municipality, adoption and origin are written only by the server",
  implausible:
    "a budget figure is implausible for the department's budget (a negative cost, or more than ten times the budget)",
} as const;

/** What the check needs to know beyond the document: for a report, the department's budget (tkr). */
export interface ChangeContext {
  /** Null: the plan has no budget figure for the department (only the absolute bound applies). */
  departmentBudgetTkr: number | null;
}

const BUDGET_FIGURES: ReadonlySet<string> = new Set<BudgetFigure>(['outcomeToDateTkr', 'forecastTkr']);

/** Whether a budget figure `value` written under `key` breaks the plausibility bounds. */
function implausibleFigure(budgetTkr: number | null, key: string, value: unknown): boolean {
  if (!BUDGET_FIGURES.has(key) || typeof value !== 'number') return false;
  return budgetFigureError(budgetTkr, key as BudgetFigure, value) !== null;
}

/** Decides whether `update` from `user` (with `scope` on the document) may be applied to `doc`. */
export function checkChange(
  doc: Y.Doc,
  ref: DocumentRef,
  user: User,
  scope: WriteScope,
  update: Uint8Array,
  changeContext: ChangeContext = { departmentBudgetTkr: null },
): ChangeVerdict {
  if (scope === 'none') return refuse(REFUSAL.noWrite);
  if (ref.kind === 'report' && readReportStatus(doc) === 'godkand') return refuse(REFUSAL.approved);
  const analysis = analyzeUpdate(doc, update);
  if (!analysis.ok) return refuse(REFUSAL.unknown);
  const context: PolicyContext = {
    doc,
    user,
    scope,
    effect: analysis.effect,
    budgetTkr: changeContext.departmentBudgetTkr,
  };
  let reason: string | null;
  switch (ref.kind) {
    case 'report':
      reason = reportPolicy(context);
      break;
    case 'assignments':
      reason = assignmentsPolicy(context);
      break;
    case 'plan':
      reason = planPolicy(context);
      break;
    case 'boardSummary':
      reason = boardSummaryPolicy(context);
      break;
  }
  return reason === null
    ? { ok: true, update: analysis.update, extendedClients: analysis.extendedClients }
    : refuse(reason);
}

interface PolicyContext {
  doc: Y.Doc;
  user: User;
  scope: WriteScope;
  effect: UpdateEffect;
  /** The department's budget of a report (tkr), for the plausibility bounds. */
  budgetTkr: number | null;
}

/** Whether map content is a valid value of its field: one JSON value that `schema` accepts. */
function isValidValue(content: Insertion['content'], schema: z.ZodType): boolean {
  return (
    content instanceof Y.ContentAny && content.arr.length === 1 && schema.safeParse(content.arr[0]).success
  );
}

const isRemoval = (content: Insertion['content']): boolean => content instanceof Y.ContentDeleted;

/** A change directly under a root map's key (not nested deeper, not a sequence element). */
const isRootKey = (change: Insertion | Deletion): change is (Insertion | Deletion) & { key: string } =>
  change.parent.keys.length === 0 && change.key !== null;

/** A change to a root array's elements. */
const isRootElement = (change: Insertion | Deletion): boolean =>
  change.parent.keys.length === 0 && change.key === null;

/** Checks appended log entries: every value valid by `parse` and written by the signed-in user. */
function checkLogInsertion(
  insertion: Insertion,
  user: User,
  parse: (entry: unknown) => { by: string } | null,
): string | null {
  if (!isRootElement(insertion)) return REFUSAL.part;
  if (isRemoval(insertion.content)) return null;
  if (!(insertion.content instanceof Y.ContentAny)) return REFUSAL.log;
  for (const entry of insertion.content.arr) {
    const parsed = parse(entry);
    if (!parsed || parsed.by !== user.username) return REFUSAL.log;
  }
  return null;
}

// --- reports ------------------------------------------------------------------------------

/** How much of a rich text some content is: its characters, and its other nodes (elements, marks, attributes). */
function textMeasure(
  content: Insertion['content'],
  length = content.getLength(),
): { characters: number; nodes: number } {
  if (content instanceof Y.ContentDeleted) return { characters: 0, nodes: 0 };
  if (content instanceof Y.ContentString || content instanceof Y.ContentEmbed)
    return { characters: length, nodes: 0 };
  return { characters: 0, nodes: length };
}

/** A text root's size when it was last walked, and the document's clock units then. */
interface MeasuredText {
  characters: number;
  nodes: number;
  units: number;
}

/** Per document, what each text root measured at its last walk (dropped with the document). */
const measuredTexts = new WeakMap<Y.Doc, Map<string, MeasuredText>>();

/**
 * Whether a text root of `doc` would stay within {@link MAX_REPORT_TEXT_LENGTH} after growing
 * by `growth`. Walking the text costs O(its items), too much for every keystroke in a long
 * text, so it walks only when a bound cannot decide: every character or node that became
 * visible since the last walk is at least one new unit of some client's clock (items never
 * move between texts nor come back once deleted). The text is walked again only after that many
 * units were written as were left below the limit: never while the document's whole history
 * is shorter than the limit, and on every update only in a text that is at its limit.
 */
function textStaysWithinLimit(
  doc: Y.Doc,
  root: string,
  growth: { characters: number; nodes: number },
): boolean {
  const units = clockUnits(doc);
  let texts = measuredTexts.get(doc);
  const last = texts?.get(root) ?? { characters: 0, nodes: 0, units: 0 };
  const written = units - last.units;
  const fits = (size: { characters: number; nodes: number }, slack: number) =>
    size.characters + slack + growth.characters <= MAX_REPORT_TEXT_LENGTH &&
    size.nodes + slack + growth.nodes <= MAX_REPORT_TEXT_LENGTH;
  if (fits(last, written)) return true;
  const size = textSize(doc, root);
  if (!texts) {
    texts = new Map();
    measuredTexts.set(doc, texts);
  }
  texts.set(root, { ...size, units });
  return fits(size, 0);
}

/** How many clock units all clients together have written into `doc` (O(clients)). */
function clockUnits(doc: Y.Doc): number {
  let units = 0;
  for (const client of doc.store.clients.keys()) units += Y.getState(doc.store, client);
  return units;
}

/** The visible characters and nodes of a document's text root, walking its items (texts are bounded, so this is too). */
function textSize(doc: Y.Doc, root: string): { characters: number; nodes: number } {
  const size = { characters: 0, nodes: 0 };
  const type = doc.share.get(root);
  if (!type) return size;
  const stack: SharedType[] = [type];
  while (stack.length > 0) {
    const current = stack.pop() as SharedType;
    const items: (Y.Item | null)[] = [current._start, ...current._map.values()];
    for (let item = items.shift(); item !== undefined; item = items.shift()) {
      for (let entry = item; entry !== null; entry = entry.parentSub === null ? entry.right : null) {
        if (entry.deleted) continue;
        const measure = textMeasure(entry.content);
        size.characters += measure.characters;
        size.nodes += measure.nodes;
        if (entry.content instanceof Y.ContentType) stack.push(entry.content.type);
      }
    }
  }
  return size;
}

function reportPolicy({ doc, user, effect, budgetTkr }: PolicyContext): string | null {
  const textGrowth = new Map<string, { characters: number; nodes: number }>();
  const grow = (root: string, measure: { characters: number; nodes: number }, sign: 1 | -1) => {
    const growth = textGrowth.get(root) ?? { characters: 0, nodes: 0 };
    growth.characters += sign * measure.characters;
    growth.nodes += sign * measure.nodes;
    textGrowth.set(root, growth);
  };
  for (const insertion of effect.insertions) {
    const { root } = insertion.parent;
    if (root === REPORT_ROOTS.meta) return REFUSAL.meta;
    if (isReportTextRoot(root)) {
      if (insertion.content instanceof Y.ContentDoc || insertion.content instanceof Y.ContentBinary)
        return REFUSAL.part;
      grow(root, textMeasure(insertion.content), 1);
      continue;
    }
    if (root === REPORT_ROOTS.fieldEdits) {
      let implausible = false;
      const refusal = checkLogInsertion(insertion, user, (entry) => {
        const edit = parseFieldEditEntry('report', entry);
        const [editRoot, editKey] = edit?.field.split('/') ?? [];
        if (
          edit &&
          editRoot === REPORT_ROOTS.budget &&
          implausibleFigure(budgetTkr, editKey ?? '', edit.value)
        )
          implausible = true;
        return edit;
      });
      if (refusal) return refusal;
      if (implausible) return REFUSAL.implausible;
      continue;
    }
    if (!isRootKey(insertion)) return REFUSAL.part;
    const schema = reportMapValue(root, insertion.key);
    if (!schema) return REFUSAL.part;
    // A cleared figure or status is allowed (it reads as "not entered").
    if (!isRemoval(insertion.content) && !isValidValue(insertion.content, schema)) return REFUSAL.value;
    if (
      root === REPORT_ROOTS.budget &&
      insertion.content instanceof Y.ContentAny &&
      implausibleFigure(budgetTkr, insertion.key, insertion.content.arr[0])
    )
      return REFUSAL.implausible;
  }
  for (const deletion of effect.deletions) {
    const { root } = deletion.parent;
    if (root === REPORT_ROOTS.meta) return REFUSAL.meta;
    if (isReportTextRoot(root)) {
      grow(root, textMeasure(deletion.content, deletion.length), -1);
      continue;
    }
    if (root === REPORT_ROOTS.fieldEdits) return REFUSAL.log;
    if (!isRootKey(deletion) || !reportMapValue(root, deletion.key)) return REFUSAL.part;
  }
  for (const [root, growth] of textGrowth) {
    if (growth.characters <= 0 && growth.nodes <= 0) continue;
    // Characters as the editor counts them; elements and marks get the same allowance, so a
    // text cannot grow without bound in structure either.
    if (!textStaysWithinLimit(doc, root, growth)) return REFUSAL.textLength;
  }
  return null;
}

// --- the board report's summary ------------------------------------------------------------

/** Only its one rich text, within the same length bound as a report's texts. */
function boardSummaryPolicy({ doc, effect }: PolicyContext): string | null {
  const growth = { characters: 0, nodes: 0 };
  for (const insertion of effect.insertions) {
    if (insertion.parent.root !== BOARD_SUMMARY_ROOT) return REFUSAL.part;
    if (insertion.content instanceof Y.ContentDoc || insertion.content instanceof Y.ContentBinary)
      return REFUSAL.part;
    const measure = textMeasure(insertion.content);
    growth.characters += measure.characters;
    growth.nodes += measure.nodes;
  }
  for (const deletion of effect.deletions) {
    if (deletion.parent.root !== BOARD_SUMMARY_ROOT) return REFUSAL.part;
    const measure = textMeasure(deletion.content, deletion.length);
    growth.characters -= measure.characters;
    growth.nodes -= measure.nodes;
  }
  if ((growth.characters > 0 || growth.nodes > 0) && !textStaysWithinLimit(doc, BOARD_SUMMARY_ROOT, growth))
    return REFUSAL.textLength;
  return null;
}

// --- assignments --------------------------------------------------------------------------

function assignmentsPolicy({ doc, user, scope, effect }: PolicyContext): string | null {
  const progress = scope === 'progress';
  const own = progress
    ? user.departmentId
      ? assignmentIdsOfDepartment(doc, user.departmentId)
      : new Set<string>()
    : null;
  let created: Map<Y.Item, Record<string, unknown>> | undefined;
  const fieldOf = (change: Insertion | Deletion): string | null => {
    const [id] = change.parent.keys;
    return change.parent.keys.length === 1 && id && change.key !== null ? `${id}/${change.key}` : null;
  };

  for (const insertion of effect.insertions) {
    const { root } = insertion.parent;
    if (root === ASSIGNMENT_ROOTS.statusHistory) {
      const refusal = checkLogInsertion(insertion, user, (entry) => {
        const change = parseStatusChangeEntry(entry);
        return change && (!own || own.has(change.assignmentId)) ? change : null;
      });
      if (refusal) return progress ? REFUSAL.progress : refusal;
      continue;
    }
    if (root === ASSIGNMENT_ROOTS.fieldEdits) {
      const refusal = checkLogInsertion(insertion, user, (entry) => {
        const edit = parseFieldEditEntry('assignments', entry);
        if (!edit || !own) return edit;
        const field = parseAssignmentField(edit.field);
        return field && own.has(field.id) && ASSIGNMENT_PROGRESS_FIELDS.has(field.name) ? edit : null;
      });
      if (refusal) return progress ? REFUSAL.progress : refusal;
      continue;
    }
    if (root !== ASSIGNMENT_ROOTS.assignments) return REFUSAL.part;
    if (isRootKey(insertion)) {
      // A whole assignment created or removed: not in the progress scope.
      if (progress) return REFUSAL.progress;
      if (!entityId.safeParse(insertion.key).success) return REFUSAL.part;
      const { content } = insertion;
      if (isRemoval(content)) continue;
      if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) return REFUSAL.value;
      // A new assignment comes with every field valid.
      created ??= createdMapFields(effect);
      if (!councilAssignment.safeParse({ ...created.get(insertion.item), id: insertion.key }).success)
        return REFUSAL.value;
      continue;
    }
    const field = fieldOf(insertion);
    const [id] = insertion.parent.keys;
    if (!field || !id || insertion.key === null) return progress ? REFUSAL.progress : REFUSAL.part;
    if (own && !(own.has(id) && ASSIGNMENT_PROGRESS_FIELDS.has(insertion.key))) return REFUSAL.progress;
    const schema = assignmentFieldValue(insertion.key);
    if (!schema) return REFUSAL.part;
    if (!isRemoval(insertion.content) && !isValidValue(insertion.content, schema)) return REFUSAL.value;
  }
  for (const deletion of effect.deletions) {
    const { root } = deletion.parent;
    if (root === ASSIGNMENT_ROOTS.statusHistory || root === ASSIGNMENT_ROOTS.fieldEdits) return REFUSAL.log;
    if (root !== ASSIGNMENT_ROOTS.assignments) return REFUSAL.part;
    if (isRootKey(deletion)) {
      if (progress) return REFUSAL.progress;
      continue;
    }
    const field = fieldOf(deletion);
    const [id] = deletion.parent.keys;
    if (!field || !id) return progress ? REFUSAL.progress : REFUSAL.part;
    if (own && !(own.has(id) && ASSIGNMENT_PROGRESS_FIELDS.has(deletion.key ?? ''))) return REFUSAL.progress;
  }
  // Deleting a whole assignment (scope "all"; refused above in "progress") deletes its fields with it.
  return fieldRemovalRefusal(
    effect,
    entityFieldOf(effect, (root) => root === ASSIGNMENT_ROOTS.assignments),
  );
}

/** The JSON values an update writes into each map it creates, by the item holding the map. */
function createdMapFields(effect: UpdateEffect): Map<Y.Item, Record<string, unknown>> {
  const fields = new Map<Y.Item, Record<string, unknown>>();
  for (const { createdIn, key, content } of effect.insertions) {
    if (!createdIn || key === null || !(content instanceof Y.ContentAny) || content.arr.length !== 1)
      continue;
    const values = fields.get(createdIn) ?? {};
    values[key] = content.arr[0];
    fields.set(createdIn, values);
  }
  return fields;
}

/**
 * A field of an entity (or a map key) must never end up without a value (an assignment that
 * fails its schema would vanish from the board and the export; a plan's goal from the plan).
 * Yjs keeps a map key's rightmost item, and a new item always lands right of its origin. So a
 * key keeps a live value if every item the update deletes there, and every already-deleted
 * item it adds there (a value a client overwrote before it synced), is the origin of another
 * item the update adds to that key.
 *
 * `fieldOf` names the guarded field a change lands in (null: not a guarded field, e.g. a
 * field of an entity the update deletes as a whole).
 */
function fieldRemovalRefusal(
  effect: UpdateEffect,
  fieldOf: (change: Insertion | Deletion) => string | null,
): string | null {
  const byField = new Map<string, { added: Insertion[]; gone: { id: Y.ID; length: number }[] }>();
  const entry = (change: Insertion | Deletion) => {
    const key = fieldOf(change);
    if (key === null) return null;
    let found = byField.get(key);
    if (!found) {
      found = { added: [], gone: [] };
      byField.set(key, found);
    }
    return found;
  };
  for (const insertion of effect.insertions) entry(insertion)?.added.push(insertion);
  for (const deletion of effect.deletions) {
    entry(deletion)?.gone.push({ id: deletion.item.id, length: deletion.item.length });
  }
  for (const { added, gone } of byField.values()) {
    for (const insertion of added) {
      if (isRemoval(insertion.content)) gone.push({ id: insertion.item.id, length: insertion.item.length });
    }
    if (gone.length === 0) continue;
    // Origins of the added items, per client and sorted, to find one within each removed item.
    const origins = new Map<number, number[]>();
    for (const { item } of added) {
      if (!item.origin) continue;
      const clocks = origins.get(item.origin.client) ?? [];
      clocks.push(item.origin.clock);
      origins.set(item.origin.client, clocks);
    }
    for (const clocks of origins.values()) clocks.sort((a, b) => a - b);
    for (const removed of gone) {
      const clocks = origins.get(removed.id.client) ?? [];
      const next = clocks[firstAtLeast(clocks, removed.id.clock)];
      if (next === undefined || next >= removed.id.clock + removed.length) return REFUSAL.removal;
    }
  }
  return null;
}

/**
 * The field of an entity collection's entity a change lands in (`<root>/<id>/<key>`), or null
 * for any other change and for fields of entities the update deletes as a whole.
 */
function entityFieldOf(
  effect: UpdateEffect,
  isCollection: (root: string) => boolean,
): (change: Insertion | Deletion) => string | null {
  const removedEntities = new Set(
    effect.deletions
      .filter((deletion) => isCollection(deletion.parent.root) && isRootKey(deletion))
      .map((deletion) => `${deletion.parent.root}/${deletion.key}`),
  );
  return (change) => {
    const [id] = change.parent.keys;
    if (!isCollection(change.parent.root) || change.parent.keys.length !== 1 || !id) return null;
    if (removedEntities.has(`${change.parent.root}/${id}`)) return null;
    return `${change.parent.root}/${id}/${change.key}`;
  };
}

/** The index of the first of the sorted `values` that is at least `value`. */
function firstAtLeast(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

// --- the plan -----------------------------------------------------------------------------

/** A change to one of the plan's `meta` keys that only the server writes. */
const isServerMeta = (key: string): boolean => (PLAN_SERVER_META as readonly string[]).includes(key);

function planPolicy({ doc, user, effect }: PolicyContext): string | null {
  let created: Map<Y.Item, Record<string, unknown>> | undefined;
  let revisions = 0;
  for (const insertion of effect.insertions) {
    const { root } = insertion.parent;
    if (root === PLAN_ROOTS.fieldEdits) {
      const refusal = checkLogInsertion(insertion, user, (entry) => parseFieldEditEntry('plan', entry));
      if (refusal) return refusal;
      continue;
    }
    if (root === PLAN_ROOTS.revisions) {
      const refusal = checkLogInsertion(insertion, user, parsePlanRevisionEntry);
      if (refusal) return refusal;
      if (insertion.content instanceof Y.ContentAny) revisions += insertion.content.arr.length;
      continue;
    }
    if (root === PLAN_ROOTS.meta) {
      if (!isRootKey(insertion)) return REFUSAL.part;
      const schema = planMetaValue(insertion.key);
      if (!schema) return isServerMeta(insertion.key) ? REFUSAL.planFacts : REFUSAL.part;
      if (!isRemoval(insertion.content) && !isValidValue(insertion.content, schema)) return REFUSAL.value;
      continue;
    }
    // The economic summary, the seed's known discrepancies and the Kolada figures
    // (OFFICIAL_VALUES_ROOT) are not among the collections a client writes.
    if (!isPlanCollection(root)) return REFUSAL.part;
    if (isRootKey(insertion)) {
      // A whole entity created or deleted.
      if (!entityId.safeParse(insertion.key).success) return REFUSAL.part;
      const { content } = insertion;
      if (isRemoval(content)) continue;
      if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) return REFUSAL.value;
      // A new entity comes with every field valid (each field is also checked on its own below).
      created ??= createdMapFields(effect);
      const entity = { ...created.get(insertion.item), id: insertion.key };
      if (!PLAN_COLLECTIONS[root].safeParse(entity).success) return REFUSAL.value;
      continue;
    }
    if (insertion.parent.keys.length !== 1 || insertion.key === null) return REFUSAL.part;
    const schema = planEntityFieldValue(root, insertion.key);
    if (!schema) return REFUSAL.part;
    if (!isRemoval(insertion.content) && !isValidValue(insertion.content, schema)) return REFUSAL.value;
  }
  for (const deletion of effect.deletions) {
    const { root } = deletion.parent;
    if (root === PLAN_ROOTS.fieldEdits || root === PLAN_ROOTS.revisions) return REFUSAL.log;
    if (root === PLAN_ROOTS.meta) {
      if (!isRootKey(deletion)) return REFUSAL.part;
      if (!planMetaValue(deletion.key)) return isServerMeta(deletion.key) ? REFUSAL.planFacts : REFUSAL.part;
      continue;
    }
    if (!isPlanCollection(root)) return REFUSAL.part;
    if (isRootKey(deletion)) continue;
    if (deletion.parent.keys.length !== 1 || deletion.key === null) return REFUSAL.part;
    if (!planEntityFieldValue(root, deletion.key)) return REFUSAL.part;
  }
  // An entity's field or a meta key is overwritten, never removed on its own.
  const entityField = entityFieldOf(effect, isPlanCollection);
  const removal = fieldRemovalRefusal(effect, (change) =>
    change.parent.root === PLAN_ROOTS.meta && isRootKey(change)
      ? `${PLAN_ROOTS.meta}/${change.key}`
      : entityField(change),
  );
  if (removal) return removal;
  const changes = effect.insertions.length + effect.deletions.length;
  if (changes > 0 && revisions === 0 && readPlanStatus(doc) === 'faststalld') return REFUSAL.revision;
  return null;
}
