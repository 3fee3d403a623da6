import type { PlanYears, yearsSv } from '../sv/years';

export const yearsEn: typeof yearsSv = {
  label: 'Year',
  draft: (year: number) => `${year} (draft)`,
  newPlan: {
    open: (years: PlanYears) => `New plan for ${years.next} from ${years.from}`,
    title: (years: PlanYears) => `New plan for ${years.next} from ${years.from}`,
    intro: (next: number, current: number) =>
      `The plan's structure (perspectives, focus areas, goals, indicators with their targets, initiatives and the departments' cost lines) is copied from ${current} into a draft for ${next}, without figures.`,
    create: 'Create the draft',
    creating: 'Creating…',
    cancel: 'Cancel',
    created: (next: number) => `The draft for ${next} has been created.`,
    failed: (message: string) => `The plan could not be created${message ? `: ${message}` : '.'}`,
    carryTitle: (next: number) => `Carry over to ${next}`,
    carryIntro: (from: number) => `The council's assignments from ${from} that are not finished:`,
    noneToCarry: 'No unfinished assignments to carry over.',
    alreadyCarried: 'already carried over',
    carry: (count: number) => (count === 1 ? 'Carry over 1 assignment' : `Carry over ${count} assignments`),
    carrying: 'Carrying over…',
    carryFailed: (message: string) =>
      `The assignments could not be carried over${message ? `: ${message}` : '.'}`,
    loadFailed: 'The assignments to carry over could not be fetched.',
    openPlan: (next: number) => `Open the plan for ${next}`,
    noDepartment: 'No department',
  },
  carriedFrom: (year: number) => `Carried over from ${year}`,
};
