/**
 * Several monthly reports at once, live: one synced document per (month, department), e.g.
 * every department's report of a month for the overview, or one department's twelve months
 * for an indicator's chart. Each is read as plain data with `readReport`.
 */
import { type MonthlyReport, observeReport, readReport, reportDocumentName } from '@foljsam/domain';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { createSyncedDoc, type SyncedDoc } from './createSyncedDoc';

export interface ReportRef {
  month: string;
  departmentId: string;
}

export interface LiveReport extends ReportRef {
  synced: SyncedDoc;
  /** The report as plain data, updated on every change. */
  report: Accessor<MonthlyReport>;
  /** True once the server's copy has arrived: before that an empty report means "not loaded". */
  loaded: Accessor<boolean>;
  /** True if nobody has written anything into the report yet (ej påbörjad). */
  isEmpty: Accessor<boolean>;
}

/** Opens one report document; call inside a component (it closes on cleanup). */
export function createReport(ref: ReportRef): LiveReport {
  const synced = createSyncedDoc(reportDocumentName(ref.month, ref.departmentId));
  const read = () => readReport(synced.doc, ref.month, ref.departmentId);
  const [report, setReport] = createSignal<MonthlyReport>(read());
  const [isEmpty, setIsEmpty] = createSignal(synced.doc.store.clients.size === 0);
  onCleanup(
    observeReport(synced.doc, () => {
      setReport(read());
      setIsEmpty(synced.doc.store.clients.size === 0);
    }),
  );
  return { ...ref, synced, report, loaded: synced.loaded, isEmpty };
}

/** Opens several report documents; call inside a component (they close on cleanup). */
export function createReports(refs: readonly ReportRef[]): LiveReport[] {
  return refs.map(createReport);
}

/** The twelve months of a year as `YYYY-MM`. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
