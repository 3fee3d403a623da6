/**
 * Where a department's monthly report stands, for the overview: not loaded yet, not started (the
 * document is empty), or its life-cycle status. Each state has a symbol so it is never told by
 * colour alone.
 */
import type { ReportStatus } from '@foljsam/domain';
import type { LiveReport } from '../../sync/createReports';

export type ReportState = 'loading' | 'ej-paborjad' | ReportStatus;

/** The states in the order of the life cycle, as the summary lists them. */
export const REPORT_STATES: readonly Exclude<ReportState, 'loading'>[] = [
  'ej-paborjad',
  'utkast',
  'inskickad',
  'godkand',
  'aterremitterad',
];

export const REPORT_STATE_SYMBOLS: Record<ReportState, string> = {
  loading: '…',
  'ej-paborjad': '○',
  utkast: '✎',
  inskickad: '➤',
  godkand: '✔',
  aterremitterad: '↩',
};

export function reportState(live: LiveReport): ReportState {
  if (!live.loaded()) return 'loading';
  if (live.isEmpty()) return 'ej-paborjad';
  return live.report().status;
}
