/**
 * The assignments list answered by the local database: the `view_assignments` table (rebuilt
 * from the document by openSyncedDoc, 150 ms after a change) gives the ids of the matching
 * assignments in order.
 *
 * The table lags the document: it is empty until the first rebuild after the local database
 * opens (seconds into a first visit), and it holds the old rows for a moment after every edit,
 * local or remote. Trusting it then showed an empty list ("Visar 0 av 6") or rows an edit had
 * moved out of the filter. So an answer is used only when it is known to be the document's:
 * each rebuild records the document state it was built from (`view_sources`, same
 * transaction), the query reads that state with the rows, and the answer counts only while it
 * equals the state of this page's document now and was asked for the view shown now.
 * Otherwise the accessor gives null and the caller filters the document in memory, which is
 * what the SQL answer would say, so switching between the two never changes the screen.
 *
 * A live query on the recorded state (one per screen) says when the view was rebuilt, by this
 * page or another tab; the list itself is a plain query run then and when the view changes.
 * A live query per filter would cost a temporary view, a prepared statement and a teardown
 * for every change of filter (0.5–2 s each on a busy machine, against about 80 ms for the
 * query), and the screen must never wait for any of it.
 */
import {
  type AssignmentsViewQuery,
  assignmentsDocumentName,
  assignmentsViewAnswerQuery,
  localViewState,
} from '@foljsam/domain';
import { type Accessor, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import { localDbReady } from './localDb';

interface Answer {
  /** The query it answers (`queryKey`). */
  query: string;
  /** The document state the view's rows were built from. */
  state: string;
  ids: string[];
}

const queryKey = (query: AssignmentsViewQuery): string => JSON.stringify(query);

/**
 * The ids the local SQL view gives for `query`, or null whenever that answer may not be the
 * document's (before the local database is open, before the view has caught up with `doc`,
 * for a moment after every change, and for good if this browser cannot run it).
 */
export function createLocalAssignmentIds(
  doc: Y.Doc,
  query: Accessor<AssignmentsViewQuery>,
): Accessor<string[] | null> {
  // Another view of the list (grouping, the due filter) asks SQL the same: no new query.
  const sqlQuery = createMemo(query, undefined, { equals: (a, b) => queryKey(a) === queryKey(b) });
  const docName = assignmentsDocumentName(query().year);

  // Bumped before the document's observers run, so the list (which follows those observers)
  // never pairs the new document with an answer checked against the old one.
  const [transactions, setTransactions] = createSignal(0);
  const onTransaction = () => setTransactions((count) => count + 1);
  doc.on('beforeObserverCalls', onTransaction);
  onCleanup(() => doc.off('beforeObserverCalls', onTransaction));
  let known = { transactions: -1, state: '' };
  /** The document's state now, hashed at most once per transaction. */
  const docState = () => {
    const count = transactions();
    if (known.transactions !== count) known = { transactions: count, state: localViewState(doc) };
    return known.state;
  };

  // The state the view was last built from, whoever rebuilt it.
  const [recorded, setRecorded] = createSignal<string | null>(null);
  createEffect(() => {
    const db = localDbReady();
    if (!db) return;
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    const take = (rows: { state: string }[]) => {
      if (!cancelled) setRecorded(rows[0]?.state ?? null);
    };
    void db.live
      .query<{ state: string }>('select state from view_sources where doc_name = $1', [docName], (results) =>
        take(results.rows),
      )
      .then((live) => {
        if (cancelled) void live.unsubscribe();
        else {
          take(live.initialResults.rows);
          stop = live.unsubscribe;
        }
      })
      .catch((error: unknown) =>
        console.error('the local views cannot be watched; filtering in memory', error),
      );
    onCleanup(() => {
      cancelled = true;
      void stop?.();
    });
  });

  const caughtUp = createMemo(() => recorded() !== null && recorded() === docState());
  const [answer, setAnswer] = createSignal<Answer | null>(null);
  createEffect(() => {
    const db = localDbReady();
    // Asked only when the view holds this document's state (else the answer would be
    // dropped), again whenever it is rebuilt or the view of the list changes.
    if (!db || !caughtUp()) return;
    recorded();
    const current = sqlQuery();
    const { sql, params } = assignmentsViewAnswerQuery(current);
    let cancelled = false;
    db.query<{ state: string; id: string | null }>(sql, params)
      .then(({ rows }) => {
        const state = rows[0]?.state;
        if (cancelled || state === undefined) return;
        setAnswer({
          query: queryKey(current),
          state,
          ids: rows.flatMap((row) => (row.id === null ? [] : [row.id])),
        });
      })
      .catch((error: unknown) =>
        console.error('the local assignments query failed; filtering in memory', error),
      );
    onCleanup(() => {
      cancelled = true;
    });
  });

  return createMemo(() => {
    const current = answer();
    if (!current || current.query !== queryKey(sqlQuery())) return null;
    return current.state === docState() ? current.ids : null;
  });
}
