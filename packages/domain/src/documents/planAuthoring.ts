/**
 * Writing the plan (`plan:<year>`, layout in plan.ts) live: the plan editor's writers, the
 * server's writers (a new year, adoption) and the rules both sides share.
 *
 * - Every field a person changes is recorded in the `fieldEdits` log (path
 *   `<collection>/<id>/<field>` or `meta/<key>`), so the plan has per-field history and
 *   concurrent changes are flagged as on the other documents.
 * - A plan is a draft (utkast) until adopted (fastställd). After adoption a change is still
 *   allowed but is a revision: the writer appends a {@link PlanRevision} (who, when, why, which
 *   fields) in the same transaction, and the server refuses a change to an adopted plan
 *   without one (server/src/sync/writeGuard.ts).
 * - `meta` keys that record facts about the plan rather than its content (year, municipality,
 *   adoption, where it was copied from) are written only by the server.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import {
  department,
  entityId,
  focusArea,
  indicator,
  initiative,
  type Plan,
  type PlanAdoption,
  type PlanStatus,
  perspective,
  planAdoption,
  plan as planSchema,
  planValues,
  planVision,
  strategicGoal,
} from '../model';
import { type EntityMap, insertEntity, nextPosition, patchEntity } from './entityMap';
import { InvalidChangeError, parseOrThrow } from './errors';
import { type Author, author as authorSchema, recordFieldEdit } from './fieldEdits';
import { MAX_LOG_ENTRY_LENGTH } from './writeRules';

/** Root types of a plan document. */
export const PLAN_ROOTS = {
  meta: 'meta',
  economicSummary: 'economicSummary',
  fieldEdits: 'fieldEdits',
  revisions: 'revisions',
} as const;

/** The entity collections a person edits in the plan editor, with the schema of each entity. */
export const PLAN_COLLECTIONS = {
  perspectives: perspective,
  focusAreas: focusArea,
  goals: strategicGoal,
  indicators: indicator,
  initiatives: initiative,
  departments: department,
} as const;
export type PlanCollection = keyof typeof PLAN_COLLECTIONS;
/** An entity of a collection, as the plan holds it. */
export type PlanEntity<C extends PlanCollection> = z.infer<(typeof PLAN_COLLECTIONS)[C]>;
/** The fields of an entity a writer may set (everything but its id). */
export type PlanEntityFields<C extends PlanCollection> = Omit<PlanEntity<C>, 'id'>;

/** Whether `name` is one of the plan's editable entity collections. */
export function isPlanCollection(name: string): name is PlanCollection {
  return Object.hasOwn(PLAN_COLLECTIONS, name);
}

/** `meta` keys the plan editor writes, with their schemas. */
export const PLAN_EDITABLE_META = {
  title: planSchema.shape.title,
  board: planSchema.shape.board,
  vision: planVision,
  mission: planSchema.shape.mission,
  values: planValues,
} as const;
export type PlanEditableMetaKey = keyof typeof PLAN_EDITABLE_META;

/** `meta` keys only the server writes: facts about the plan, not its content. */
export const PLAN_SERVER_META = ['year', 'municipality', 'adoptedOn', 'adoption', 'copiedFromYear'] as const;

/** Key of an entity's position in its collection (see entityMap.ts). */
export const PLAN_POSITION_KEY = '_position';

/**
 * The schema of field `name` of an entity of `collection`, or null for no such field. The
 * position is a number; `id` is the map key, never a field.
 */
export function planEntityFieldValue(collection: string, name: string): z.ZodType | null {
  if (!isPlanCollection(collection)) return null;
  if (name === PLAN_POSITION_KEY) return z.number().finite();
  if (name === 'id') return null;
  const shape = PLAN_COLLECTIONS[collection].shape as Record<string, z.ZodType>;
  return Object.hasOwn(shape, name) ? (shape[name] as z.ZodType) : null;
}

/** The schema of the value recorded in a plan's field edit for path `field`, or null for no such path. */
export function planFieldEditValue(field: string): z.ZodType | null {
  const parts = field.split('/');
  if (parts[0] === PLAN_ROOTS.meta && parts.length === 2) {
    const key = parts[1] as string;
    return Object.hasOwn(PLAN_EDITABLE_META, key) ? PLAN_EDITABLE_META[key as PlanEditableMetaKey] : null;
  }
  const [collection, id, name, ...rest] = parts;
  if (!collection || !id || !name || rest.length > 0) return null;
  if (!entityId.safeParse(id).success) return null;
  // A deleted entity is recorded as the value null of its `_deleted` pseudo-field.
  if (name === DELETED_FIELD) return isPlanCollection(collection) ? z.null() : null;
  return planEntityFieldValue(collection, name);
}

/** The field path of an entity's field in the plan's field edit log. */
export const planField = (collection: PlanCollection, id: string, name: string): string =>
  `${collection}/${id}/${name}`;
/** The field path of a `meta` key in the plan's field edit log. */
export const planMetaField = (key: PlanEditableMetaKey): string => `${PLAN_ROOTS.meta}/${key}`;

const DELETED_FIELD = '_deleted';

/**
 * A change to an adopted plan (revidering): who, when, why, and the fields it changed. The
 * server checks that every change to an adopted plan carries one by the signed-in user.
 */
export const planRevision = z.object({
  id: z.string().min(1).max(100),
  /** The author's username. */
  by: z.string().min(1).max(200),
  byName: z.string().max(200),
  /** ISO time, by the writer's clock. */
  at: z.string().min(1).max(40),
  /** Why the adopted plan changed, in the author's words. */
  reason: z.string().trim().min(1).max(2000),
  /** The field paths the change wrote (as in the field edit log). */
  fields: z.array(z.string().min(1).max(500)).min(1).max(500),
});
export type PlanRevision = z.infer<typeof planRevision>;

/** Whether `entry` is a valid new entry of a plan's `revisions` log. */
export function parsePlanRevisionEntry(entry: unknown): PlanRevision | null {
  try {
    if (JSON.stringify(entry).length > MAX_LOG_ENTRY_LENGTH) return null;
  } catch {
    return null;
  }
  const parsed = planRevision.safeParse(entry);
  return parsed.success ? parsed.data : null;
}

/** Thrown when an adopted plan is changed without saying why. */
export class PlanRevisionReasonRequired extends InvalidChangeError {
  constructor() {
    super('the plan is adopted (fastställd): a change is a revision and needs a reason');
  }
}

/** Who changes the plan and, once it is adopted, why. */
export interface PlanEdit {
  author: Author;
  /** Required once the plan is adopted: the reason recorded with the revision. */
  reason?: string;
  at?: Date;
}

const meta = (doc: Y.Doc) => doc.getMap<unknown>(PLAN_ROOTS.meta);
const collectionOf = (doc: Y.Doc, name: PlanCollection): EntityMap => doc.getMap(name);
const revisionsArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray(PLAN_ROOTS.revisions);

/** The plan's adopting decision, or null while it is a draft. */
export function readPlanAdoption(doc: Y.Doc): PlanAdoption | null {
  const parsed = planAdoption.safeParse(meta(doc).get('adoption'));
  return parsed.success ? parsed.data : null;
}

/**
 * Whether the plan is adopted. A seeded plan that states its adoption date without a recorded
 * decision (the 2015 demo) counts as adopted too.
 */
export function readPlanStatus(doc: Y.Doc): PlanStatus {
  return readPlanAdoption(doc) !== null || typeof meta(doc).get('adoptedOn') === 'string'
    ? 'faststalld'
    : 'utkast';
}

/** The revisions of an adopted plan, oldest first; entries that do not validate are skipped. */
export function readPlanRevisions(doc: Y.Doc): PlanRevision[] {
  return revisionsArray(doc)
    .toArray()
    .flatMap((entry) => {
      const parsed = planRevision.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
}

function newId(prefix: string): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${Array.from(bytes, (byte) => (byte % 36).toString(36)).join('')}`;
}

const ID_PREFIX: Record<PlanCollection, string> = {
  perspectives: 'persp',
  focusAreas: 'fokus',
  goals: 'goal',
  indicators: 'ind',
  initiatives: 'init',
  departments: 'dep',
};

/**
 * Runs `write` in one transaction and records what it changed: a field edit per field and,
 * for an adopted plan, a revision with the reason. `write` returns the field paths it wrote.
 */
function recorded(doc: Y.Doc, edit: PlanEdit, write: () => { field: string; value: unknown }[]): string[] {
  const who = parseOrThrow(authorSchema, edit.author);
  const adopted = readPlanStatus(doc) === 'faststalld';
  const reason = edit.reason?.trim() ?? '';
  if (adopted && reason === '') throw new PlanRevisionReasonRequired();
  const at = edit.at ?? new Date();
  let fields: string[] = [];
  doc.transact(() => {
    const written = write();
    for (const { field, value } of written) recordFieldEdit(doc, field, value, who, at);
    fields = written.map((change) => change.field);
    if (adopted && fields.length > 0) {
      const revision: PlanRevision = parseOrThrow(planRevision, {
        id: newId('rev'),
        by: who.username,
        byName: who.displayName,
        at: at.toISOString(),
        reason,
        fields: [...new Set(fields)].slice(0, 500),
      });
      revisionsArray(doc).push([revision]);
    }
  });
  return fields;
}

/** Sets one of the plan's own texts (title, vision, mission, values). Returns whether it changed. */
export function setPlanMeta<K extends PlanEditableMetaKey>(
  doc: Y.Doc,
  key: K,
  value: z.input<(typeof PLAN_EDITABLE_META)[K]>,
  edit: PlanEdit,
): boolean {
  const valid = parseOrThrow(PLAN_EDITABLE_META[key] as z.ZodType, value);
  if (JSON.stringify(meta(doc).get(key)) === JSON.stringify(valid)) return false;
  const fields = recorded(doc, edit, () => {
    meta(doc).set(key, valid);
    return [{ field: planMetaField(key), value: valid }];
  });
  return fields.length > 0;
}

/** Adds an entity at the end of its collection; returns its new id. */
export function addPlanEntity<C extends PlanCollection>(
  doc: Y.Doc,
  collection: C,
  fields: z.input<(typeof PLAN_COLLECTIONS)[C]> extends infer I ? Omit<I, 'id'> : never,
  edit: PlanEdit,
  id: string = newId(ID_PREFIX[collection]),
): string {
  const schema = PLAN_COLLECTIONS[collection] as unknown as z.ZodType<Record<string, unknown>>;
  const { id: _id, ...valid } = parseOrThrow(schema, { ...fields, id });
  const map = collectionOf(doc, collection);
  if (map.has(id)) throw new InvalidChangeError(`${collection} already has ${id}`);
  recorded(doc, edit, () => {
    insertEntity(map, id, valid, nextPosition(map));
    return Object.entries(valid).map(([name, value]) => ({
      field: planField(collection, id, name),
      value,
    }));
  });
  return id;
}

/** Changes fields of an entity; only fields that differ are written. Returns the fields written. */
export function updatePlanEntity<C extends PlanCollection>(
  doc: Y.Doc,
  collection: C,
  id: string,
  patch: Partial<PlanEntityFields<C>>,
  edit: PlanEdit,
): string[] {
  const entity = collectionOf(doc, collection).get(id);
  if (!entity) throw new InvalidChangeError(`no ${collection} entry ${id}`);
  const valid: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const schema = planEntityFieldValue(collection, name);
    if (!schema || name === PLAN_POSITION_KEY)
      throw new InvalidChangeError(`${collection} has no field ${name}`);
    valid[name] = parseOrThrow(schema, value);
  }
  const changed = Object.keys(valid).filter(
    (name) => JSON.stringify(entity.get(name)) !== JSON.stringify(valid[name]),
  );
  if (changed.length === 0) return [];
  return recorded(doc, edit, () =>
    patchEntity(entity, valid).map((name) => ({
      field: planField(collection, id, name),
      value: valid[name],
    })),
  );
}

/** The ids of a collection in their order (by position, then id). */
export function planEntityOrder(doc: Y.Doc, collection: PlanCollection): string[] {
  return [...collectionOf(doc, collection).entries()]
    .map(([id, entity]) => ({ id, position: entity.get(PLAN_POSITION_KEY) }))
    .sort(
      (a, b) =>
        (typeof a.position === 'number' ? a.position : Number.MAX_SAFE_INTEGER) -
          (typeof b.position === 'number' ? b.position : Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id),
    )
    .map((row) => row.id);
}

/**
 * Moves an entity to `toIndex` among `siblings` (the ids it is ordered with on screen, e.g. the
 * goals of one focus area), writing only the positions that change.
 */
export function movePlanEntity(
  doc: Y.Doc,
  collection: PlanCollection,
  id: string,
  siblings: readonly string[],
  toIndex: number,
  edit: PlanEdit,
): void {
  const map = collectionOf(doc, collection);
  const order = siblings.filter((sibling) => sibling !== id && map.has(sibling));
  const index = Math.max(0, Math.min(order.length, Math.trunc(toIndex)));
  order.splice(index, 0, id);
  // Positions are spread over the siblings' old positions, so the rest of the collection keeps its order.
  const positions = order
    .map((sibling) => map.get(sibling)?.get(PLAN_POSITION_KEY))
    .map((position, at) => (typeof position === 'number' ? position : at))
    .sort((a, b) => a - b);
  recorded(doc, edit, () => {
    const written: { field: string; value: unknown }[] = [];
    order.forEach((sibling, at) => {
      const entity = map.get(sibling);
      const position = positions[at] ?? at;
      if (entity && entity.get(PLAN_POSITION_KEY) !== position) {
        entity.set(PLAN_POSITION_KEY, position);
        written.push({ field: planField(collection, sibling, PLAN_POSITION_KEY), value: position });
      }
    });
    return written;
  });
}

/**
 * Gives `ids` (in this order) the numbers `<prefix>.1`, `<prefix>.2`, …: the goals of a focus
 * area under its number, the initiatives of a goal under the goal's. Returns the ids renumbered.
 */
export function renumberPlanEntities(
  doc: Y.Doc,
  collection: 'focusAreas' | 'goals' | 'initiatives',
  ids: readonly string[],
  prefix: string,
  edit: PlanEdit,
): string[] {
  const map = collectionOf(doc, collection);
  const changes = ids.flatMap((id, index) => {
    const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
    return map.get(id) && map.get(id)?.get('number') !== number ? [{ id, number }] : [];
  });
  if (changes.length === 0) return [];
  recorded(doc, edit, () =>
    changes.map(({ id, number }) => {
      map.get(id)?.set('number', number);
      return { field: planField(collection, id, 'number'), value: number };
    }),
  );
  return changes.map((change) => change.id);
}

/** What removing an entity did. */
export type PlanRemoval = 'deleted' | 'archived';

/**
 * Removes a goal, indicator or initiative, or another entity. One that has reported content
 * (`reported` holds the report item keys with outcomes, statuses or texts, e.g.
 * `goal:goal-1`) is archived instead, and a goal's indicators and initiatives go with it.
 */
export function removePlanEntity(
  doc: Y.Doc,
  collection: PlanCollection,
  id: string,
  reported: ReadonlySet<string>,
  edit: PlanEdit,
): PlanRemoval {
  const map = collectionOf(doc, collection);
  if (!map.has(id)) throw new InvalidChangeError(`no ${collection} entry ${id}`);
  const children: { collection: 'indicators' | 'initiatives'; id: string }[] =
    collection === 'goals'
      ? (['indicators', 'initiatives'] as const).flatMap((child) =>
          [...collectionOf(doc, child).entries()]
            .filter(([, entity]) => entity.get('goalId') === id)
            .map(([childId]) => ({ collection: child, id: childId })),
        )
      : [];
  const itemKind: Partial<Record<PlanCollection, string>> = {
    goals: 'goal',
    indicators: 'indicator',
    initiatives: 'initiative',
  };
  const isReported = (name: PlanCollection, entityId: string) =>
    itemKind[name] !== undefined && reported.has(`${itemKind[name]}:${entityId}`);
  const archive =
    isReported(collection, id) || children.some((child) => isReported(child.collection, child.id));
  recorded(doc, edit, () => {
    const all = [{ collection, id }, ...children];
    if (archive) {
      return all.flatMap((entry) => {
        const entity = collectionOf(doc, entry.collection).get(entry.id);
        if (!entity || entity.get('archived') === true) return [];
        entity.set('archived', true);
        return [{ field: planField(entry.collection, entry.id, 'archived'), value: true }];
      });
    }
    for (const entry of all) collectionOf(doc, entry.collection).delete(entry.id);
    return all.map((entry) => ({ field: planField(entry.collection, entry.id, DELETED_FIELD), value: null }));
  });
  return archive ? 'archived' : 'deleted';
}

// --- the server's writers --------------------------------------------------------------------

/** What the server needs to start an empty plan for a year. */
export interface NewPlan {
  year: number;
  municipality: string;
  board?: string;
  title?: string;
}

/**
 * A new draft plan with no content: the server writes it when an administrator creates a year
 * from scratch (`POST /api/plans`).
 */
export function emptyPlan({ year, municipality, board = 'Kommunstyrelsen', title }: NewPlan): Plan {
  return parseOrThrow(planSchema, {
    year,
    municipality,
    board,
    title: title ?? `Verksamhetsplan ${year}, ${board}`,
    adoptedOn: null,
    adoption: null,
    copiedFromYear: null,
    vision: { title: '', targetYear: year, text: '' },
    mission: '',
    values: [],
    perspectives: [],
    focusAreas: [],
    goals: [],
    indicators: [],
    initiatives: [],
    departments: [],
    economicSummary: { incomeStatementColumns: [], incomeStatement: [], areaBudget: [], investments: [] },
    knownDiscrepancies: [],
  });
}

/**
 * "Ny plan för <year> från <previous>": the previous plan's structure as a draft for `year`.
 * Perspectives, focus areas, goals, indicators (with their target paths) and initiatives keep
 * their ids, so a goal can be followed from year to year; archived ones stay behind. The
 * departments keep their cost lines without figures; the economic summary and the seed's
 * known discrepancies are the previous year's facts and are not carried.
 */
export function rollOverPlan(previous: Plan, year: number): Plan {
  const active = <T extends { archived?: boolean | undefined }>(items: readonly T[]) =>
    items.filter((item) => item.archived !== true);
  const goals = active(previous.goals);
  const goalIds = new Set(goals.map((goal) => goal.id));
  const blank = (lines: Plan['departments'][number]['costsByKind']) =>
    lines.map((line) => ({ label: line.label, amountTkr: null }));
  return parseOrThrow(planSchema, {
    ...previous,
    year,
    title: previous.title.replaceAll(String(previous.year), String(year)),
    adoptedOn: null,
    adoption: null,
    copiedFromYear: previous.year,
    goals,
    indicators: active(previous.indicators).filter((item) => goalIds.has(item.goalId)),
    initiatives: active(previous.initiatives)
      .filter((item) => goalIds.has(item.goalId))
      .map((item) => ({ ...item, aspects: {} })),
    departments: previous.departments.map((item) => ({
      ...item,
      budgetPreviousYearTkr: item.budgetTkr,
      budgetTkr: null,
      costsByKind: blank(item.costsByKind),
      costsByKindTotalTkr: null,
      costsByActivity: blank(item.costsByActivity),
      costsByActivityTotalTkr: null,
    })),
    economicSummary: { incomeStatementColumns: [], incomeStatement: [], areaBudget: [], investments: [] },
    knownDiscrepancies: [],
  });
}

/**
 * Records the adopting decision in the plan (server only: clients never write `meta.adoption`).
 * Throws if the plan is already adopted.
 */
export function adoptPlan(doc: Y.Doc, adoption: PlanAdoption): void {
  const valid = parseOrThrow(planAdoption, adoption);
  if (readPlanAdoption(doc) !== null) throw new InvalidChangeError('the plan is already adopted');
  doc.transact(() => {
    meta(doc).set('adoption', valid);
    meta(doc).set('adoptedOn', valid.decidedOn);
  });
}
