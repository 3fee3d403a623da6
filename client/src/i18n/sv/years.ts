/** The year picker and a new plan year (issue #15). */

/**
 * A new plan year and the year it comes from. One argument rather than two: a message split
 * at two year arguments leaves a lone "från", which is also an everyday word in the data.
 */
export interface PlanYears {
  next: number;
  from: number;
}

export const yearsSv = {
  /** The header's year select. */
  label: 'År',
  draft: (year: number) => `${year} (utkast)`,
  newPlan: {
    open: (years: PlanYears) => `Ny plan för ${years.next} från ${years.from}`,
    title: (years: PlanYears) => `Ny plan för ${years.next} från ${years.from}`,
    intro: (next: number, current: number) =>
      `Planens struktur (perspektiv, fokusområden, mål, indikatorer med målvärden, insatser och avdelningarnas kostnadsrader) kopieras från ${current} till ett utkast för ${next}, utan belopp.`,
    create: 'Skapa utkastet',
    creating: 'Skapar…',
    cancel: 'Avbryt',
    created: (next: number) => `Utkastet för ${next} är skapat.`,
    failed: (message: string) => `Det gick inte att skapa planen${message ? `: ${message}` : '.'}`,
    carryTitle: (next: number) => `För över till ${next}`,
    carryIntro: (from: number) => `Kommunfullmäktiges uppdrag från ${from} som inte är klara:`,
    noneToCarry: 'Inga ofärdiga uppdrag att föra över.',
    alreadyCarried: 'redan överfört',
    carry: (count: number) => (count === 1 ? 'För över 1 uppdrag' : `För över ${count} uppdrag`),
    carrying: 'För över…',
    carryFailed: (message: string) =>
      `Det gick inte att föra över uppdragen${message ? `: ${message}` : '.'}`,
    loadFailed: 'Det gick inte att hämta uppdragen att föra över.',
    openPlan: (next: number) => `Öppna planen för ${next}`,
    noDepartment: 'Ingen avdelning',
  },
  /** On the Uppdrag board: an assignment carried over from an earlier year. */
  carriedFrom: (year: number) => `Överfört från ${year}`,
};
