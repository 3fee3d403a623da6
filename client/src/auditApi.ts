/**
 * `GET /api/audit`: the audit log (revisionslogg) a page at a time, and the same rows as a CSV
 * file, with the same filters (server/src/routes/audit.ts).
 */
import type { AuditRow } from '@foljsam/domain';
import { api } from './api';
import { type ApiResult, settle } from './rolesApi';

/** The filters of the audit screen: a period of Swedish days and optional who, document and field. */
export interface AuditFilters {
  from: string;
  to: string;
  user?: string;
  document?: string;
  field?: string;
}

/** One page of the log, newest first, with the users and documents of the period to filter by. */
export interface AuditPage {
  rows: AuditRow[];
  total: number;
  offset: number;
  limit: number;
  users: { id: string; name: string }[];
  documents: { name: string; label: string; departmentName?: string }[];
}

/** Only the filters that are set, as query parameters. */
function queryOf(filters: AuditFilters): AuditFilters {
  const query: AuditFilters = { from: filters.from, to: filters.to };
  if (filters.user) query.user = filters.user;
  if (filters.document) query.document = filters.document;
  if (filters.field?.trim()) query.field = filters.field.trim();
  return query;
}

/** A page of the log: `limit` rows from `offset`. */
export function fetchAuditPage(
  filters: AuditFilters,
  offset: number,
  limit: number,
): Promise<ApiResult<AuditPage>> {
  return settle(
    () => api.audit.$get({ query: { ...queryOf(filters), offset: String(offset), limit: String(limit) } }),
    async (response) => (await response.json()) as unknown as AuditPage,
  );
}

/** Every row matching the filters as a CSV file (Swedish Excel's dialect). */
export function fetchAuditCsv(filters: AuditFilters): Promise<ApiResult<Blob>> {
  return settle(
    () => api.audit.$get({ query: { ...queryOf(filters), format: 'csv' } }),
    async (response) => {
      // text() drops the byte order mark the server sent; Excel needs it to read å, ä and ö.
      const text = await response.text();
      return new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
    },
  );
}
