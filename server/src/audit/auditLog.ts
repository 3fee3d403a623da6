/**
 * The audit log (revisionslogg) as a reader sees it: the recorded events and every stored
 * document update resolved to the fields it changed (old → new), filtered by who, which
 * document, which field and when, newest first, a page at a time. The names of the entities a
 * field belongs to come from the plan and the assignments of the document's year.
 */
import {
  AUDIT_WORDS_SV,
  type AuditRow,
  type AuditSubject,
  type AuditSubjectKind,
  addDays,
  auditActionName,
  auditDetailText,
  auditDocumentName,
  auditFieldName,
  auditValues,
  parseDocumentName,
  swedishDateTime,
  swedishInstant,
} from '@foljsam/domain';
import * as Y from 'yjs';
import { type AuditEvent, type Store, SYSTEM_USER_ID } from '../store/types';
import type { AuditChanges, FieldChange } from './auditChanges';

/** What the reader asks for: a period of Swedish dates (both included) and optional filters. */
export interface AuditQuery {
  from: string;
  to: string;
  /** A user id. */
  user?: string;
  /** A document name (`report:2015-06:hr`, `plan:2015`, `user:anna`). */
  document?: string;
  /** Part of a field's path or of its Swedish name, any case. */
  field?: string;
  offset: number;
  limit: number;
}

/** A page of the log with what the filters can choose from. */
export interface AuditPage {
  rows: AuditRow[];
  /** Rows matching the filters, across all pages. */
  total: number;
  offset: number;
  limit: number;
  /** Everyone and every document in the period (before the filters), for the filter lists. */
  users: { id: string; name: string }[];
  documents: { name: string; label: string; departmentName?: string }[];
}

const COLLECTION_KIND: Record<string, AuditSubjectKind> = {
  goals: 'goal',
  indicators: 'indicator',
  initiatives: 'initiative',
  perspectives: 'perspective',
  focusAreas: 'focusArea',
  departments: 'departments',
  assignments: 'assignment',
};
const ITEM_COLLECTION: Record<string, string> = {
  goal: 'goals',
  indicator: 'indicators',
  initiative: 'initiatives',
  assignment: 'assignments',
};

/** Which entity (collection and id) a field path of a document is about, if any. */
function subjectOf(document: string, field: string): { collection: string; id: string } | null {
  const ref = parseDocumentName(document);
  if (!ref) return null;
  if (ref.kind === 'report') {
    const item = /^(?:analysis|actions):(\w+):(.+)$/.exec(field) ?? /^itemStatuses\/(\w+):(.+)$/.exec(field);
    if (item) {
      const collection = ITEM_COLLECTION[item[1] as string];
      return collection ? { collection, id: item[2] as string } : null;
    }
    const outcome = /^indicatorOutcomes\/(.+)$/.exec(field);
    return outcome ? { collection: 'indicators', id: outcome[1] as string } : null;
  }
  const [collection, id] = field.split('/');
  return collection && id && collection !== 'meta' ? { collection, id } : null;
}

/** Reads the current plan and assignments of a year, to name entities by number and title. */
class Names {
  private readonly years = new Map<number, Promise<Y.Doc[]>>();

  constructor(private readonly store: Store) {}

  private async load(name: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const stored = await this.store.documents.load(name);
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  private docs(year: number): Promise<Y.Doc[]> {
    let docs = this.years.get(year);
    if (!docs) {
      docs = Promise.all([this.load(`plan:${year}`), this.load(`assignments:${year}`)]);
      this.years.set(year, docs);
    }
    return docs;
  }

  async subject(document: string, field: string): Promise<AuditSubject | null> {
    const about = subjectOf(document, field);
    const ref = parseDocumentName(document);
    const kind = about && COLLECTION_KIND[about.collection];
    if (!about || !ref || !kind) return null;
    const [plan, assignments] = await this.docs(ref.year);
    const entity = (about.collection === 'assignments' ? assignments : plan)
      ?.getMap<unknown>(about.collection)
      .get(about.id);
    if (!(entity instanceof Y.Map)) return { kind };
    const text = (key: string) => {
      const value = entity.get(key);
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const number = text('number');
    const title = text('title') ?? text('name');
    return { kind, ...(number ? { number } : {}), ...(title ? { title } : {}) };
  }

  destroy(): void {
    for (const docs of this.years.values()) {
      void docs.then((all) => {
        for (const doc of all) doc.destroy();
      });
    }
  }
}

const UPDATE_SEQ = /^seq (\d+)$/;

/**
 * Who made an event: an update the server itself stored (the demo seed, a carried-over plan)
 * is by "System"; a logged event keeps the name it was logged with (e.g. "pnpm admin").
 */
const systemOr = (event: AuditEvent): string =>
  event.action === 'update' && event.userId === SYSTEM_USER_ID ? 'System' : event.userName;

/** Builds pages of the audit log from the store. */
export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly changes: AuditChanges,
  ) {}

  /** Every row of the period matching the filters, newest first, and the filter lists. */
  async rows(
    query: Omit<AuditQuery, 'offset' | 'limit'>,
  ): Promise<Omit<AuditPage, 'offset' | 'limit' | 'total'>> {
    // The period is of Swedish days, whatever the server's zone.
    const events = await this.store.audit.list(
      swedishInstant(query.from),
      swedishInstant(addDays(query.to, 1)),
    );
    const departments = new Map((await this.store.departments.list()).map((d) => [d.id, d.name]));
    const users = new Map<string, string>();
    const documents = new Set<string>();
    for (const event of events) {
      if (event.userId) users.set(event.userId, systemOr(event));
      if (event.document) documents.add(event.document);
    }
    const departmentOf = (document: string | null): string | undefined => {
      if (!document) return undefined;
      if (document.startsWith('department:')) return departments.get(document.slice(11));
      const ref = parseDocumentName(document);
      return ref?.kind === 'report' ? (departments.get(ref.departmentId) ?? ref.departmentId) : undefined;
    };

    const chosen = events.filter(
      (event) =>
        (query.user === undefined || event.userId === query.user) &&
        (query.document === undefined || event.document === query.document),
    );
    // Replay each document once, up to the newest update asked for.
    const newest = new Map<string, number>();
    for (const event of chosen) {
      const seq = event.action === 'update' ? UPDATE_SEQ.exec(event.detail)?.[1] : undefined;
      if (event.document && seq)
        newest.set(event.document, Math.max(newest.get(event.document) ?? 0, Number(seq)));
    }
    const changesOf = new Map<string, Map<number, FieldChange[]>>();
    for (const [document, seq] of newest) changesOf.set(document, await this.changes.upTo(document, seq));

    const names = new Names(this.store);
    const needle = query.field?.toLocaleLowerCase('sv');
    const rows: AuditRow[] = [];
    try {
      for (const event of chosen) {
        const base = {
          at: event.at.toISOString(),
          userId: event.userId,
          // The server's own updates (the demo seed, carried-over plans) are by "System".
          userName: systemOr(event),
          action: event.action,
          document: event.document,
          ...(departmentOf(event.document) ? { departmentName: departmentOf(event.document) } : {}),
        };
        const seq = event.action === 'update' ? UPDATE_SEQ.exec(event.detail)?.[1] : undefined;
        if (!seq || !event.document) {
          if (needle === undefined) rows.push({ ...base, field: null, subject: null, detail: event.detail });
          continue;
        }
        const document = event.document;
        const changes = changesOf.get(document)?.get(Number(seq)) ?? [{ field: null }];
        for (const change of changes) {
          const subject = change.field ? await names.subject(document, change.field) : null;
          const row: AuditRow = { ...base, ...change, subject, detail: '' };
          if (needle !== undefined) {
            const name = auditFieldName(row, AUDIT_WORDS_SV).toLocaleLowerCase('sv');
            const path = (change.field ?? '').toLocaleLowerCase('sv');
            if (!name.includes(needle) && !path.includes(needle)) continue;
          }
          rows.push(row);
        }
      }
    } finally {
      names.destroy();
    }
    rows.reverse();
    return {
      rows,
      users: [...users]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      documents: [...documents]
        .map((name) => {
          const departmentName = departmentOf(name);
          return {
            name,
            label: auditDocumentName(name, departmentName, AUDIT_WORDS_SV),
            ...(departmentName ? { departmentName } : {}),
          };
        })
        .sort((a, b) => a.label.localeCompare(b.label, 'sv')),
    };
  }

  /** One page of {@link rows}. */
  async page(query: AuditQuery): Promise<AuditPage> {
    const all = await this.rows(query);
    return {
      ...all,
      rows: all.rows.slice(query.offset, query.offset + query.limit),
      total: all.rows.length,
      offset: query.offset,
      limit: query.limit,
    };
  }
}

/** Swedish column headings of the CSV export. */
export const AUDIT_CSV_COLUMNS = [
  'Tid',
  'Användare',
  'Händelse',
  'Dokument',
  'Fält',
  'Från',
  'Till',
  'Kommentar',
];

/** The rows of the CSV export in Swedish words (times in Swedish time). */
export function auditCsvRows(rows: readonly AuditRow[]): string[][] {
  return rows.map((row) => {
    const values = auditValues(row, AUDIT_WORDS_SV);
    return [
      swedishDateTime(new Date(row.at)),
      row.userName,
      auditActionName(row.action, AUDIT_WORDS_SV),
      auditDocumentName(row.document, row.departmentName, AUDIT_WORDS_SV),
      auditFieldName(row, AUDIT_WORDS_SV),
      values.old,
      values.new,
      auditDetailText(row.action, row.detail, AUDIT_WORDS_SV),
    ];
  });
}
