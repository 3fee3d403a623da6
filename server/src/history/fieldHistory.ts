/**
 * The history of one field or text of a document, rebuilt from the update log: every stored
 * update is replayed in order, and each one after which the field's value differs is an
 * entry (who stored it, when). Snapshots hold no authorship, but compaction keeps the log
 * rows, so the log alone is the whole history.
 *
 * Which field paths a document has and where each lives is the domain's
 * (packages/domain/src/documents/fieldPaths.ts): assignments' fields, a report's outcomes,
 * statuses, budget figures and texts, and the plan's texts and entity fields.
 */
import { type FieldLocation, type FieldValue, observeFieldAt, readFieldAt } from '@foljsam/domain';
import * as Y from 'yjs';
import type { LogEntry } from '../store/types';

/** A field path resolved to where it lives in the document (the domain's `locateField`). */
export type FieldPath = FieldLocation;

export interface HistoryEntry extends FieldValue {
  seq: number;
  at: Date;
  userId: string;
}

/**
 * A replay of a document's log that records the entries of one field, oldest first. It can
 * start from the encoded state of an earlier replay (`state`, with `lastSeq`) and go on with
 * the rows after it, so a cached history only replays what was stored since.
 *
 * The field is read (and serialized to compare) only after an update that touched it, as told
 * by an observer: reading a long text after every row of a long log costs far more than
 * applying the rows.
 */
export class FieldReplay {
  readonly doc = new Y.Doc();
  readonly entries: HistoryEntry[];
  lastSeq: number;
  private previous: string;
  private touched = false;

  constructor(
    readonly field: FieldPath,
    from?: { state: Uint8Array; lastSeq: number; entries: readonly HistoryEntry[] },
  ) {
    // Observing first also defines the field's root type, so a text integrates as a fragment.
    observeFieldAt(this.doc, field, () => {
      this.touched = true;
    });
    if (from) Y.applyUpdate(this.doc, from.state);
    this.entries = from ? [...from.entries] : [];
    this.lastSeq = from?.lastSeq ?? 0;
    this.previous = JSON.stringify(readFieldAt(this.doc, field));
    this.touched = false;
  }

  /** Applies the next stored update; records an entry if the field's value changed. */
  apply(entry: LogEntry): void {
    this.lastSeq = entry.seq;
    try {
      Y.applyUpdate(this.doc, entry.data);
    } catch {
      // Stored updates were validated when stored; one that does not apply changes nothing.
      return;
    }
    if (!this.touched) return;
    this.touched = false;
    const current = readFieldAt(this.doc, this.field);
    const serialized = JSON.stringify(current);
    if (serialized !== this.previous) {
      this.entries.push({ seq: entry.seq, at: entry.at, userId: entry.userId, ...current });
      this.previous = serialized;
    }
  }

  destroy(): void {
    this.doc.destroy();
  }
}
