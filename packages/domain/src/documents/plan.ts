/**
 * Layout of the `plan:<year>` document: the board's plan (verksamhetsplan) for one year.
 * See docs/documents.md.
 *
 * - root `Y.Map` "meta": year, municipality, board, title, adoptedOn, mission (strings and
 *   numbers), vision, values, adoption and copiedFromYear (JSON). Who writes which key:
 *   planAuthoring.ts.
 * - root `Y.Array` "fieldEdits" (per-field history, fieldEdits.ts) and "revisions" (changes
 *   after adoption, planAuthoring.ts).
 * - root entity maps (id → `Y.Map` of fields, see entityMap.ts): "perspectives",
 *   "focusAreas", "goals", "indicators", "initiatives", "departments", "knownDiscrepancies".
 * - root `Y.Map` "economicSummary": one JSON value per table of section 9.
 */
import type * as Y from 'yjs';
import {
  department,
  economicSummary,
  focusArea,
  indicator,
  initiative,
  knownDiscrepancy,
  type Plan,
  perspective,
  plan as planSchema,
  strategicGoal,
} from '../model';
import { type EntityMap, insertEntity, readEntities } from './entityMap';
import { parseOrThrow } from './errors';

const META = 'meta';
const ECONOMIC_SUMMARY = 'economicSummary';

/** The entity collections of a plan and the schema each entity is validated with. */
const collections = {
  perspectives: perspective,
  focusAreas: focusArea,
  goals: strategicGoal,
  indicators: indicator,
  initiatives: initiative,
  departments: department,
  knownDiscrepancies: knownDiscrepancy,
} as const;
type CollectionName = keyof typeof collections;
const collectionNames = Object.keys(collections) as CollectionName[];

const metaKeys = [
  'year',
  'municipality',
  'board',
  'title',
  'adoptedOn',
  'adoption',
  'copiedFromYear',
  'vision',
  'mission',
  'values',
] as const;

/** True if the document holds no plan yet. */
export function isPlanEmpty(doc: Y.Doc): boolean {
  return !doc.getMap(META).has('year');
}

/** Writes a whole plan into an empty document (used to seed a year). */
export function seedPlan(doc: Y.Doc, value: Plan): void {
  const valid = parseOrThrow(planSchema, value);
  doc.transact(() => {
    const meta = doc.getMap<unknown>(META);
    for (const key of metaKeys) if (valid[key] !== undefined) meta.set(key, valid[key]);
    for (const name of collectionNames) {
      const collection: EntityMap = doc.getMap(name);
      valid[name].forEach((entity, position) => {
        const { id, ...fields } = entity;
        insertEntity(collection, id, fields, position);
      });
    }
    const summary = doc.getMap<unknown>(ECONOMIC_SUMMARY);
    for (const [key, table] of Object.entries(valid.economicSummary)) summary.set(key, table);
  });
}

/**
 * Reads the plan out of the document. Returns null while the document is empty (not yet
 * synced or not seeded); throws if it holds something that is not a valid plan.
 */
export function readPlan(doc: Y.Doc): Plan | null {
  if (isPlanEmpty(doc)) return null;
  const meta = doc.getMap<unknown>(META).toJSON();
  const raw: Record<string, unknown> = { ...meta };
  for (const name of collectionNames) {
    raw[name] = readEntities(doc.getMap(name) as EntityMap, collections[name]);
  }
  raw.economicSummary = economicSummary.parse(doc.getMap(ECONOMIC_SUMMARY).toJSON());
  return parseOrThrow(planSchema, raw);
}

/**
 * A department's budget for the plan's year (tkr; positive: a cost budget), read without
 * reading the whole plan: what the server's write guard checks budget figures against. Null
 * when the plan has no such department or no budget figure yet.
 */
export function readDepartmentBudgetTkr(doc: Y.Doc, departmentId: string): number | null {
  const entity = doc.getMap<unknown>('departments').get(departmentId) as { get?: (key: string) => unknown };
  const value = typeof entity?.get === 'function' ? entity.get('budgetTkr') : null;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Calls `listener` after every change to the plan. */
export function observePlan(doc: Y.Doc, listener: () => void): () => void {
  const types = [META, ECONOMIC_SUMMARY, ...collectionNames].map((name) => doc.getMap(name));
  const handler = () => listener();
  for (const type of types) type.observeDeep(handler);
  return () => {
    for (const type of types) type.unobserveDeep(handler);
  };
}
