/**
 * Shared building block of the document layouts: a root `Y.Map` holding one nested `Y.Map`
 * per entity, keyed by the entity's id. Each field is its own key, so two people who change
 * different fields of one entity at the same time both keep their change. Nested arrays and
 * objects are stored as JSON values and replaced whole.
 */
import * as Y from 'yjs';
import type { z } from 'zod';

/** Key holding an entity's position, for a stable order that Y.Map itself does not keep. */
const POSITION_KEY = '_position';

export type EntityMap = Y.Map<Y.Map<unknown>>;

/** Writes `value`'s fields into a new entity map and puts it under `id`. */
export function insertEntity(
  collection: EntityMap,
  id: string,
  value: Record<string, unknown>,
  position: number,
): Y.Map<unknown> {
  const entity = new Y.Map<unknown>();
  for (const [key, fieldValue] of Object.entries(value)) {
    if (fieldValue !== undefined) entity.set(key, fieldValue);
  }
  entity.set(POSITION_KEY, position);
  collection.set(id, entity);
  return entity;
}

/**
 * Sets only the fields that differ, so an unchanged field does not win a concurrent edit.
 * Returns the keys it wrote.
 */
export function patchEntity(entity: Y.Map<unknown>, patch: Record<string, unknown>): string[] {
  const written: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (JSON.stringify(entity.get(key)) !== JSON.stringify(value)) {
      entity.set(key, value);
      written.push(key);
    }
  }
  return written;
}

/** The next free position at the end of the collection. */
export function nextPosition(collection: EntityMap): number {
  let max = -1;
  for (const entity of collection.values()) {
    const position = entity.get(POSITION_KEY);
    if (typeof position === 'number' && position > max) max = position;
  }
  return max + 1;
}

/**
 * Reads every entity and validates it with `schema`. An entity that does not validate (for
 * example written by a newer client) is reported through `onInvalid` and left out rather than
 * breaking the whole list.
 */
export function readEntities<S extends z.ZodType>(
  collection: EntityMap,
  schema: S,
  onInvalid?: (id: string, error: z.ZodError) => void,
): z.infer<S>[] {
  const rows: { position: number; id: string; value: z.infer<S> }[] = [];
  for (const [id, entity] of collection.entries()) {
    const raw: Record<string, unknown> = { id };
    for (const [key, value] of entity.entries()) {
      if (key !== POSITION_KEY) raw[key] = value;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      onInvalid?.(id, parsed.error);
      continue;
    }
    const position = entity.get(POSITION_KEY);
    rows.push({
      position: typeof position === 'number' ? position : Number.MAX_SAFE_INTEGER,
      id,
      value: parsed.data,
    });
  }
  rows.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  return rows.map((row) => row.value);
}
