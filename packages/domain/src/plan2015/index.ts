/**
 * The 2015 plan of Ale kommun's kommunstyrelsen, curated from
 * `seed/verksamhetsplan-2015-kommunstyrelsen.txt`: the product's demo workspace.
 */
import type { Plan } from '../model';
import { councilAssignments2015 } from './assignments';
import { departments2015 } from './departments';
import { knownDiscrepancies2015 } from './discrepancies';
import { economicSummary2015 } from './economy';
import { focusAreas2015, goals2015, indicators2015, initiatives2015, perspectives2015 } from './goals';

export { councilAssignments2015, departments2015, economicSummary2015, knownDiscrepancies2015 };

export const plan2015: Plan = {
  year: 2015,
  municipality: 'Ale kommun',
  board: 'Kommunstyrelsen',
  title: 'Verksamhetsplan med budget 2015, Kommunstyrelsen',
  adoptedOn: '2015-01-22',
  vision: {
    title: 'Ale – Lätt att leva',
    targetYear: 2025,
    text: 'I Ale är det nära till skola, arbete och sköna naturupplevelser. Det centrala läget i Götaälvdalen med närhet till Göteborgs storstadspuls är en tillgång. I Ale antar vi utmaningar med lust och energi. Vi underlättar vardagen, förädlar vår service och värnar den gemensamma livsmiljön. I Ale inspireras vi att följa våra drömmar och här är det lätt att leva.',
  },
  mission:
    'Vi jobbar med glädje och engagemang för våra invånare. Tillsammans ska vi förädla våra tjänster och förenkla människors vardag. Med mod, samarbete och energi skapar vi en levande kommun för både invånare och företagare. Vi ger aleborna livskvalitet och inspiration att förverkliga sina drömmar!',
  values: [
    { name: 'Stolthet', text: 'Vi utvecklar vårt uppdrag och skapar förtroende i det personliga mötet.' },
    { name: 'Omtanke', text: 'Vi bemöter alla med öppenhet, tillit och respekt.' },
    { name: 'Lust', text: 'Vi arbetar med kreativitet, energi och glädje' },
  ],
  perspectives: perspectives2015,
  focusAreas: focusAreas2015,
  goals: goals2015,
  indicators: indicators2015,
  initiatives: initiatives2015,
  departments: departments2015,
  economicSummary: economicSummary2015,
  knownDiscrepancies: knownDiscrepancies2015,
};

/** The seed the plan was curated from; a file URL, so only for node code and tests. */
export const seedTextPath = new URL('../../seed/verksamhetsplan-2015-kommunstyrelsen.txt', import.meta.url);
export {
  DEMO_REPORT_MONTHS,
  DEMO_REPORT_STATUSES,
  DEMO_RETURN_COMMENT,
  demoReportsFor2015,
} from './demoReports';
