/**
 * Swedish labels and symbols of the board's report, for the server-rendered PDF and XLSX (the
 * client takes its own labels from its message catalogues). Every status has a symbol as well
 * as a word, so it is never told by colour alone.
 */
import type { DueState } from '../derive';
import type { GoalStatus, IndicatorUnit, ProgressStatus, ReportStatus } from '../model';

/** A status as shown to a reader: a word and a symbol. */
export interface StatusLabel {
  text: string;
  symbol: string;
}

export const GOAL_STATUS_LABELS: Record<GoalStatus, StatusLabel> = {
  gron: { text: 'Grön', symbol: '●' },
  gul: { text: 'Gul', symbol: '▲' },
  rod: { text: 'Röd', symbol: '■' },
};

/** A goal or indicator without an approved status this month. */
export const NO_STATUS_LABEL: StatusLabel = { text: 'Ingen bedömning', symbol: '○' };

export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, StatusLabel> = {
  'ej-paborjad': { text: 'Ej påbörjad', symbol: '○' },
  pagar: { text: 'Pågår', symbol: '◐' },
  klar: { text: 'Klar', symbol: '✔' },
};

/** A report's state, including "not started" for a department with no report document. */
export const REPORT_STATE_LABELS: Record<ReportStatus | 'ej-paborjad', StatusLabel> = {
  'ej-paborjad': { text: 'Ej påbörjad', symbol: '○' },
  utkast: { text: 'Utkast', symbol: '✎' },
  inskickad: { text: 'Inskickad', symbol: '➤' },
  godkand: { text: 'Godkänd', symbol: '✔' },
  aterremitterad: { text: 'Återremitterad', symbol: '↩' },
};

export const DUE_STATE_LABELS: Record<DueState, StatusLabel> = {
  done: { text: 'Klar', symbol: '✔' },
  overdue: { text: 'Försenad', symbol: '!' },
  'due-soon': { text: 'Förfaller snart', symbol: '◷' },
  'on-track': { text: 'Enligt plan', symbol: '·' },
};

/**
 * An indicator's unit in words (enhet), never its code: "procent", "antal", "tkr", "mkr", and
 * the short form used after a value ("78 %").
 */
export const UNIT_LABELS: Record<IndicatorUnit, { word: string; suffix: string }> = {
  percent: { word: 'procent', suffix: ' %' },
  count: { word: 'antal', suffix: '' },
  tkr: { word: 'tkr', suffix: ' tkr' },
  mkr: { word: 'mkr', suffix: ' mkr' },
};

/** "Försenat per 2015-03-31": overdue, judged at the end of the period viewed. */
export const overdueAsOfLabel = (asOf: string): StatusLabel => ({
  text: `Försenat per ${asOf}`,
  symbol: '!',
});
