/** Swedish texts of the import and export screen. */
export const importSv = {
  nav: 'Import och export',
  heading: 'Import och export',
  /** The menu entry and heading for a role that may import nothing (a läsare): export only. */
  exportOnly: 'Export',
  intro:
    'Läs in uppdrag eller indikatorutfall från en CSV- eller Excelfil. Du ser varje rads fel innan något sparas, och väljer sedan vad som ska sparas.',
  importHeading: 'Importera',
  kind: 'Vad filen innehåller',
  kinds: { assignments: 'Uppdrag', 'indicator-outcomes': 'Indikatorutfall' },
  columns: {
    assignments:
      'Kolumner: id, title, department (id, nummer eller namn), startDate, endDate (ÅÅÅÅ-MM-DD), status (ej påbörjad, pågår, klar), responsiblePerson, decisionRef, description, progressNote.',
    'indicator-outcomes': 'Kolumner: month (ÅÅÅÅ-MM), indicatorId, value (tal, decimalkomma går bra).',
  },
  file: 'Fil (CSV eller XLSX)',
  preview: 'Förhandsgranska',
  uploading: 'Laddar upp…',
  uploadProgress: 'Uppladdning',
  applyProgress: 'Sparar',
  summary: (total: number, valid: number, invalid: number) =>
    `${total} rader: ${valid} utan fel, ${invalid} med fel.`,
  line: 'Rad',
  content: 'Innehåll',
  result: 'Resultat',
  ok: 'Utan fel',
  error: 'Fel',
  mode: 'Vad ska sparas?',
  modeValid: 'Alla rader utan fel (rader med fel hoppas över)',
  modeAll: 'Allt eller inget (inget sparas om någon rad har fel)',
  apply: 'Spara importen',
  applying: 'Sparar…',
  applied: (applied: number, skipped: number) => `${applied} rader sparades, ${skipped} hoppades över.`,
  nothingSaved: 'Inget har sparats ännu.',
  failed: (message: string) => `Importen misslyckades: ${message}`,
  chooseFile: 'Välj en fil först.',
  /** A row's or a file's error, from the server's code and parameters (see components/import/issueText.ts). */
  issues: {
    missingField: (field: string) => `${field}: värde saknas (kolumnen måste fyllas i)`,
    invalidDate: (field: string, value: string) =>
      `${field}: ogiltigt datum ”${value}” (ska vara ÅÅÅÅ-MM-DD)`,
    invalidMonth: (field: string, value: string) => `${field}: ogiltig månad ”${value}” (ska vara ÅÅÅÅ-MM)`,
    monthOutsideYear: (field: string, month: string, year: string) =>
      `${field}: ${month} ligger utanför planens år ${year}`,
    notANumber: (field: string, value: string) => `${field}: ”${value}” är inte ett tal`,
    unknownDepartment: (field: string, value: string) => `${field}: okänd avdelning ”${value}”`,
    unknownIndicator: (field: string, value: string) => `${field}: okänt mått ”${value}”`,
    unknownStatus: (field: string, value: string) =>
      `${field}: okänd status ”${value}” (ej påbörjad, pågår eller klar)`,
    invalidId: (field: string, value: string) =>
      `${field}: ogiltigt id ”${value}” (små bokstäver, siffror, punkt, understreck och bindestreck)`,
    tooLong: (field: string, max: string) => `${field}: för lång text (högst ${max} tecken)`,
    endBeforeStart: (field: string) => `${field}: slutdatumet ligger före startdatumet`,
    invalidValue: (field: string, value: string) => `${field}: ogiltigt värde ”${value}”`,
    duplicateRow: (line: string) => `Dubblett: samma innehåll som rad ${line}`,
    otherDepartment: (department: string) => `Du får inte rapportera för avdelningen ${department}`,
    reportApproved: (month: string, department: string) =>
      `Rapporten för ${month} (${department}) är godkänd och kan inte ändras`,
    badRequest: 'Felaktig förfrågan (år, format eller vad som ska sparas).',
    unknownKind: 'Okänd sorts import.',
    forbidden: 'Din roll får inte importera det här.',
    noPlan: (year: string) => `Det finns ingen plan för ${year}.`,
    unreadableCsv: 'Filen går inte att läsa som en CSV-tabell.',
    unreadableXlsx: 'Filen går inte att läsa som en Excel-arbetsbok (XLSX).',
    noSheet: 'Arbetsboken har inget blad.',
    noHeaderRow: 'Filen har ingen rubrikrad.',
    missingColumns: (columns: string) => `Filen saknar kolumnerna ${columns}.`,
    tooManyRows: (count: string, max: string) => `Filen har ${count} rader; en import tar högst ${max}.`,
    tooManyRowsOver: (max: string) => `Filen har fler än ${max} rader; en import tar högst ${max}.`,
    tooLarge: (megabytes: string) => `Filen är större än ${megabytes} MB.`,
    tooLargeUnpacked: (megabytes: string) =>
      `Arbetsboken innehåller för mycket data: uppackad är den större än ${megabytes} MB.`,
    parseTimeout: (seconds: string) =>
      `Det tog längre än ${seconds} sekunder att läsa filen, så läsningen avbröts. Dela upp den i mindre filer.`,
    importBusy: (seconds: string) => `Andra importer läses in just nu. Försök igen om ${seconds} sekunder.`,
    rowsHaveErrors: (count: string) => `Rader med fel: ${count}. Inget sparades (allt eller inget).`,
    approvedMonth: 'Filen skriver till en godkänd månad, som inte kan ändras. Inget sparades.',
    approvedDuringImport: 'En rapport godkändes medan importen sparades; resten sparades inte.',
  },
  kolada: {
    heading: 'Officiella årsvärden (Kolada)',
    intro:
      'Mått med ett Kolada-id (till exempel N01951, folkmängd) visar officiella årsvärden bredvid månadsutfallen. Läs in ett sparat svar från Koladas API (v3, JSON) eller hämta direkt om servern är inställd för det.',
    file: 'Kolada-svar (JSON)',
    importFile: 'Läs in filen',
    fetch: 'Hämta från Kolada',
    stored: (stored: number, ignored: number) => `${stored} årsvärden sparades, ${ignored} hoppades över.`,
    /** The server's refusals, by their code. */
    errors: {
      forbidden: 'Din roll får inte läsa in officiella årsvärden.',
      badRequest: 'Felaktig förfrågan (år eller kommunkod).',
      noPlan: 'Det finns ingen plan för året.',
      tooLarge: 'Filen är större än 5 MB.',
      notJson: 'Filen är inte JSON.',
      notKoladaResponse: 'Filen är inget svar från Koladas API (v3, data).',
      notConfigured: 'Servern är inte inställd för att hämta från Kolada.',
      koladaFailed: 'Kolada svarade inte som väntat. Försök igen om en stund.',
    },
  },
  exportHeading: 'Exportera',
  exportIntro: (year: number) => `Hämta data för ${year} som CSV eller Excel.`,
  exports: {
    assignments: 'Uppdrag',
    'indicator-values': 'Indikatorvärden',
    budget: 'Budgetuppföljning',
  },
  csv: (what: string) => `${what} (CSV)`,
  xlsx: (what: string) => `${what} (Excel)`,
};
