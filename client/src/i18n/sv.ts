/**
 * The Swedish message catalogue: the default language and the source of the message shape.
 * Every text the UI shows comes from a catalogue; `en.ts` must have the same keys.
 */
import { economySv } from './sv/economy';
import { goalsSv } from './sv/goals';
import { overviewSv } from './sv/overview';
import { reportSv } from './sv/report';

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
    loading: 'Laddar uppdrag…',
    empty: 'Det finns inga uppdrag för året.',
    count: (count: number) => (count === 1 ? '1 uppdrag' : `${count} uppdrag`),
    columns: {
      title: 'Uppdrag',
      department: 'Ansvarig avdelning',
      startDate: 'Startdatum',
      endDate: 'Slutdatum',
      status: 'Status',
    },
    noDepartment: 'Ej tilldelad',
    statusFor: (title: string) => `Status för ${title}`,
    changeFailed: 'Ändringen kunde inte sparas: uppdraget finns inte längre.',
    readOnly: 'Du har läsbehörighet och kan inte ändra status.',
  },
  nav: {
    label: 'Huvudmeny',
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
  goals: goalsSv,
  report: reportSv,
  economy: economySv,
  status: {
    'ej-paborjad': 'Ej påbörjad',
    pagar: 'Pågår',
    klar: 'Klar',
  },
};

export type Messages = typeof sv;
