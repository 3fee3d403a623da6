/** Swedish texts of the audit log screen (/logg); the log's own words are the domain's. */
import { AUDIT_WORDS_SV } from '@foljsam/domain';

export const auditSv = {
  words: AUDIT_WORDS_SV,
  heading: 'Ändringslogg',
  intro: 'Vem ändrade vad och när. Senaste först. Tider i svensk tid.',
  filters: 'Filter',
  from: 'Från och med',
  to: 'Till och med',
  user: 'Vem',
  anyone: 'Alla användare',
  document: 'Dokument',
  anyDocument: 'Alla dokument',
  field: 'Fält',
  fieldPlaceholder: 'T.ex. Prognos eller Status',
  apply: 'Visa',
  download: 'Ladda ner som CSV',
  downloading: 'Hämtar…',
  downloaded: (file: string) => `Filen ${file} är nedladdad.`,
  loading: 'Hämtar loggen…',
  failed: (message: string) =>
    message ? `Loggen kunde inte hämtas: ${message}` : 'Loggen kunde inte hämtas.',
  forbidden: 'Bara administratörer och kommunchefen kan läsa loggen.',
  invalidPeriod: 'Välj ett giltigt datum för båda fälten, med från-datumet före till-datumet.',
  empty: 'Inga händelser med de här filtren.',
  columns: {
    at: 'Tid',
    user: 'Vem',
    action: 'Händelse',
    document: 'Dokument',
    field: 'Fält',
    old: 'Från',
    new: 'Till',
  },
  range: (first: number, last: number, total: number) => `${first}–${last} av ${total}`,
  newer: 'Nyare',
  older: 'Äldre',
};
