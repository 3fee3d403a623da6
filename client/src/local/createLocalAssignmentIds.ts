/**
 * The assignments list answered by the local database: a PGlite live query over the
 * `view_assignments` table (rebuilt from the document by openSyncedDoc, 150 ms after a change)
 * that gives the ids of the matching assignments in order, and re-runs whenever the table or
 * the query changes.
 *
 * The table lags the document: it is empty until the first rebuild after the local database
 * opens (seconds into a first visit), and it holds the old rows for a moment after every edit,
 * local or remote. Trusting it then showed an empty list ("Visar 0 av 6") or rows an edit had
 * moved out of the filter. So an answer is used only when it is known to be the document's:
 * each rebuild records the document state it was built from (`view_sources`, same
 * transaction), the live query reads that state with the rows, and the answer counts only
 * while it equals the state of this page's document now and was asked for the view shown now.
 * Otherwise the accessor gives null and the caller filters the document in memory, which is
 * what the SQL answer would say, so switching between the two never changes the screen.
 */
import { type AssignmentsViewQuery, assignmentsViewAnswerQuery, localViewState } from '@foljsam/domain';
import { type Accessor, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import { localDbReady } from './localDb';

interface Answer {
  /** The query it answers (`queryKey`). */
  query: string;
  /** The document state the view's rows were built from; null before the first rebuild. */
  state: string | null;
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
  const [answer, setAnswer] = createSignal<Answer | null>(null);
  // Another view of the list (grouping, the due filter) asks SQL the same: keep its live query.
  const sqlQuery = createMemo(query, undefined, { equals: (a, b) => queryKey(a) === queryKey(b) });

  // Bumped before the document's observers run, so the list (which follows those observers)
  // never pairs the new document with an answer checked against the old one.
  const [transactions, setTransactions] = createSignal(0);
  const onTransaction = () => setTransactions((count) => count + 1);
  doc.on('beforeObserverCalls', onTransaction);
  onCleanup(() => doc.off('beforeObserverCalls', onTransaction));
  let known = { transactions: -1, state: '' };
  /** The document's state now, hashed once per transaction and only when an answer is compared. */
  const docState = () => {
    const count = transactions();
    if (known.transactions !== count) known = { transactions: count, state: localViewState(doc) };
    return known.state;
  };

  createEffect(() => {
    const db = localDbReady();
    if (!db) return;
    const current = sqlQuery();
    const key = queryKey(current);
    const { sql, params } = assignmentsViewAnswerQuery(current);
    const take = (rows: { state: string; id: string | null }[]) =>
      setAnswer({
        query: key,
        state: rows[0]?.state ?? null,
        ids: rows.flatMap((row) => (row.id === null ? [] : [row.id])),
      });
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    void db.live
      .query<{ state: string; id: string | null }>(sql, params, (results) => {
        if (!cancelled) take(results.rows);
      })
      .then((live) => {
        if (cancelled) void live.unsubscribe();
        else {
          take(live.initialResults.rows);
          stop = live.unsubscribe;
        }
      })
      .catch((error: unknown) => {
        console.error('the local assignments query failed; filtering in memory', error);
        setAnswer(null);
      });
    onCleanup(() => {
      cancelled = true;
      void stop?.();
    });
  });

  return createMemo(() => {
    const current = answer();
    if (!current || current.state === null || current.query !== queryKey(sqlQuery())) return null;
    return current.state === docState() ? current.ids : null;
  });
}
