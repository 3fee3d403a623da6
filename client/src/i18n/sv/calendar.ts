/** Swedish texts of the reporting calendar: "Att göra" on the overview and the administrator's settings. */
export const calendarSv = {
  /** A reporting period by name. */
  period: {
    month: (monthName: string) => `Månadsrapport ${monthName}`,
    T1: (year: number) => `Tertialrapport april ${year}`,
    T2: (year: number) => `Delårsrapport augusti ${year}`,
    VB: (year: number) => `Verksamhetsberättelse ${year}`,
  },
  todo: {
    heading: 'Att göra',
    intro: (date: string) =>
      `Det som ska göras de närmaste fem veckorna och det som är försenat, räknat mot dagens datum ${date}.`,
    none: 'Du har inget att göra just nu.',
    loading: 'Laddar att göra…',
    failed: 'Det gick inte att hämta listan att göra.',
    submit: (department: string) => `Skriv och skicka in rapporten för ${department}`,
    returned: 'Återremitterad: åtgärda och skicka in igen',
    review: (department: string) => `Granska rapporten från ${department}`,
    overdueGroup: (count: number) =>
      count === 1 ? '1 avdelning har inte skickat in:' : `${count} avdelningar har inte skickat in:`,
    deadline: (date: string) => `Senast ${date}`,
    daysLeft: (days: number) =>
      days === 0 ? 'sista dagen i dag' : days === 1 ? '1 dag kvar' : `${days} dagar kvar`,
    overdue: (days: number) => (days === 1 ? 'försenad 1 dag' : `försenad ${formatDays(days)} dagar`),
    submittedAt: (date: string) => `inskickad ${date}`,
  },
  settings: {
    heading: 'Rapporteringskalender',
    intro:
      'Vilka perioder som rapporteras och när rapporterna senast ska vara inskickade. Sista dag följer regeln om inget eget datum anges. Helgdagar räknas inte som arbetsdagar.',
    year: 'År',
    rule: 'Sista dag är arbetsdag nummer',
    ruleHelp: 'i månaden efter att perioden slutar (1–20).',
    stored: 'Kalendern för året är sparad.',
    defaults: 'Året har ingen egen kalender: standardkalendern visas. Spara för att göra den till årets.',
    columns: {
      reported: 'Rapporteras',
      period: 'Period',
      ruleDeadline: 'Enligt regeln',
      override: 'Eget datum (valfritt)',
      deadline: 'Sista dag',
    },
    reportedLabel: (period: string) => `${period} rapporteras`,
    overrideLabel: (period: string) => `Eget sista datum för ${period}`,
    datePlaceholder: 'ÅÅÅÅ-MM-DD',
    notReported: 'Rapporteras inte',
    recomputed: 'Räknas om när du sparar',
    save: 'Spara kalendern',
    saving: 'Sparar…',
    saved: (year: number) => `Rapporteringskalendern för ${year} är sparad.`,
    loading: 'Laddar kalendern…',
    loadFailed: 'Det gick inte att hämta kalendern.',
    invalidRule: 'Arbetsdagen måste vara ett heltal mellan 1 och 20.',
    invalidDate: (period: string) => `Datumet för ${period} ska skrivas som ÅÅÅÅ-MM-DD.`,
    tooEarly: (period: string, earliest: string) =>
      `Sista dag för ${period} kan inte vara innan perioden har slutat (tidigast ${earliest}).`,
    failed: (reason: string) =>
      reason ? `Kalendern sparades inte: ${reason}` : 'Kalendern sparades inte. Försök igen.',
  },
};

/** 3993 → "3 993", as Swedish writes whole numbers. */
function formatDays(days: number): string {
  return new Intl.NumberFormat('sv-SE').format(days);
}
