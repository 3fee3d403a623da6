/**
 * Every word of the board report's exports (the PDF's print page, the XLSX and the PDF's
 * footer), in Swedish (the default) and English, chosen with `?lang=sv|en`. The workspace's own
 * data (goal, department and indicator names, analyses) stays as written. Statuses keep the
 * domain's symbols (labels.ts) beside a word from here, so they are never told by colour alone.
 * The client has its own catalogues; this one is only for what the server renders.
 */
import type { BoardReportState, DueState, GoalStatus, ProgressStatus, StatusLabel } from '@foljsam/domain';
import { z } from 'zod';

export const boardLang = z.enum(['sv', 'en']);
export type BoardLang = z.infer<typeof boardLang>;

const sv = {
  /** BCP 47 tag for Intl and for the page's `lang`. */
  intlLocale: 'sv-SE',
  htmlLang: 'sv',
  title: (board: string, month: string) => `Månadsrapport till ${board.toLowerCase()} – ${month}`,
  lead: (municipality: string, planTitle: string, asOf: string) =>
    `${municipality} · ${planTitle}. Sammanställd ur de godkända avdelningsrapporterna. Uppdragens läge bedömt per ${asOf}.`,
  footer: (municipality: string, month: string) => `${municipality} · Månadsrapport ${month}`,
  page: (current: string, total: string) => `Sida ${current} av ${total}`,
  workbookTitle: (month: string) => `Månadsrapport ${month}`,
  yes: 'Ja',
  no: 'Nej',
  none: '–',
  goalStatus: { gron: 'Grön', gul: 'Gul', rod: 'Röd', none: 'Ingen bedömning' } satisfies Record<
    GoalStatus | 'none',
    string
  >,
  progressStatus: { 'ej-paborjad': 'Ej påbörjad', pagar: 'Pågår', klar: 'Klar' } satisfies Record<
    ProgressStatus,
    string
  >,
  reportState: {
    'ej-paborjad': 'Ej påbörjad',
    utkast: 'Utkast',
    inskickad: 'Inskickad',
    godkand: 'Godkänd',
    aterremitterad: 'Återremitterad',
  } satisfies Record<BoardReportState, string>,
  dueState: {
    done: 'Klar',
    overdue: 'Försenad',
    'due-soon': 'Förfaller snart',
    'on-track': 'Enligt plan',
  } satisfies Record<DueState, string>,
  departments: { heading: 'Avdelningarnas rapporter', department: 'Avdelning', status: 'Status' },
  perspective: (name: string) => `Perspektiv: ${name}`,
  focusArea: (number: string, name: string) => `Fokusområde ${number} ${name}`,
  noAnalysis: 'Ingen godkänd analys denna månad.',
  indicator: {
    name: 'Mått',
    outcome: 'Utfall',
    target: (year: number) => `Mål ${year}`,
    assessment: 'Bedömning',
    status: 'Status',
    meets: '✔ Når årets mål',
    misses: '✖ Når inte årets mål',
    path: 'Målbana',
    chart: (name: string) => `Diagram: ${name}`,
    chartOutcomes: 'Utfall (godkända månader)',
    chartTarget: 'Årets mål',
  },
  assignments: {
    heading: 'Uppdrag från fullmäktige',
    title: 'Uppdrag',
    department: 'Ansvarig avdelning',
    endDate: 'Slutdatum',
    status: 'Status',
    due: 'Tidsläge',
  },
  budget: {
    heading: 'Budget och prognos per avdelning (tkr)',
    department: 'Avdelning',
    budget: 'Budget',
    outcome: 'Utfall hittills',
    forecast: 'Helårsprognos',
    deviation: 'Avvikelse',
    report: 'Rapport',
    approved: '✔ Godkänd',
    missing: '○ Saknas',
    total: 'Summa',
    note: 'Utfall, prognos och avvikelse summeras över de godkända rapporterna; avvikelse = budget − prognos (negativ är underskott).',
  },
  missing: {
    heading: 'Saknas',
    none: 'Alla avdelningars rapporter för månaden är godkända.',
    intro: 'Rapporterna från dessa avdelningar är ännu inte godkända och ingår inte i sammanställningen:',
  },
  /** The XLSX: sheet names (in order; tests and users rely on them) and column headers. */
  sheets: {
    summary: 'Sammanfattning',
    indicators: 'Indikatorer',
    assignments: 'Uppdrag',
    budget: 'Budget',
    missing: 'Saknas',
  },
  columns: {
    perspective: 'Perspektiv',
    goal: 'Mål',
    goalTitle: 'Målsättning',
    status: 'Status',
    analyses: 'Analyser (godkända rapporter)',
    indicator: 'Mått',
    id: 'Id',
    unit: 'Enhet',
    target: (year: number) => `Mål ${year}`,
    outcome: (month: string) => `Utfall ${month}`,
    meets: 'Når målet',
    assignment: 'Uppdrag',
    department: 'Ansvarig avdelning',
    startDate: 'Startdatum',
    endDate: 'Slutdatum',
    due: 'Tidsläge',
    overdue: 'Försenat',
    budgetDepartment: 'Avdelning',
    budget: 'Budget (tkr)',
    outcomeToDate: 'Utfall hittills (tkr)',
    forecast: 'Helårsprognos (tkr)',
    deviation: 'Avvikelse (tkr)',
    approved: 'Godkänd',
    reportState: 'Rapportens status',
  },
  /** Excel's number format for tkr columns. */
  tkrFormat: '# ##0',
};

export type BoardMessages = typeof sv;

const en: BoardMessages = {
  intlLocale: 'en-GB',
  htmlLang: 'en',
  title: (_board: string, month: string) => `Monthly report to the executive board – ${month}`,
  lead: (municipality: string, planTitle: string, asOf: string) =>
    `${municipality} · ${planTitle}. Compiled from the approved department reports. Assignments judged as of ${asOf}.`,
  footer: (municipality: string, month: string) => `${municipality} · Monthly report ${month}`,
  page: (current: string, total: string) => `Page ${current} of ${total}`,
  workbookTitle: (month: string) => `Monthly report ${month}`,
  yes: 'Yes',
  no: 'No',
  none: '–',
  goalStatus: { gron: 'Green', gul: 'Yellow', rod: 'Red', none: 'Not assessed' },
  progressStatus: { 'ej-paborjad': 'Not started', pagar: 'In progress', klar: 'Done' },
  reportState: {
    'ej-paborjad': 'Not started',
    utkast: 'Draft',
    inskickad: 'Submitted',
    godkand: 'Approved',
    aterremitterad: 'Returned',
  },
  dueState: { done: 'Done', overdue: 'Overdue', 'due-soon': 'Due soon', 'on-track': 'On track' },
  departments: { heading: "The departments' reports", department: 'Department', status: 'Status' },
  perspective: (name: string) => `Perspective: ${name}`,
  focusArea: (number: string, name: string) => `Focus area ${number} ${name}`,
  noAnalysis: 'No approved analysis this month.',
  indicator: {
    name: 'Indicator',
    outcome: 'Outcome',
    target: (year: number) => `Target ${year}`,
    assessment: 'Assessment',
    status: 'Status',
    meets: "✔ Meets the year's target",
    misses: "✖ Below the year's target",
    path: 'Target path',
    chart: (name: string) => `Chart: ${name}`,
    chartOutcomes: 'Outcome (approved months)',
    chartTarget: "The year's target",
  },
  assignments: {
    heading: 'Assignments from the council',
    title: 'Assignment',
    department: 'Responsible department',
    endDate: 'End date',
    status: 'Status',
    due: 'Schedule',
  },
  budget: {
    heading: 'Budget and forecast per department (tkr)',
    department: 'Department',
    budget: 'Budget',
    outcome: 'Outcome to date',
    forecast: 'Full-year forecast',
    deviation: 'Deviation',
    report: 'Report',
    approved: '✔ Approved',
    missing: '○ Missing',
    total: 'Total',
    note: 'Outcome, forecast and deviation are summed over the approved reports; deviation = budget − forecast (negative is a deficit).',
  },
  missing: {
    heading: 'Missing',
    none: "Every department's report for the month is approved.",
    intro: 'The reports of these departments are not approved yet and are not part of the compilation:',
  },
  sheets: {
    summary: 'Summary',
    indicators: 'Indicators',
    assignments: 'Assignments',
    budget: 'Budget',
    missing: 'Missing',
  },
  columns: {
    perspective: 'Perspective',
    goal: 'Goal',
    goalTitle: 'Objective',
    status: 'Status',
    analyses: 'Analyses (approved reports)',
    indicator: 'Indicator',
    id: 'Id',
    unit: 'Unit',
    target: (year: number) => `Target ${year}`,
    outcome: (month: string) => `Outcome ${month}`,
    meets: 'Meets the target',
    assignment: 'Assignment',
    department: 'Responsible department',
    startDate: 'Start date',
    endDate: 'End date',
    due: 'Schedule',
    overdue: 'Overdue',
    budgetDepartment: 'Department',
    budget: 'Budget (tkr)',
    outcomeToDate: 'Outcome to date (tkr)',
    forecast: 'Full-year forecast (tkr)',
    deviation: 'Deviation (tkr)',
    approved: 'Approved',
    reportState: "The report's status",
  },
  tkrFormat: '#,##0',
};

export const BOARD_MESSAGES: Record<BoardLang, BoardMessages> = { sv, en };

/** A status in `lang`: the domain's symbol with this catalogue's word. */
export const statusLabel = (label: StatusLabel, word: string): StatusLabel => ({
  symbol: label.symbol,
  text: word,
});
