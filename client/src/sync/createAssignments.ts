/**
 * The assignments of an `assignments:<year>` doc as a Solid store that follows the doc.
 * Updates are reconciled by id, so a remote change re-renders only the changed cells and
 * never recreates a row (a focused control keeps its focus).
 */
import {
  type CouncilAssignment,
  observeAssignments,
  readAssignments,
  readStatusHistory,
  type StatusChange,
} from '@foljsam/domain';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type * as Y from 'yjs';

export function createAssignments(doc: Y.Doc): readonly CouncilAssignment[] {
  const [assignments, setAssignments] = createStore<CouncilAssignment[]>(readAssignments(doc));
  const refresh = () => setAssignments(reconcile(readAssignments(doc), { key: 'id' }));
  const stop = observeAssignments(doc, refresh);
  onCleanup(stop);
  return assignments;
}

/** The status history of an `assignments:<year>` doc (every assignment, oldest first), live. */
export function createStatusHistory(doc: Y.Doc): Accessor<StatusChange[]> {
  const [history, setHistory] = createSignal<StatusChange[]>(readStatusHistory(doc));
  const stop = observeAssignments(doc, () => setHistory(readStatusHistory(doc)));
  onCleanup(stop);
  return history;
}
