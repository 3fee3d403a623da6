/** Swedish texts of the report workflow (utkast → inskickad → godkänd | återremitterad) and read-only states. */
export const workflowSv = {
  heading: 'Arbetsflöde',
  statusLabel: 'Rapportens status',
  actionsLabel: 'Åtgärder för rapporten',
  actions: {
    submit: 'Skicka in',
    approve: 'Godkänn',
    return: 'Återremittera',
    reopen: 'Öppna igen',
  },
  returnForm: {
    label: 'Kommentar till avdelningen',
    hint: 'Skriv vad som behöver rättas. Kommentaren krävs och visas för avdelningen.',
    confirm: 'Återremittera rapporten',
    required: 'Skriv en kommentar innan du återremitterar.',
  },
  reopenForm: {
    label: 'Skäl att öppna rapporten igen',
    hint: 'Skälet krävs och sparas i loggen.',
    confirm: 'Öppna rapporten igen',
    required: 'Skriv ett skäl innan du öppnar rapporten igen.',
  },
  cancel: 'Avbryt',
  working: 'Sparar…',
  done: {
    submit: 'Rapporten är inskickad.',
    approve: 'Rapporten är godkänd.',
    return: 'Rapporten är återremitterad.',
    reopen: 'Rapporten är öppnad igen.',
  },
  errors: {
    forbidden: 'Du har inte behörighet att göra det här.',
    conflict: 'Rapportens status har ändrats under tiden. Den aktuella statusen visas nu.',
    unreachable: 'Servern gick inte att nå. Försök igen.',
    failed: (message: string) => (message ? `Det gick inte: ${message}` : 'Det gick inte. Försök igen.'),
    loadFailed: 'Rapportens händelser kunde inte hämtas.',
  },
  events: {
    heading: 'Händelser',
    empty: 'Inga händelser ännu.',
    submit: (who: string) => `${who} skickade in rapporten`,
    approve: (who: string) => `${who} godkände rapporten`,
    return: (who: string) => `${who} återremitterade rapporten`,
    reopen: (who: string) => `${who} öppnade rapporten igen`,
    comment: 'Kommentar',
    reason: 'Skäl',
  },
  returnComment: (comment: string) => `Återremitterad med kommentaren: ${comment}`,
  /** The current state in words, from the document's meta (who: a name, when: a formatted time). */
  state: {
    utkast: 'Rapporten är ett utkast och har inte skickats in.',
    reopened: (who: string, when: string) => `Öppnad igen av ${who} ${when}. Rapporten är ett utkast igen.`,
    inskickad: (who: string, when: string) =>
      `Inskickad av ${who} ${when}. Väntar på kommunchefens granskning.`,
    godkand: (who: string, when: string) => `Godkänd av ${who} ${when}.`,
    aterremitterad: (who: string, when: string) => `Återremitterad av ${who} ${when}.`,
  },
  changed: {
    heading: 'Ändrat efter inskick',
    intro: 'Följande har ändrats sedan rapporten skickades in:',
    by: (who: string) => `ändrat av ${who}`,
    unknownWriter: 'okänd',
  },
  stale: {
    heading: 'Rapporten har ändrats sedan du läste den',
    intro:
      'Godkännandet sparades inte. Detta har ändrats sedan versionen du såg; granska ändringarna och godkänn igen:',
    unsaved:
      'Godkännandet sparades inte: rapporten på skärmen skiljer sig från den sparade. Vänta tills allt är sparat och försök igen.',
  },
  submitProblem: {
    commentRequired:
      'Prognosen avviker mer än 10 % från budget. Skriv en budgetanalys som förklarar avvikelsen innan du skickar in.',
    negativeCostOutcome:
      'Utfallet hittills är negativt för en avdelning med kostnadsbudget. Rätta utfallet innan du skickar in.',
    negativeCostForecast:
      'Helårsprognosen är negativ för en avdelning med kostnadsbudget. Rätta prognosen innan du skickar in.',
    tooLarge: 'En budgetsiffra är orimligt stor (mer än tio gånger budgeten). Rätta den innan du skickar in.',
  },
  fields: {
    outcomeToDate: 'Utfall hittills (budget)',
    forecast: 'Helårsprognos (budget)',
    budgetAnalysis: 'Budgetanalys',
    outcome: (name: string) => `Utfall: ${name}`,
    status: (name: string) => `Status: ${name}`,
    analysis: (name: string) => `Analys: ${name}`,
    actions: (name: string) => `Åtgärder: ${name}`,
  },
  readOnly: {
    approved: 'Rapporten är godkänd och kan inte längre ändras. Kommunchefen kan öppna den igen.',
    role: 'Du har läsbehörighet och kan inte ändra rapporten.',
    'other-department': 'Rapporten tillhör en annan avdelning. Du kan läsa den men inte ändra den.',
  },
};
