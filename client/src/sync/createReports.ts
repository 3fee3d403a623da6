/**
 * Several reports at once, live: one synced document per (period, department), e.g. every
 * department's report of a month for the overview, one department's twelve months for an
 * indicator's chart, or the months a tertial report covers. Each is read as plain data with
 * `readReport`.
 */
import { type DepartmentReport, observeReport, readReport, reportDocumentName } from '@foljsam/domain';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { createSyncedDoc, type SyncedDoc } from './createSyncedDoc';

export interface ReportRef {
  /** The report's period: a month `YYYY-MM`, or `YYYY-T1`, `YYYY-T2`, `YYYY-VB`. */
  month: string;
  departmentId: string;
}

export interface LiveReport extends ReportRef {
  synced: SyncedDoc;
  /** The report as plain data, updated on every change. */
  report: Accessor<DepartmentReport>;
  /** True once the server's copy has arrived: before that an empty report means "not loaded". */
  loaded: Accessor<boolean>;
  /** True if nobody has written anything into the report yet (ej påbörjad). */
  isEmpty: Accessor<boolean>;
}

/** Opens one report document; call inside a component (it closes on cleanup). */
export function createReport(ref: ReportRef): LiveReport {
  const synced = createSyncedDoc(reportDocumentName(ref.month, ref.departmentId));
  const read = () => readReport(synced.doc, ref.month, ref.departmentId);
  const [report, setReport] = createSignal<DepartmentReport>(read());
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

/**
 * The twelve months of a year as `YYYY-MM` (the monthly reports only; `periodsOfYear` of the
 * domain gives the tertial and year-end reports too).
 */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
