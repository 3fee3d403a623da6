/**
 * Demo content for the monthly reports (månadsrapporter) of January to March 2015, so the demo
 * workspace looks like a board in use: indicator outcomes near their targets, traffic lights,
 * a sentence or two of analysis and actions, the budget outcome and forecast, and the reports
 * at every step of their life cycle.
 *
 * The figures and texts are INVENTED for the demo (the plan of 2015 has no outcomes); only the
 * ids, targets and budgets come from the curated plan. Everything is written through the
 * report helpers, by the department's head at a fixed time, and the content is deterministic:
 * no random numbers, no clock (only the ids of the field edit log are random; they carry no content).
 *
 * The life cycle as designed (see {@link DEMO_REPORT_STATUSES}):
 * - 2015-01: every department's report is approved (godkänd);
 * - 2015-02: a mix of approved, submitted (inskickad) and one returned (återremitterad) report;
 * - 2015-03: one submitted, five drafts (utkast) and four departments not started (no document).
 */
import * as Y from 'yjs';
import type { Author } from '../documents/fieldEdits';
import {
  reportText,
  setIndicatorOutcome,
  setItemStatus,
  setReportBudget,
  setReportStatus,
} from '../documents/report';
import type { GoalStatus, ProgressStatus, ReportItemKey, ReportStatus } from '../model';
import { departments2015 } from './departments';

/** The months that have demo reports. */
export const DEMO_REPORT_MONTHS = ['2015-01', '2015-02', '2015-03'] as const;
export type DemoReportMonth = (typeof DEMO_REPORT_MONTHS)[number];

/** A report's place in its life cycle, or "not started" when the department has no document. */
export type DemoReportState = ReportStatus | 'ej-paborjad';

/** Who did what to each month's reports: the design the demo follows. */
export const DEMO_REPORT_STATUSES: Record<DemoReportMonth, Record<string, DemoReportState>> = {
  '2015-01': Object.fromEntries(departments2015.map((d) => [d.id, 'godkand'])),
  '2015-02': {
    forvaltningsledning: 'godkand',
    'mark-exploatering': 'inskickad',
    'ekonomi-upphandling': 'godkand',
    hr: 'godkand',
    administrativa: 'inskickad',
    it: 'godkand',
    fortroendemannaorganisationen: 'godkand',
    utveckling: 'aterremitterad',
    kommunikation: 'inskickad',
    naringsliv: 'godkand',
  },
  '2015-03': {
    forvaltningsledning: 'inskickad',
    'mark-exploatering': 'ej-paborjad',
    'ekonomi-upphandling': 'utkast',
    hr: 'utkast',
    administrativa: 'ej-paborjad',
    it: 'ej-paborjad',
    fortroendemannaorganisationen: 'ej-paborjad',
    utveckling: 'utkast',
    kommunikation: 'utkast',
    naringsliv: 'utkast',
  },
};

/** The comment of the returned report (Utvecklingsavdelningen, February). */
export const DEMO_RETURN_COMMENT =
  'Prognosen visar ett underskott på 520 tkr för färdtjänsten. Beskriv orsaken och vilka åtgärder som planeras innan rapporten kan godkännas.';

/** When each month's reports moved to their status (the follow-up is written the month after). */
const STATUS_TIMES: Record<DemoReportMonth, Partial<Record<ReportStatus, string>>> = {
  '2015-01': { godkand: '2015-02-12T14:00:00Z' },
  '2015-02': {
    inskickad: '2015-03-09T08:30:00Z',
    godkand: '2015-03-12T14:00:00Z',
    aterremitterad: '2015-03-11T10:15:00Z',
  },
  '2015-03': { inskickad: '2015-04-08T07:45:00Z' },
};

/** Three values, one per demo month (January, February, March); null: nothing that month. */
type PerMonth<T> = readonly [T | null, T | null, T | null];

interface DepartmentContent {
  /** Goal traffic lights. */
  goals?: Record<string, PerMonth<GoalStatus>>;
  /** Indicator outcome and its traffic light. */
  indicators?: Record<string, PerMonth<readonly [number, GoalStatus]>>;
  initiatives?: Record<string, PerMonth<ProgressStatus>>;
  assignments?: Record<string, PerMonth<ProgressStatus>>;
  /** Analysis texts by item key. */
  analysis?: Record<ReportItemKey, PerMonth<string>>;
  /** Action texts by item key. */
  actions?: Record<ReportItemKey, PerMonth<string>>;
  /** Deviation (avvikelse) of the full-year forecast against the budget; positive is a surplus. */
  deviationTkr: PerMonth<number>;
}

const CONTENT: Record<string, DepartmentContent> = {
  forvaltningsledning: {
    goals: { 'goal-6-1-6-1': ['gron', 'gron', 'gron'] },
    indicators: {
      'ind-strategisk-utveckling-anslag': [
        [310, 'gron'],
        [820, 'gron'],
        [1460, 'gron'],
      ],
    },
    initiatives: { 'init-6-1-6-1-1': ['pagar', 'pagar', 'pagar'] },
    analysis: {
      'goal:goal-6-1-6-1': [
        'Strategiska förvaltningsledningen har prioriterat kundcenter och heltidsprojektet. 310 tkr av anslaget på 4 928 tkr är använt.',
        '820 tkr av anslaget är använt. Förbrukningen följer planen.',
        '1 460 tkr av anslaget är använt. Två projekt har startat senare än planerat, vilket ger ett litet överskott.',
      ],
    },
    actions: {
      'goal:goal-6-1-6-1': [
        'Prioriteringarna stäms av med sektorerna i februari.',
        null,
        'Förvaltningsledningen föreslår i april att 150 tkr förs över till medborgardialogen.',
      ],
    },
    deviationTkr: [0, 0, 150],
  },
  'mark-exploatering': {
    goals: { 'goal-6-1-1-1': ['gron', 'gul', null] },
    indicators: {
      'ind-befolkningstillvaxt': [[0.1, 'gron'], [0.3, 'gul'], null],
    },
    initiatives: { 'init-6-1-1-1-1': ['pagar', 'pagar', null] },
    assignments: { 'ka-2015-3': ['ej-paborjad', 'pagar', null] },
    analysis: {
      'goal:goal-6-1-1-1': [
        'Befolkningen ökade med 0,1 % i januari. Detaljplanerna för Nödinge och Alafors väntas antas under våren.',
        'Ökningen hittills i år är 0,3 %, något under takten för 1,5 % på helåret. Inflyttningen till nya bostäder sker främst under hösten.',
        null,
      ],
    },
    actions: {
      'goal:goal-6-1-1-1': [null, 'Markanvisning för 120 bostäder i Nödinge annonseras i mars.', null],
    },
    deviationTkr: [0, -80, null],
  },
  'ekonomi-upphandling': {
    goals: {
      'goal-6-1-6-1': ['gul', 'gul', 'gul'],
      'goal-6-1-2-2': ['gron', 'gron', 'gul'],
    },
    indicators: {
      'ind-elektroniska-fakturor': [
        [38.5, 'gul'],
        [41.2, 'gul'],
        [43.9, 'gul'],
      ],
    },
    analysis: {
      'goal:goal-6-1-6-1': [
        'Andelen elektroniska fakturor var 38,5 % i januari. De största leverantörerna skickar redan e-faktura; resten är många små leverantörer.',
        'Andelen steg till 41,2 %. Utskicket till leverantörerna har gett effekt.',
        'Andelen är 43,9 %. Målet på 50 % nås först när kravet i nya avtal får genomslag, troligen under hösten.',
      ],
      'goal:goal-6-1-2-2': [
        'Upphandlingen av ramavtal för leasing av el- och elhybridbilar pågår.',
        'Ramavtalet för leasing av el- och elhybridbilar är tilldelat och gäller från 1 mars.',
        'Tilldelningen har överprövats av en leverantör; förvaltningsrätten väntas besluta i april.',
      ],
    },
    actions: {
      'goal:goal-6-1-6-1': [
        'Brev till de 50 leverantörer som skickar flest pappersfakturor.',
        'Krav på e-faktura förs in i alla nya avtal från och med mars.',
        'Uppföljning per leverantör varje månad och påminnelse till dem som ännu inte anslutit sig.',
      ],
    },
    deviationTkr: [0, 0, -120],
  },
  hr: {
    goals: { 'goal-6-1-4-1': ['gul', 'gul', 'gul'] },
    indicators: {
      'ind-heltid': [
        [76.1, 'gul'],
        [76.8, 'gul'],
        [77.4, 'gul'],
      ],
    },
    initiatives: { 'init-6-1-4-1-1': ['pagar', 'pagar', 'pagar'] },
    assignments: {
      'ka-2015-2': ['pagar', 'pagar', 'pagar'],
      'ka-2015-6': ['ej-paborjad', 'pagar', 'pagar'],
    },
    analysis: {
      'goal:goal-6-1-4-1': [
        'Andelen heltidsanställda var 76,1 % i januari, 1,9 procentenheter under årets mål på 78 %. Ökningen sker främst inom vård och omsorg, där önskad sysselsättningsgrad nu erbjuds vid nyanställning.',
        'Andelen steg till 76,8 %. 42 medarbetare har gått upp i tjänstgöringsgrad sedan årsskiftet.',
        'Andelen är 77,4 % och målet på 78 % bedöms nås under hösten. Projektet kostar mer än budgeterat eftersom schemaläggningen tar längre tid än planerat.',
      ],
      'indicator:ind-heltid': [
        'Mätt på månadsanställda den sista dagen i månaden.',
        'Mätt på månadsanställda den sista dagen i månaden.',
        'Mätt på månadsanställda den sista dagen i månaden.',
      ],
      'initiative:init-6-1-4-1-1': [
        'Heltidsprojektet har startat i två av sex sektorer; vård och omsorg går först.',
        'Fyra sektorer arbetar nu enligt den nya bemanningsmodellen.',
        null,
      ],
      'assignment:ka-2015-2': [
        'Utredningen av heltid som norm har påbörjats tillsammans med de fackliga organisationerna.',
        'Ett första förslag till riktlinjer har remitterats till sektorerna.',
        null,
      ],
    },
    actions: {
      'indicator:ind-heltid': ['Andelen följs upp per sektor varje månad från och med februari.', null, null],
      'assignment:ka-2015-2': ['Riktlinjerna remitteras till sektorerna i februari.', null, null],
      'goal:goal-6-1-4-1': [
        'Kartläggning av önskad sysselsättningsgrad i alla sektorer under februari.',
        'En resurspool för vikarier startar i april och ersätter en del av timanställningarna.',
        'Enhetscheferna får mer stöd i schemaläggningen; kostnaden följs upp i nästa rapport.',
      ],
    },
    deviationTkr: [-150, -350, -420],
  },
  administrativa: {
    goals: { 'goal-6-1-5-1': ['gron', 'gul', null] },
    initiatives: { 'init-6-1-5-1': ['pagar', 'pagar', null] },
    analysis: {
      'goal:goal-6-1-5-1': [
        'Ett första dialogmöte om Nödinge centrum hölls med 80 deltagare.',
        'Den digitala dialogplattformen är försenad eftersom upphandlingen måste göras om.',
        null,
      ],
    },
    actions: {
      'goal:goal-6-1-5-1': [
        null,
        'Ny upphandling annonseras i mars; två fysiska dialogmöten hålls under tiden.',
        null,
      ],
    },
    deviationTkr: [100, 250, null],
  },
  it: { deviationTkr: [0, -180, null] },
  fortroendemannaorganisationen: { deviationTkr: [0, 60, null] },
  utveckling: {
    goals: {
      'goal-6-1-2-1': ['gul', 'gul', 'gul'],
      'goal-6-1-2-2': ['gul', 'rod', 'gul'],
      'goal-6-1-7-1': ['rod', 'gul', 'gul'],
    },
    indicators: {
      'ind-energi-klimatplan-i-fas': [
        [55, 'gul'],
        [55, 'gul'],
        [58, 'gul'],
      ],
      'ind-miljobilar': [
        [41, 'gul'],
        [41, 'gul'],
        [44, 'gul'],
      ],
      'ind-el-elhybridbilar': [
        [6.5, 'gul'],
        [6.5, 'rod'],
        [8.1, 'gul'],
      ],
    },
    initiatives: {
      'init-6-1-2-1-1': ['pagar', 'pagar', 'pagar'],
      'init-6-1-2-2-1': ['ej-paborjad', 'ej-paborjad', 'pagar'],
    },
    assignments: {
      'ka-2015-1': ['ej-paborjad', 'pagar', 'pagar'],
      'ka-2015-4': ['pagar', 'pagar', 'pagar'],
      'ka-2015-5': ['ej-paborjad', 'ej-paborjad', 'pagar'],
    },
    analysis: {
      'goal:goal-6-1-2-2': [
        'Andelen miljöbilar är 41 %, varav 6,5 % el- och elhybridbilar.',
        'Inga nya fordon har levererats. Bilpoolen kan inte starta förrän ramavtalet för leasing gäller.',
        'Fyra elbilar levererades i mars; andelen el- och elhybridbilar är nu 8,1 %.',
      ],
      'goal:goal-6-1-7-1': [
        'Arbetet med den gemensamma värdegrunden har inte startat; en projektledare rekryteras.',
        'Projektledaren är anställd från 1 mars.',
        'Ett startseminarium med sektorernas ledningsgrupper hölls den 24 mars. Mål fram till 2018 tas fram under våren.',
      ],
    },
    actions: {
      'goal:goal-6-1-2-2': [
        null,
        'Laddplatser vid kommunhuset projekteras så att bilpoolen kan starta direkt när bilarna levereras.',
        null,
      ],
      'goal:goal-6-1-2-1': [
        null,
        'Färdtjänstens kostnadsökning analyseras tillsammans med Västtrafik.',
        'Nytt avtal för samordnade resor förhandlas; besparingen beräknas till 200 tkr på helår.',
      ],
    },
    deviationTkr: [-200, -520, -610],
  },
  kommunikation: {
    goals: { 'goal-6-1-3-1': ['gul', 'gul', 'gron'] },
    indicators: {
      'ind-kundcenter-forsta-kontakt': [
        [22, 'gul'],
        [24.5, 'gul'],
        [27.3, 'gron'],
      ],
      'ind-kundcenter-typarenden': [
        [48, 'gron'],
        [61, 'gron'],
        [75, 'gron'],
      ],
    },
    initiatives: { 'init-6-1-3-1-1': ['pagar', 'pagar', 'pagar'] },
    analysis: {
      'goal:goal-6-1-3-1': [
        'Kundcenter löste 22 % av ärendena vid första kontakten. Rekryteringen av två kundvägledare pågår.',
        '24,5 % av ärendena löstes direkt. 61 typärenden är beskrivna i kunskapsdatabasen.',
        '27,3 % av ärendena löstes vid första kontakten; ökningen följer planen mot 30 % vid årets slut.',
      ],
    },
    actions: {
      'goal:goal-6-1-3-1': [
        'Två kundvägledare börjar i mars.',
        null,
        'Fas 2 inleds i april med bygglovsfrågor och felanmälan.',
      ],
    },
    deviationTkr: [0, -90, -90],
  },
  naringsliv: {
    goals: { 'goal-6-1-1-1': ['gron', 'gron', 'gron'] },
    indicators: {
      'ind-natverkstraffar': [
        [2, 'gron'],
        [5, 'gron'],
        [7, 'gron'],
      ],
      'ind-starta-eget-mingel': [
        [0, 'gron'],
        [1, 'gron'],
        [1, 'gron'],
      ],
      'ind-foretagsbesok-naringsliv': [
        [3, 'gron'],
        [7, 'gron'],
        [11, 'gron'],
      ],
      'ind-foretagsbesok-kommunledning': [
        [1, 'gul'],
        [3, 'gron'],
        [4, 'gul'],
      ],
      'ind-prao-8-klass': [null, null, [35, 'gul']],
    },
    analysis: {
      'goal:goal-6-1-1-1': [
        'Två nätverksträffar och tre företagsbesök under januari. Starta eget-minglet planeras till februari.',
        'Starta eget-minglet samlade 34 deltagare. Kommunledningen har gjort tre företagsbesök.',
        'Elva företagsbesök hittills i år. Praoplatser är ordnade för 35 % av eleverna i årskurs 8; resten förmedlas under april.',
      ],
    },
    actions: {
      'goal:goal-6-1-1-1': [null, null, 'Kommunledningen bokar fyra företagsbesök i april.'],
    },
    deviationTkr: [0, 0, 40],
  },
};

/** How far the year's spending has come, as a share of a straight line: a slow start in winter. */
const SPENDING_PACE = [0.96, 0.98, 1] as const;

/** One demo report: the document to write and the status it ends in. */
export interface DemoReport {
  month: DemoReportMonth;
  departmentId: string;
  status: ReportStatus;
  write(doc: Y.Doc): void;
}

/** Appends a paragraph of plain text to a report text (the y-prosemirror layout). */
function appendParagraph(fragment: Y.XmlFragment, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.push([paragraph]);
}

/** When the demo content of each month was written (field edit log), before any status change. */
const WRITTEN_AT: Record<DemoReportMonth, string> = {
  '2015-01': '2015-02-05T08:00:00Z',
  '2015-02': '2015-03-05T08:00:00Z',
  '2015-03': '2015-04-03T08:00:00Z',
};

function writeContent(
  doc: Y.Doc,
  departmentId: string,
  monthIndex: number,
  budgetTkr: number,
  by: Author,
  writtenAt: Date,
): void {
  const content = CONTENT[departmentId];
  if (!content) return;
  const at = <T>(values: PerMonth<T>): T | null => values[monthIndex] ?? null;
  for (const [id, values] of Object.entries(content.goals ?? {})) {
    const status = at(values);
    if (status) setItemStatus(doc, `goal:${id}`, status, by, writtenAt);
  }
  for (const [id, values] of Object.entries(content.indicators ?? {})) {
    const entry = at(values);
    if (!entry) continue;
    setIndicatorOutcome(doc, id, entry[0], by, writtenAt);
    setItemStatus(doc, `indicator:${id}`, entry[1], by, writtenAt);
  }
  for (const [id, values] of Object.entries(content.initiatives ?? {})) {
    const status = at(values);
    if (status) setItemStatus(doc, `initiative:${id}`, status, by, writtenAt);
  }
  for (const [id, values] of Object.entries(content.assignments ?? {})) {
    const status = at(values);
    if (status) setItemStatus(doc, `assignment:${id}`, status, by, writtenAt);
  }
  for (const [kind, texts] of [
    ['analysis', content.analysis],
    ['actions', content.actions],
  ] as const) {
    for (const [key, values] of Object.entries(texts ?? {})) {
      const text = at(values);
      if (text) appendParagraph(reportText(doc, kind, key), text);
    }
  }
  const deviation = at(content.deviationTkr) ?? 0;
  const forecastTkr = budgetTkr - deviation;
  const monthsGone = monthIndex + 1;
  setReportBudget(
    doc,
    {
      outcomeToDateTkr: Math.round(((forecastTkr * monthsGone) / 12) * (SPENDING_PACE[monthIndex] ?? 1)),
      forecastTkr,
    },
    by,
    writtenAt,
  );
}

/**
 * The demo reports of 2015-01 … 2015-03, one per department that has started the month.
 * Departments not started in a month have no entry (and so no document).
 */
export function demoReportsFor2015(): DemoReport[] {
  const reports: DemoReport[] = [];
  DEMO_REPORT_MONTHS.forEach((month, monthIndex) => {
    for (const department of departments2015) {
      const state = DEMO_REPORT_STATUSES[month][department.id];
      if (!state || state === 'ej-paborjad') continue;
      const status: ReportStatus = state;
      reports.push({
        month,
        departmentId: department.id,
        status,
        write(doc) {
          const head: Author = {
            username: `chef-${department.id}`,
            displayName: `Avdelningschef ${department.name}`,
          };
          const writtenAt = new Date(WRITTEN_AT[month]);
          doc.transact(() =>
            writeContent(doc, department.id, monthIndex, department.budgetTkr ?? 0, head, writtenAt),
          );
          // A draft has never changed status: its meta stays empty (absent means utkast).
          if (status === 'utkast') return;
          const by = status === 'inskickad' ? `chef-${department.id}` : 'kommunchef';
          const time = STATUS_TIMES[month][status];
          if (!time) throw new Error(`no status time for ${month} ${status}`);
          setReportStatus(doc, status, by, {
            at: new Date(time),
            ...(status === 'aterremitterad' ? { comment: DEMO_RETURN_COMMENT } : {}),
          });
        },
      });
    }
  });
  return reports;
}
