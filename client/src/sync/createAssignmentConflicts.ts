/**
 * The fields of an `assignments:<year>` doc that two people changed while apart (ändrades
 * samtidigt), live. See packages/domain/src/documents/fieldEdits.ts.
 */
import { type FieldConflict, observeAssignments, readAssignmentConflicts } from '@foljsam/domain';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';

export function createAssignmentConflicts(doc: Y.Doc): Accessor<FieldConflict[]> {
  const [conflicts, setConflicts] = createSignal<FieldConflict[]>(readAssignmentConflicts(doc));
  onCleanup(observeAssignments(doc, () => setConflicts(readAssignmentConflicts(doc))));
  return conflicts;
}
