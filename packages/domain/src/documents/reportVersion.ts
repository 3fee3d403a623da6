/**
 * Versions of a report (the report as someone saw it) and what changed since one: "Ändrat
 * efter inskick" for the reviewer, and the check that an approval (godkännande) is given to the
 * version the approver looked at.
 *
 * A version is a Yjs snapshot: the state vector (which changes each client had made) plus the
 * delete set (what was deleted). The state vector alone is not exact: deleting text in Yjs
 * adds no struct and so leaves the state vector as it was; a snapshot also differs when only
 * a deletion happened. Versions travel as base64 of `Y.encodeSnapshot`.
 *
 * The version at submission is written by the server into the report's `meta`
 * (`submittedVersion`), in the same change that sets the status to inskickad, so it survives a
 * restart with the document itself and costs a few hundred bytes.
 */
import * as Y from 'yjs';
import { type FieldEdit, fieldEdit } from './fieldEdits';
import { REPORT_ROOTS } from './writeRules';

const SUBMITTED_VERSION = 'submittedVersion';

/** Base64 of bytes, in the browser and in Node alike. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

/** Bytes of base64 text; null when it is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  } catch {
    return null;
  }
}

/** The document's current version (state vector and delete set), base64. */
export function reportVersion(doc: Y.Doc): string {
  return bytesToBase64(Y.encodeSnapshot(Y.snapshot(doc)));
}

/** A version from its base64 text; null when it is not one. */
export function decodeReportVersion(version: string): Y.Snapshot | null {
  const bytes = base64ToBytes(version);
  if (!bytes || bytes.length === 0) return null;
  try {
    return Y.decodeSnapshot(bytes);
  } catch {
    return null;
  }
}

/** Whether the document is exactly at `version`: nothing added and nothing deleted since, and nothing missing. */
export function isAtVersion(doc: Y.Doc, version: Y.Snapshot): boolean {
  return Y.equalSnapshots(Y.snapshot(doc), version);
}

/**
 * Records the document's current version as the version submitted (server only: `meta` is not
 * written by clients). Call it in the transaction that sets the status to inskickad.
 */
export function recordSubmittedVersion(doc: Y.Doc): void {
  const version = reportVersion(doc);
  doc.getMap<string>(REPORT_ROOTS.meta).set(SUBMITTED_VERSION, version);
}

/** The version the report had when it was last submitted; null if it never was (or before this existed). */
export function readSubmittedVersion(doc: Y.Doc): Y.Snapshot | null {
  const stored = doc.getMap<unknown>(REPORT_ROOTS.meta).get(SUBMITTED_VERSION);
  return typeof stored === 'string' ? decodeReportVersion(stored) : null;
}

/**
 * One field changed since a version: its path in the domain's words (`budget/forecastTkr`,
 * `indicatorOutcomes/<indicatorId>`, `itemStatuses/<itemKey>`, `analysis:<itemKey>`,
 * `actions:<itemKey>`), the people the field edit log names as its writers since (figures
 * and statuses; texts have no such log), and the Yjs client ids that wrote it, so the server
 * can name the writers of texts from its update log.
 */
export interface ReportChange {
  field: string;
  /** Display names from the field edit log, oldest first, each once. */
  by: string[];
  /** Usernames from the field edit log, in the same order as `by`. */
  usernames: string[];
  /** Client ids whose changes touched the field (new content or deletions of older content). */
  clients: number[];
}

/** Roots that are the workflow's bookkeeping, not content the reviewer reads. */
const NOT_CONTENT: ReadonlySet<string> = new Set([REPORT_ROOTS.meta, REPORT_ROOTS.fieldEdits]);

/** The field an item belongs to: a root map's key, or the root itself (a text); null for bookkeeping. */
function fieldOfItem(item: Y.Item, rootNames: Map<Y.AbstractType<unknown>, string>): string | null {
  let current: Y.Item = item;
  // Climb to the item directly under a root.
  for (;;) {
    const parent = current.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    if (parent._item === null) break;
    current = parent._item;
  }
  const root = rootNames.get(current.parent as Y.AbstractType<unknown>);
  if (root === undefined || NOT_CONTENT.has(root)) return null;
  return current.parentSub !== null && (Object.values(REPORT_ROOTS) as string[]).includes(root)
    ? `${root}/${current.parentSub}`
    : root;
}

/**
 * Every field that changed after `version`: content added since (a figure set again, text
 * typed) and content of the version deleted since (text removed, a value cleared). Bookkeeping
 * (`meta`, the field edit log) is left out. Sorted by field.
 */
export function reportChangesSince(doc: Y.Doc, version: Y.Snapshot): ReportChange[] {
  const rootNames = new Map<Y.AbstractType<unknown>, string>();
  for (const [name, type] of doc.share) rootNames.set(type as Y.AbstractType<unknown>, name);
  const changes = new Map<string, { clients: Set<number>; edits: FieldEdit[] }>();
  const note = (item: Y.Item) => {
    const field = fieldOfItem(item, rootNames);
    if (field === null) return;
    const change = changes.get(field) ?? { clients: new Set<number>(), edits: [] };
    change.clients.add(item.id.client);
    changes.set(field, change);
  };
  const known = version.sv;
  // Content added since the version.
  for (const [client, structs] of doc.store.clients) {
    const since = known.get(client) ?? 0;
    const first = structs.length > 0 && since > 0 ? firstStructFrom(structs, since) : 0;
    for (let index = first; index < structs.length; index++) {
      const struct = structs[index];
      if (struct instanceof Y.Item && struct.id.clock + struct.length > since) note(struct);
    }
  }
  // Content of the version deleted since.
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of deleted.clients) {
    const structs = doc.store.clients.get(client);
    const since = known.get(client) ?? 0;
    if (!structs) continue;
    for (const range of ranges) {
      const end = Math.min(range.clock + range.len, since);
      for (let clock = range.clock; clock < end; ) {
        const struct = structs[Y.findIndexSS(structs, clock)] as Y.AbstractStruct;
        if (struct instanceof Y.Item && !Y.isDeleted(version.ds, struct.id)) note(struct);
        clock = struct.id.clock + struct.length;
      }
    }
  }
  // Who: the field edit log entries added since the version.
  const edits = doc.getArray<unknown>(REPORT_ROOTS.fieldEdits);
  for (let item = edits._start; item !== null; item = item.right) {
    if (item.deleted || item.id.clock < (known.get(item.id.client) ?? 0)) continue;
    for (const entry of item.content.getContent()) {
      const parsed = fieldEdit.safeParse(entry);
      if (parsed.success) changes.get(parsed.data.field)?.edits.push(parsed.data);
    }
  }
  return [...changes.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, { clients, edits: fieldEdits }]) => {
      const writers = new Map<string, string>();
      for (const edit of [...fieldEdits].sort((a, b) => a.at.localeCompare(b.at))) {
        if (!writers.has(edit.by)) writers.set(edit.by, edit.byName || edit.by);
      }
      return {
        field,
        by: [...writers.values()],
        usernames: [...writers.keys()],
        clients: [...clients].sort((a, b) => a - b),
      };
    });
}

/** The index of the struct holding `clock` (or the first after it). */
function firstStructFrom(structs: (Y.Item | Y.GC)[], clock: number): number {
  const last = structs[structs.length - 1] as Y.Item | Y.GC;
  if (clock >= last.id.clock + last.length) return structs.length;
  return Y.findIndexSS(structs, clock);
}

/** The changes since the report was last submitted; empty when it was never submitted. */
export function reportChangesSinceSubmission(doc: Y.Doc): ReportChange[] {
  const version = readSubmittedVersion(doc);
  return version ? reportChangesSince(doc, version) : [];
}
