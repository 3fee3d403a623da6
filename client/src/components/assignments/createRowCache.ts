/**
 * Rendered board rows kept while their assignment exists, so that a filter change moves rows
 * in and out of the table instead of building and disposing them. Building a row (editable
 * fields, presence and conflict markers, its department and status selects) was most of a
 * filter change's time: about 70 % of the page's CPU in the profile of bench/src/listFilter.ts
 * on 500 assignments. A row is built the first time it is shown and follows its assignment
 * (a store object) like any other; it is disposed when the assignment leaves the document or
 * the screen closes.
 */
import { type Accessor, createEffect, createRoot, getOwner, type JSX, onCleanup } from 'solid-js';

export interface RowCache<T> {
  /** The row of `item`, built now if it was not yet. */
  row(item: T): JSX.Element;
}

/** Call it inside a component; `keyOf` names an item, `render` builds its row. */
export function createRowCache<T>(
  items: Accessor<readonly T[]>,
  keyOf: (item: T) => string,
  render: (item: T) => JSX.Element,
): RowCache<T> {
  // Rows are owned by the screen (for its context), not by the list position that showed them first.
  const owner = getOwner();
  const rows = new Map<string, { element: JSX.Element; dispose: () => void }>();

  createEffect(() => {
    const present = new Set(items().map(keyOf));
    for (const [key, cached] of rows) {
      if (present.has(key)) continue;
      cached.dispose();
      rows.delete(key);
    }
  });
  onCleanup(() => {
    for (const cached of rows.values()) cached.dispose();
    rows.clear();
  });

  return {
    row(item) {
      const key = keyOf(item);
      const cached = rows.get(key);
      if (cached) return cached.element;
      const built = createRoot((dispose) => ({ element: render(item), dispose }), owner ?? undefined);
      rows.set(key, built);
      return built.element;
    },
  };
}
