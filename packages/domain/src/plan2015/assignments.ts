/**
 * Section 7 of the 2015 plan: the council's assignments (uppdrag från fullmäktige).
 *
 * The seed gives only the text and the dates. Every assignment starts unassigned in the workflow
 * sense (no decision reference, no person, not started), but `departmentId` is curated so the demo
 * board can be grouped by department: the seed never names the responsible department.
 */
import type { CouncilAssignment } from '../model';

const year2015 = { startDate: '2015-01-01', endDate: '2015-12-31' } as const;

const unstarted = {
  description: '',
  decisionRef: '',
  responsiblePerson: '',
  status: 'ej-paborjad',
  progressNote: '',
} as const;

export const councilAssignments2015: CouncilAssignment[] = [
  {
    id: 'ka-2015-1',
    title:
      'Utreda möjligheten till elbilspool till exempel i samverkan med Alebyggen samt ansvara för att bygga ut fler möjligheter att ladda elbilar i kommunen.',
    ...year2015,
    // Curated: goes with goal 6.1.2.2 (el- och elhybridbilar), owned by Utvecklingsavdelningen.
    departmentId: 'utveckling',
    ...unstarted,
  },
  {
    id: 'ka-2015-2',
    title: 'Leda arbetet med införande av personalkläder och heltid.',
    ...year2015,
    // Curated: HR runs the full-time project (8.1.4.1, goal 6.1.4.1).
    departmentId: 'hr',
    ...unstarted,
  },
  {
    id: 'ka-2015-3',
    title: 'Undersöka möjligheten att erbjuda studentbostäder i kommunen.',
    ...year2015,
    // Curated: 8.1.2.1 says "Möjligheten att erbjuda studentbostäder i kommunen ska undersökas."
    departmentId: 'mark-exploatering',
    ...unstarted,
  },
  {
    id: 'ka-2015-4',
    title: 'Påbörja projektering av ny samlad kommunadministration.',
    ...year2015,
    // Curated: lokalsamordning (coordination of premises) is part of Utvecklingsavdelningen (8.1.8.1).
    departmentId: 'utveckling',
    ...unstarted,
  },
  {
    id: 'ka-2015-5',
    title:
      'Förändra färdtjänstreglementet så att Västra Götalandsregionen utgör färdtjänstområde för kommunen.',
    ...year2015,
    // Curated: section 9 says "Färdtjänsten … är budgeterad på utvecklingsavdelningen".
    departmentId: 'utveckling',
    ...unstarted,
  },
  {
    id: 'ka-2015-6',
    title: 'Jämställda löner är prioriterade',
    startDate: '2015-01-01',
    endDate: '2018-12-31',
    // Curated: pay setting (lönesättning) is HR's (8.1.4.1).
    departmentId: 'hr',
    ...unstarted,
  },
];
