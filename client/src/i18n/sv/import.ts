/** Swedish texts of the import and export screen. */
export const importSv = {
  nav: 'Import och export',
  heading: 'Import och export',
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
  kolada: {
    heading: 'Officiella årsvärden (Kolada)',
    intro:
      'Mått med ett Kolada-id (till exempel N01951, folkmängd) visar officiella årsvärden bredvid månadsutfallen. Läs in ett sparat svar från Koladas API (v3, JSON) eller hämta direkt om servern är inställd för det.',
    file: 'Kolada-svar (JSON)',
    importFile: 'Läs in filen',
    fetch: 'Hämta från Kolada',
    stored: (stored: number, ignored: number) => `${stored} årsvärden sparades, ${ignored} hoppades över.`,
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
