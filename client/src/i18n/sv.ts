/**
 * The Swedish message catalogue: the default language and the source of the message shape.
 * Every text the UI shows comes from a catalogue; `en.ts` must have the same keys.
 */

import { adminSv } from './sv/admin';
import { auditSv } from './sv/audit';
import { boardSv } from './sv/board';
import { calendarSv } from './sv/calendar';
import { economySv } from './sv/economy';
import { goalsSv } from './sv/goals';
import { historySv } from './sv/history';
import { importSv } from './sv/import';
import { mergesSv } from './sv/merges';
import { offlineSv } from './sv/offline';
import { overviewSv } from './sv/overview';
import { planSv } from './sv/plan';
import { remindersSv } from './sv/reminders';
import { reportSv } from './sv/report';
import { rolesSv } from './sv/roles';
import { workflowSv } from './sv/workflow';
import { yearsSv } from './sv/years';

export const sv = {
  locale: 'sv',
  /** BCP 47 tag for Intl formatting. */
  intlLocale: 'sv-SE',
  app: {
    name: 'Följsam',
    tagline: 'Kommunstyrelsens uppföljning',
    skipToContent: 'Hoppa till innehållet',
    loading: 'Laddar…',
    startFailed: 'Det gick inte att nå servern. Ladda om sidan för att försöka igen.',
  },
  language: {
    /** The label of the switch, in the language it switches to. */
    switchTo: 'In English',
    switchToLang: 'en',
  },
  signIn: {
    heading: 'Logga in',
    intro: 'Logga in med ditt användarnamn och lösenord.',
    username: 'Användarnamn',
    password: 'Lösenord',
    submit: 'Logga in',
    submitting: 'Loggar in…',
    wrongCredentials: 'Fel användarnamn eller lösenord',
    failed: 'Inloggningen misslyckades. Försök igen om en stund.',
    tooManyAttempts: (seconds: number) => {
      const minutes = Math.ceil(seconds / 60);
      const wait =
        seconds < 60
          ? `${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'}`
          : minutes === 1
            ? 'en minut'
            : `${minutes} minuter`;
      return `För många misslyckade inloggningar. Försök igen om ${wait}.`;
    },
  },
  session: {
    signedInAs: (name: string) => `Inloggad som ${name}`,
    signOut: 'Logga ut',
  },
  connection: {
    label: 'Anslutning',
    connected: 'Ansluten',
    connecting: 'Ansluter…',
    disconnected: 'Frånkopplad',
  },
  assignments: {
    heading: (year: number) => `Uppdrag från fullmäktige ${year}`,
    intro:
      'Fullmäktiges uppdrag till kommunstyrelsen. Ändringar sparas direkt och syns för alla som har sidan öppen.',
    loading: 'Laddar uppdrag…',
    empty: 'Det finns inga uppdrag för året.',
    count: (count: number) => (count === 1 ? '1 uppdrag' : `${count} uppdrag`),
    showing: (shown: number, total: number) => `Visar ${shown} av ${total} uppdrag`,
    noMatches: 'Inga uppdrag matchar filtren.',
    listHeading: 'Alla uppdrag',
    columns: {
      title: 'Uppdrag',
      department: 'Ansvarig avdelning',
      person: 'Ansvarig person',
      startDate: 'Startdatum',
      endDate: 'Slutdatum',
      status: 'Status',
      due: 'Förfallodag',
      actions: 'Åtgärder',
    },
    fields: {
      title: 'Titel',
      description: 'Beskrivning',
      decisionRef: 'Fullmäktigebeslut',
      decisionRefHint: 'Till exempel KF § 12/2015',
      startDate: 'Startdatum',
      endDate: 'Slutdatum',
      department: 'Ansvarig avdelning',
      person: 'Ansvarig person',
      status: 'Status',
      progressNote: 'Lägesrapport',
      dateHint: 'ÅÅÅÅ-MM-DD',
    },
    /** Accessible names of the inline fields of one assignment. */
    fieldFor: {
      title: (title: string) => `Titel för ${title}`,
      description: (title: string) => `Beskrivning för ${title}`,
      decisionRef: (title: string) => `Fullmäktigebeslut för ${title}`,
      startDate: (title: string) => `Startdatum för ${title}`,
      endDate: (title: string) => `Slutdatum för ${title}`,
      departmentId: (title: string) => `Ansvarig avdelning för ${title}`,
      responsiblePerson: (title: string) => `Ansvarig person för ${title}`,
      progressNote: (title: string) => `Lägesrapport för ${title}`,
    },
    editHint:
      'Ändringen sparas när du lämnar fältet eller trycker Enter (Ctrl+Enter i flerradiga fält). Esc ångrar.',
    noDepartment: 'Ej tilldelad',
    noValue: '–',
    statusFor: (title: string) => `Status för ${title}`,
    changeFailed: 'Ändringen kunde inte sparas: uppdraget finns inte längre.',
    readOnly: 'Du har läsbehörighet: du kan se uppdragen men inte ändra dem.',
    due: {
      overdue: 'Försenat',
      'due-soon': 'Förfaller snart',
      'on-track': 'I tid',
      done: 'Klart',
      /** Overdue as of today (Swedish date); an assignment of a past year by its end date only. */
      overdueBy: (days: number, shown: string, endDate: string, pastYear: boolean) =>
        pastYear
          ? `passerade slutdatum ${endDate}`
          : `${days === 1 ? '1 dag' : `${shown} dagar`} efter slutdatum ${endDate}, per i dag`,
      judgedOn: (today: string) => `Bedömt mot dagens datum, ${today}`,
      daysLeft: (days: number, shown: string) =>
        days === 0 ? 'slutdatum i dag' : days === 1 ? '1 dag kvar' : `${shown} dagar kvar`,
    },
    errors: {
      invalidDate: 'Ogiltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2015-03-31.',
      endBeforeStart: (start: string) => `Slutdatumet kan inte vara före startdatumet (${start}).`,
      startAfterEnd: (end: string) => `Startdatumet kan inte vara efter slutdatumet (${end}).`,
      titleRequired: 'Titeln får inte vara tom.',
      tooLong: (max: number) => `Texten är för lång (högst ${max} tecken).`,
      unknownDepartment: 'Okänd avdelning. Välj en avdelning i listan.',
      rejected: 'Ändringen godtogs inte och sparades inte. Kontrollera värdet.',
      missing: 'Uppdraget finns inte längre.',
    },
    filters: {
      heading: 'Filtrera och sortera',
      department: 'Avdelning',
      allDepartments: 'Alla avdelningar',
      status: 'Status',
      allStatuses: 'Alla statusar',
      due: 'Förfallo',
      dueAll: 'Alla',
      dueOverdue: 'Försenade',
      dueSoon: 'Förfaller snart',
      search: 'Sök',
      searchHint: 'Sök i titel, beskrivning och lägesrapport',
      sort: 'Sortera efter',
      sortPlan: 'Planens ordning',
      sortEndDate: 'Slutdatum',
      sortTitle: 'Titel',
      sortDepartment: 'Avdelning',
      sortStatus: 'Status',
      direction: 'Ordning',
      ascending: 'Stigande',
      descending: 'Fallande',
      group: 'Gruppera',
      groupNone: 'Ingen gruppering',
      groupDepartment: 'Per avdelning',
      groupStatus: 'Per status',
      clear: 'Rensa filter',
    },
    group: {
      heading: (label: string, count: number) => `${label} (${count})`,
    },
    details: {
      show: (title: string) => `Visa detaljer för ${title}`,
      hide: (title: string) => `Dölj detaljer för ${title}`,
      showShort: 'Detaljer',
      hideShort: 'Dölj',
      heading: (title: string) => `Detaljer: ${title}`,
    },
    history: {
      heading: 'Statushistorik',
      empty: 'Statusen har inte ändrats ännu.',
      entry: (from: string, to: string) => `${from} → ${to}`,
      created: 'Ny',
      by: (name: string) => `av ${name}`,
    },
    create: {
      open: 'Nytt uppdrag',
      heading: 'Nytt uppdrag',
      submit: 'Skapa uppdrag',
      cancel: 'Avbryt',
      created: (title: string) => `Uppdraget ”${title}” har skapats.`,
    },
    remove: {
      button: 'Ta bort',
      buttonFor: (title: string) => `Ta bort ${title}`,
      heading: 'Ta bort uppdrag?',
      confirmText: (title: string) =>
        `Uppdraget ”${title}” tas bort för alla. Statushistoriken finns kvar. Det går inte att ångra.`,
      confirm: 'Ta bort uppdraget',
      cancel: 'Avbryt',
      removed: (title: string) => `Uppdraget ”${title}” har tagits bort.`,
    },
  },
  nav: {
    label: 'Huvudmeny',
    /** The narrow screen's button that shows the navigation and the account. */
    menu: 'Meny',
    overview: 'Översikt',
    assignments: 'Uppdrag',
    goals: 'Mål',
    report: 'Månadsrapport',
    economy: 'Ekonomi',
  },
  presence: {
    label: 'Här just nu',
    alone: 'Bara du är här',
    you: 'du',
    editing: (name: string) => `${name} skriver här`,
  },
  overview: overviewSv,
  calendar: calendarSv,
  goals: goalsSv,
  offline: offlineSv,
  report: reportSv,
  economy: economySv,
  merges: mergesSv,
  board: boardSv,
  import: importSv,
  workflow: workflowSv,
  history: historySv,
  audit: auditSv,
  roles: rolesSv,
  admin: adminSv,
  reminders: remindersSv,
  plan: planSv,
  years: yearsSv,
  /** Units written after a figure: "78 %", "12 st", "1 234 tkr" (English: "1,234 SEK thousand"). */
  units: {
    percent: '%',
    count: 'st',
    tkr: 'tkr',
    mkr: 'mkr',
  },
  status: {
    'ej-paborjad': 'Ej påbörjad',
    pagar: 'Pågår',
    klar: 'Klar',
  },
};

export type Messages = typeof sv;
