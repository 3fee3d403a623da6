/** Swedish texts of the overview screen. */
export const overviewSv = {
  heading: 'Översikt',
  intro: (month: string) =>
    `Läget för ${month}: månadsrapporterna, de strategiska målen, uppdragen och ekonomin.`,
  monthPicker: {
    label: 'Uppföljningsmånad',
    previous: 'Föregående månad',
    next: 'Nästa månad',
  },
  loading: 'Laddar översikten…',
  noPlan: (year: number) => `Det finns ingen plan för ${year}.`,
  reports: {
    heading: 'Månadsrapporter',
    summaryLabel: 'Antal avdelningar per rapportstatus',
    submittedOf: (submitted: number, total: number) =>
      `${submitted} av ${total} avdelningar har skickat in eller fått rapporten godkänd.`,
    department: 'Avdelning',
    status: 'Status',
    comment: 'Kommentar vid återremiss',
    states: {
      loading: 'Laddar…',
      'ej-paborjad': 'Ej påbörjad',
      utkast: 'Utkast',
      inskickad: 'Inskickad',
      godkand: 'Godkänd',
      aterremitterad: 'Återremitterad',
    },
    count: (count: number) => (count === 1 ? '1 avdelning' : `${count} avdelningar`),
  },
  goals: {
    heading: 'Strategiska mål per avdelning',
    caption: (month: string) =>
      `Trafikljus för ${month}. Varje mål visas för de avdelningar som ansvarar för det.`,
    goal: 'Strategiskt mål',
    statuses: { gron: 'Grön', gul: 'Gul', rod: 'Röd' },
    notReported: 'Ej rapporterad',
    notOwner: 'Ansvarar inte för målet',
    toGoals: 'Alla mål och mått',
  },
  assignments: {
    heading: 'Försenade och snart förfallande uppdrag',
    todayIs: (date: string, days: number) =>
      `Räknat mot dagens datum ${date}; ”förfaller snart” betyder inom ${days} dagar.`,
    none: 'Inga uppdrag är försenade eller förfaller snart.',
    title: 'Uppdrag',
    department: 'Ansvarig avdelning',
    endDate: 'Slutdatum',
    status: 'Status',
    due: 'Förfallo',
    overdue: 'Försenat',
    dueSoon: 'Förfaller snart',
    noDepartment: 'Ej tilldelad',
    showOverdue: 'Alla försenade uppdrag',
    showDueSoon: 'Alla uppdrag som förfaller snart',
  },
  budget: {
    heading: 'Största budgetavvikelser',
    intro: (month: string) =>
      `Helårsprognosen mot budgeten enligt rapporterna för ${month}: de fem största avvikelserna.`,
    none: 'Ingen avdelning har rapporterat någon avvikelse för månaden.',
    department: 'Avdelning',
    budget: (year: number) => `Budget ${year}`,
    forecast: 'Helårsprognos',
    deviation: 'Avvikelse',
    surplus: 'överskott',
    deficit: 'underskott',
    toEconomy: 'Ekonomi för alla avdelningar',
  },
};
