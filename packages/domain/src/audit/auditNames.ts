/**
 * The audit log (revisionslogg) in words: what the server's `GET /api/audit` returns per row,
 * and how a row's action, document, field and values are named for a reader. The server's CSV
 * uses the Swedish words here ({@link AUDIT_WORDS_SV}); the client takes its words from its
 * message catalogues (the Swedish one reuses these), so the screen and the file say the same.
 */
import { parseDocumentName } from '../documents/names';
import { parseReportPeriod, swedishMonthName } from '../reporting/periods';

/** What a row's field belongs to: a plan entity or an assignment, by number or title. */
export type AuditSubjectKind =
  | 'goal'
  | 'indicator'
  | 'initiative'
  | 'assignment'
  | 'perspective'
  | 'focusArea'
  | 'departments';

/** The entity a field belongs to, as the document (or the plan of its year) names it. */
export interface AuditSubject {
  kind: AuditSubjectKind;
  /** Its section number (goals, initiatives, focus areas), if it has one. */
  number?: string;
  /** Its title or name. */
  title?: string;
}

/**
 * How a document update changed a field: a value `set` (old → new), a rich `text` edited
 * (summarised, not diffed), an entity `created` or `deleted`, or `many` fields at once (a
 * seed or an import; `fieldCount` says how many).
 */
export type AuditChangeKind = 'set' | 'text' | 'created' | 'deleted' | 'many';

/** One row of the audit log as the server returns it (newest first in a page). */
export interface AuditRow {
  /** ISO instant. */
  at: string;
  /** Null for a failed sign-in with an unknown username. */
  userId: string | null;
  userName: string;
  /** `update` for a document change, otherwise the logged event (`submit`, `sign-in`, …). */
  action: string;
  /** The document name (`report:2015-06:hr`), `user:<username>`, `department:<id>`, or null. */
  document: string | null;
  /** The department's name, for a report or a department row. */
  departmentName?: string;
  /** The field path (`indicatorOutcomes/<id>`, `assignments/<id>/status`, `analysis:goal:<id>`). */
  field: string | null;
  subject: AuditSubject | null;
  change?: AuditChangeKind;
  oldValue?: unknown;
  newValue?: unknown;
  fieldCount?: number;
  /** Free text of a logged event (e.g. the reason of a return). */
  detail: string;
}

/** The words a reader's language gives the audit log. */
export interface AuditWords {
  actions: Record<string, string>;
  subjects: Record<AuditSubjectKind, string>;
  documents: {
    plan: (year: number) => string;
    assignments: (year: number) => string;
    report: (period: string, department: string) => string;
    boardSummary: (period: string) => string;
    user: (username: string) => string;
    department: (name: string) => string;
  };
  periods: {
    month: (month: string) => string;
    tertial1: (year: number) => string;
    tertial2: (year: number) => string;
    year: (year: number) => string;
  };
  reportFields: {
    outcome: string;
    status: string;
    analysis: string;
    actions: string;
    /** The kommunchef's summary of the board report. */
    summary: string;
    budget: Record<string, string>;
  };
  assignmentFields: Record<string, string>;
  planMeta: Record<string, string>;
  planFields: Record<string, string>;
  /** The words of a logged event's detail (user and department administration). */
  details: {
    keys: Record<string, string>;
    roles: Record<string, string>;
    sessions: (count: number) => string;
    disabledUser: string;
  };
  values: {
    none: string;
    yes: string;
    no: string;
    statuses: Record<string, string>;
    textChanged: string;
    created: string;
    deleted: string;
    many: (count: number) => string;
    number: (value: number) => string;
  };
}

const swedishNumber = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** The Swedish words of the audit log: the server's CSV and the client's Swedish catalogue. */
export const AUDIT_WORDS_SV: AuditWords = {
  actions: {
    update: 'Ändrade',
    submit: 'Skickade in rapporten',
    approve: 'Godkände rapporten',
    return: 'Återremitterade rapporten',
    reopen: 'Öppnade rapporten igen',
    'sign-in': 'Loggade in',
    'sign-in-failed': 'Misslyckad inloggning',
    'user-created': 'Skapade användaren',
    'user-changed': 'Ändrade användaren',
    'password-reset': 'Bytte lösenord åt användaren',
    'sessions-revoked': 'Loggade ut användaren överallt',
    'department-created': 'Skapade avdelningen',
    'department-changed': 'Ändrade avdelningen',
    'plan-created': 'Skapade planen',
    'plan-adopted': 'Antog planen',
    'assignments-carried-over': 'Förde över uppdrag från förra året',
    'sso-group-changed': 'Ändrade gruppkopplingen för enkel inloggning',
  },
  subjects: {
    goal: 'Mål',
    indicator: 'Indikator',
    initiative: 'Aktivitet',
    assignment: 'Uppdrag',
    perspective: 'Perspektiv',
    focusArea: 'Fokusområde',
    departments: 'Avdelning',
  },
  documents: {
    plan: (year) => `Plan ${year}`,
    assignments: (year) => `Uppdrag ${year}`,
    report: (period, department) => `Rapport ${period} – ${department}`,
    boardSummary: (period) => `Styrelserapportens sammanfattning ${period}`,
    user: (username) => `Användare ${username}`,
    department: (name) => `Avdelning ${name}`,
  },
  periods: {
    month: swedishMonthName,
    tertial1: (year) => `tertial 1 ${year}`,
    tertial2: (year) => `delår ${year}`,
    year: (year) => `verksamhetsberättelse ${year}`,
  },
  reportFields: {
    outcome: 'Utfall',
    status: 'Status',
    analysis: 'Analys',
    actions: 'Åtgärder',
    summary: 'Sammanfattning',
    budget: { outcomeToDateTkr: 'Utfall hittills (tkr)', forecastTkr: 'Prognos (tkr)' },
  },
  assignmentFields: {
    title: 'Rubrik',
    description: 'Beskrivning',
    decisionRef: 'Beslut',
    startDate: 'Startdatum',
    endDate: 'Slutdatum',
    departmentId: 'Ansvarig avdelning',
    responsiblePerson: 'Ansvarig person',
    status: 'Status',
    progressNote: 'Lägesbeskrivning',
    carriedFrom: 'Överfört från',
    _position: 'Ordning',
  },
  planMeta: {
    title: 'Planens rubrik',
    board: 'Nämnd',
    vision: 'Vision',
    mission: 'Verksamhetsidé',
    values: 'Värdegrund',
  },
  planFields: {
    number: 'Nummer',
    title: 'Rubrik',
    name: 'Namn',
    description: 'Beskrivning',
    ownerDepartmentIds: 'Ansvariga avdelningar',
    ownerDepartmentId: 'Ansvarig avdelning',
    unit: 'Enhet',
    direction: 'Riktning',
    baseline: 'Utgångsvärde',
    targets: 'Målvärden',
    aspects: 'Aspekter',
    archived: 'Arkiverad',
    goalId: 'Mål',
    focusAreaId: 'Fokusområde',
    perspectiveId: 'Perspektiv',
    frequency: 'Rapporteringsfrekvens',
    budget: 'Budget',
    _position: 'Ordning',
  },
  details: {
    keys: {
      role: 'Roll',
      departmentId: 'Avdelning',
      disabled: 'Avstängd',
      displayName: 'Namn',
      name: 'Namn',
      number: 'Nummer',
      archived: 'Arkiverad',
    },
    roles: {
      admin: 'Administratör',
      kommunchef: 'Kommunchef',
      avdelningschef: 'Avdelningschef',
      lasare: 'Läsare',
    },
    sessions: (count) => (count === 1 ? '1 session' : `${count} sessioner`),
    disabledUser: 'avstängd användare',
  },
  values: {
    none: '–',
    yes: 'Ja',
    no: 'Nej',
    statuses: {
      'ej-paborjad': 'Ej påbörjad',
      pagar: 'Pågår',
      klar: 'Klar',
      gron: 'Grön',
      gul: 'Gul',
      rod: 'Röd',
    },
    textChanged: 'Texten ändrad',
    created: 'Skapad',
    deleted: 'Borttagen',
    many: (count) => `${swedishNumber.format(count)} fält på en gång`,
    // A hyphen-minus, not Intl's U+2212, so a spreadsheet still reads a negative number.
    number: (value) => swedishNumber.format(value).replace('\u2212', '-'),
  },
};

/** Longest value text shown in a row; the rest is cut with an ellipsis. */
const MAX_VALUE_TEXT = 200;

const cut = (text: string, max = MAX_VALUE_TEXT) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An action in words ("Skickade in rapporten"); an unknown action code as it is. */
export function auditActionName(action: string, words: AuditWords): string {
  return words.actions[action] ?? action;
}

/** A reporting period in words: "juni 2015", "delår 2015". */
export function auditPeriodName(periodId: string, words: AuditWords): string {
  const period = parseReportPeriod(periodId);
  if (!period) return periodId;
  if (period.kind === 'month') return words.periods.month(period.id);
  if (period.kind === 'year') return words.periods.year(period.year);
  return period.id.endsWith('T1') ? words.periods.tertial1(period.year) : words.periods.tertial2(period.year);
}

/**
 * The document of a row in words ("Rapport juni 2015 – Personalavdelningen", "Uppdrag 2015");
 * `departmentName` names a report's or a department row's department (its id otherwise).
 */
export function auditDocumentName(
  document: string | null,
  departmentName: string | undefined,
  words: AuditWords,
): string {
  if (document === null) return '';
  if (document.startsWith('user:')) return words.documents.user(document.slice(5));
  if (document.startsWith('department:'))
    return words.documents.department(departmentName ?? document.slice(11));
  const ref = parseDocumentName(document);
  if (!ref) return document;
  switch (ref.kind) {
    case 'plan':
      return words.documents.plan(ref.year);
    case 'assignments':
      return words.documents.assignments(ref.year);
    case 'report':
      return words.documents.report(auditPeriodName(ref.period, words), departmentName ?? ref.departmentId);
    case 'boardSummary':
      return words.documents.boardSummary(auditPeriodName(ref.period, words));
  }
}

/** An entity in words: "Mål 6.1.4.1", "Andel heltidsanställda" (an indicator by its name). */
export function auditSubjectName(subject: AuditSubject, words: AuditWords): string {
  if (subject.kind === 'indicator' && subject.title) return cut(subject.title, 80);
  const kind = words.subjects[subject.kind];
  if (subject.number) return `${kind} ${subject.number}`;
  return subject.title ? `${kind} ${cut(subject.title, 60)}` : kind;
}

/**
 * A field in words: "Utfall – Andel heltidsanställda", "Status – Uppdrag …", "Prognos (tkr)",
 * "Analys – Mål 6.1.4.1"; the path itself for a field these words do not know.
 */
export function auditFieldName(
  row: Pick<AuditRow, 'document' | 'field' | 'subject'>,
  words: AuditWords,
): string {
  const { field, subject } = row;
  if (field === null) return '';
  const about = subject ? auditSubjectName(subject, words) : '';
  const withSubject = (name: string) => (about ? `${name} – ${about}` : name);
  const ref = row.document ? parseDocumentName(row.document) : null;
  const parts = field.split('/');
  if (ref?.kind === 'report') {
    const text = /^(analysis|actions):/.exec(field);
    if (text)
      return withSubject(text[1] === 'analysis' ? words.reportFields.analysis : words.reportFields.actions);
    if (parts[0] === 'indicatorOutcomes') return withSubject(words.reportFields.outcome);
    if (parts[0] === 'itemStatuses') return withSubject(words.reportFields.status);
    if (parts[0] === 'budget') return words.reportFields.budget[parts[1] ?? ''] ?? field;
    return field;
  }
  if (ref?.kind === 'assignments') {
    if (parts.length === 2) return about || field;
    return withSubject(words.assignmentFields[parts[2] ?? ''] ?? parts[2] ?? field);
  }
  if (ref?.kind === 'boardSummary') return words.reportFields.summary;
  if (ref?.kind === 'plan') {
    if (parts[0] === 'meta') return words.planMeta[parts[1] ?? ''] ?? field;
    if (parts.length === 2) return about || field;
    return withSubject(words.planFields[parts[2] ?? ''] ?? parts[2] ?? field);
  }
  return field;
}

/** A field's value in words: a status by its name, a number the reader's way, "–" for none. */
export function auditValueText(value: unknown, words: AuditWords): string {
  if (value === null || value === undefined || value === '') return words.values.none;
  if (typeof value === 'number') return words.values.number(value);
  if (typeof value === 'boolean') return value ? words.values.yes : words.values.no;
  if (typeof value === 'string') return cut(words.values.statuses[value] ?? value);
  return cut(JSON.stringify(value));
}

/** The old and new value of a row in words (empty for a row that is no field change). */
export function auditValues(row: AuditRow, words: AuditWords): { old: string; new: string } {
  switch (row.change) {
    case 'set':
      return { old: auditValueText(row.oldValue, words), new: auditValueText(row.newValue, words) };
    case 'text':
      return { old: '', new: words.values.textChanged };
    case 'created':
      return { old: '', new: words.values.created };
    case 'deleted':
      return { old: '', new: words.values.deleted };
    case 'many':
      return { old: '', new: words.values.many(row.fieldCount ?? 0) };
    default:
      return { old: '', new: '' };
  }
}

/** A logged value of a detail ("true", "\"lasare\"", "null") in words. */
function detailValue(text: string, words: AuditWords): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof value === 'string' && words.details.roles[value]) return words.details.roles[value] as string;
  return auditValueText(value, words);
}

const CHANGE = /^(\w+): (.+?) → (.+)$/;

/**
 * The detail of a logged event in words: "Roll: Avdelningschef → Läsare; Avstängd: Nej → Ja"
 * for a change of a user or a department, the role of a created user, the count of ended
 * sessions; any other detail (a return's comment) as it was written.
 */
export function auditDetailText(action: string, detail: string, words: AuditWords): string {
  if (detail === '') return '';
  if (action === 'user-changed' || action === 'department-changed') {
    const parts = detail.split('; ').map((part) => CHANGE.exec(part));
    if (parts.every((part) => part !== null)) {
      return parts
        .map((part) => {
          const [, key, from, to] = part as RegExpExecArray;
          return `${words.details.keys[key as string] ?? key}: ${detailValue(from as string, words)} → ${detailValue(to as string, words)}`;
        })
        .join('; ');
    }
    return detail;
  }
  if (action === 'user-created') {
    const [role, department] = detail.split(' ');
    const roleName = words.details.roles[role ?? ''];
    if (roleName) return department ? `${roleName}, ${department}` : roleName;
    return detail;
  }
  if (action === 'sessions-revoked') {
    const count = /^(\d+) sessions$/.exec(detail);
    return count ? words.details.sessions(Number(count[1])) : detail;
  }
  if (action === 'sign-in-failed' && detail === 'disabled user') return words.details.disabledUser;
  return detail;
}
