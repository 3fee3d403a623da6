/**
 * Section 6.1 of the 2015 plan: perspectives, focus areas, strategic goals, indicators and initiatives.
 *
 * The seed names goals and initiatives but not who reports on them, nor the perspective of each focus
 * area; those choices are curated here from the text of sections 6 and 8 and commented where made.
 * Every indicator's `source` quotes the seed (whitespace-normalised); where targets come from more
 * than one place, the quotes are joined by " […] " so each part can still be found verbatim.
 */
import type { FocusArea, Indicator, Initiative, Perspective, StrategicGoal } from '../model';

/** Joins quotations from different places of the seed into one `source`. */
export const SOURCE_SEPARATOR = ' […] ';

export const perspectives2015: Perspective[] = [
  { id: 'kund', name: 'Kund/Brukare' },
  { id: 'processer', name: 'Processer' },
  { id: 'medarbetare', name: 'Medarbetare (Resurser)' },
  { id: 'ekonomi', name: 'Ekonomi' },
];

/**
 * Perspectives are curated: the seed only says that six goals in the customer perspective lead and
 * twelve support them. Growth, living environment, everyday life and dialogue are outcomes for
 * residents (kund); competence supply and the shared values are about staff (medarbetare); economy
 * for strategic development is ekonomi. No focus area of this board falls under processer.
 */
export const focusAreas2015: FocusArea[] = [
  { id: 'fa-6-1-1', number: '6.1.1', name: 'Tillväxt', perspectiveId: 'kund' },
  { id: 'fa-6-1-2', number: '6.1.2', name: 'Värna livsmiljö', perspectiveId: 'kund' },
  { id: 'fa-6-1-3', number: '6.1.3', name: 'Underlätta människors vardag', perspectiveId: 'kund' },
  { id: 'fa-6-1-4', number: '6.1.4', name: 'Målinriktad kompetensförsörjning', perspectiveId: 'medarbetare' },
  { id: 'fa-6-1-5', number: '6.1.5', name: 'Utvecklad invånardialog', perspectiveId: 'kund' },
  { id: 'fa-6-1-6', number: '6.1.6', name: 'Ekonomi för strategisk utveckling', perspectiveId: 'ekonomi' },
  { id: 'fa-6-1-7', number: '6.1.7', name: 'Verksamhetens mål', perspectiveId: 'medarbetare' },
];

export const goals2015: StrategicGoal[] = [
  {
    id: 'goal-6-1-1-1',
    number: '6.1.1.1',
    focusAreaId: 'fa-6-1-1',
    title: 'Befolkningsstorleken ska öka med 1,5% årligen.',
    description: '',
    // Mark och exploatering leads Utveckla Ale and owns the population statistics (8.1.2.1);
    // Näringsliv reports its business targets here because business growth is part of Tillväxt.
    ownerDepartmentIds: ['mark-exploatering', 'naringsliv'],
  },
  {
    id: 'goal-6-1-2-1',
    number: '6.1.2.1',
    focusAreaId: 'fa-6-1-2',
    title: '2018 ska alla målsättningar inom energi- och klimatplanen vara i fas.',
    description: '',
    // Curated: hållbar utveckling and the strategic environmental spending sit in Utvecklingsavdelningen
    // (8.1.8.1 and the note under the area table in section 9).
    ownerDepartmentIds: ['utveckling'],
  },
  {
    id: 'goal-6-1-2-2',
    number: '6.1.2.2',
    focusAreaId: 'fa-6-1-2',
    title: 'Andelen el- och elhybridbilar ska öka',
    description: '',
    // Curated: the car pool and charging (assignment 1) go to Utveckling with the environmental work;
    // the framework agreement itself is procured by Ekonomi och upphandling.
    ownerDepartmentIds: ['utveckling', 'ekonomi-upphandling'],
  },
  {
    id: 'goal-6-1-3-1',
    number: '6.1.3.1',
    focusAreaId: 'fa-6-1-3',
    title:
      'Kommunstyrelsen ges i uppdrag att till mandatperiodens slut införa ett kundcenter som vid första kontakten löser 70 procent av de ärenden som aktualiseras. För 2015 är målet 30 procent.',
    description: '',
    // Kundcenter belongs to the communication unit (8.1.9.1).
    ownerDepartmentIds: ['kommunikation'],
  },
  {
    id: 'goal-6-1-4-1',
    number: '6.1.4.1',
    focusAreaId: 'fa-6-1-4',
    title:
      'Andelen personal som arbetar heltid ska mätas. 2018 är målet 85 procent. För 2015 är målet 78 procent.',
    description: '',
    // HR runs the full-time project (8.1.4.1).
    ownerDepartmentIds: ['hr'],
  },
  {
    id: 'goal-6-1-5-1',
    number: '6.1.5.1',
    focusAreaId: 'fa-6-1-5',
    title: 'Utveckla nya former av medborgardialog',
    description: '',
    // 8.1.5.1: "Den administrativa avdelningen ska även ”Utveckla nya former av medborgardialog”".
    ownerDepartmentIds: ['administrativa'],
  },
  {
    id: 'goal-6-1-6-1',
    number: '6.1.6.1',
    focusAreaId: 'fa-6-1-6',
    title: 'Mål för god ekonomisk hushållning',
    description: '',
    // Ekonomi och upphandling owns the e-invoice target (8.1.3.1); the kommunchef disposes of the
    // strategic allocation, which section 9 budgets under Förvaltningsledningen.
    ownerDepartmentIds: ['ekonomi-upphandling', 'forvaltningsledning'],
  },
  {
    id: 'goal-6-1-7-1',
    number: '6.1.7.1',
    focusAreaId: 'fa-6-1-7',
    title: 'Gemensamma värdegrund för mångfald, ökad integration och minskad främlingsfientlighet',
    description:
      'Organisationskulturen i en organisation är avgörande för vad den presterar. I det arbete som alla chefer i Ale kommun påbörjat är värdegrundsfrågorna i organisation framlyfta som en viktig faktor som behöver påverka organisationen och alla dess medarbetare. Mångfald och jämlikhet är värderingar som identifierats som viktiga. Kommunstyrelsen har sedan tidigare ett uppdrag från kommunfullmäktige att driva ett projekt för ökad mångfald, ökad integration och mot främlingsfientlighet. Sektor KS skall under våren 2015 starta arbetet i enlighet med uppdraget från kommunfullmäktige. I uppstarten av arbetet skall mål och målsättningar fram till 2018 tidigt identifieras och beslutas.',
    // Curated: the seed says only "Sektor KS"; Utvecklingsavdelningen holds folkhälsa and the
    // cross-sector strategic work (8.1.8.1). The goals to 2018 are still to be set, so no indicator.
    ownerDepartmentIds: ['utveckling'],
  },
];

export const indicators2015: Indicator[] = [
  {
    id: 'ind-befolkningstillvaxt',
    goalId: 'goal-6-1-1-1',
    name: 'Befolkningsökning per år',
    unit: 'percent',
    direction: 'increase',
    // "årligen": the same yearly growth over the strategy map's horizon 2015–2018.
    targetPath: [
      { year: 2015, value: 1.5 },
      { year: 2016, value: 1.5 },
      { year: 2017, value: 1.5 },
      { year: 2018, value: 1.5 },
    ],
    ownerDepartmentId: 'mark-exploatering',
    // N01951 is the population count; the outcome is its change from the year before.
    koladaKpiId: 'N01951',
    koladaMeasure: 'change-percent',
    source: 'Befolkningsstorleken ska öka med 1,5% årligen.',
  },
  {
    id: 'ind-energi-klimatplan-i-fas',
    goalId: 'goal-6-1-2-1',
    name: 'Andel av energi- och klimatplanens målsättningar som är i fas',
    unit: 'percent',
    direction: 'increase',
    targetPath: [{ year: 2018, value: 100 }],
    ownerDepartmentId: 'utveckling',
    source: '2018 ska alla målsättningar inom energi- och klimatplanen vara i fas.',
  },
  {
    id: 'ind-miljobilar',
    goalId: 'goal-6-1-2-2',
    name: 'Andel miljöbilar bland kommunens personbilar och lätta lastbilar',
    unit: 'percent',
    direction: 'increase',
    // The seed gives no year; 2018 is the strategy map's target year, as for the electric cars.
    targetPath: [{ year: 2018, value: 100 }],
    ownerDepartmentId: 'utveckling',
    source:
      'Upphandling genomförs för att möjliggöra att kommunens personbilar samt lätta lastbilar till 100 % är miljöbilar enligt vid varje tid gällande standard.',
  },
  {
    id: 'ind-el-elhybridbilar',
    goalId: 'goal-6-1-2-2',
    name: 'Andel el- och elhybridbilar av fordonen',
    unit: 'percent',
    direction: 'increase',
    targetPath: [{ year: 2018, value: 25 }],
    ownerDepartmentId: 'utveckling',
    source: 'I upphandlingen tas hänsyn till att 2018 skall 25 % av fordonen vara el eller elhybrider.',
  },
  {
    id: 'ind-kundcenter-forsta-kontakt',
    goalId: 'goal-6-1-3-1',
    name: 'Andel ärenden som löses vid första kontakten med kundcenter',
    unit: 'percent',
    direction: 'increase',
    // 2015 and 2018 from 6.1.3.1; 2016 and 2017 from the phases of 8.1.9.1 (phase 2 ends autumn 2016
    // at 40 %, phase 3 autumn 2017 at 60 %).
    targetPath: [
      { year: 2015, value: 30 },
      { year: 2016, value: 40 },
      { year: 2017, value: 60 },
      { year: 2018, value: 70 },
    ],
    ownerDepartmentId: 'kommunikation',
    source: [
      'Kommunstyrelsen ges i uppdrag att till mandatperiodens slut införa ett kundcenter som vid första kontakten löser 70 procent av de ärenden som aktualiseras. För 2015 är målet 30 procent.',
      'Fas 2 – Starta kundcenter (2015/höst 2016) – 40 % av alla ärenden',
      'Fas 3 – Vidareutveckla kundcenter – (2016/ höst 2017) 60 % av alla ärenden',
      'Fas 4 – Färdigutvecklat kundcenter – (2018) 70 % av alla ärenden',
    ].join(SOURCE_SEPARATOR),
  },
  {
    id: 'ind-kundcenter-typarenden',
    goalId: 'goal-6-1-3-1',
    name: 'Antal typärenden som klaras av direkt vid första kontakt med kundcenter',
    unit: 'count',
    direction: 'increase',
    targetPath: [{ year: 2018, value: 250 }],
    ownerDepartmentId: 'kommunikation',
    source:
      'Projektet är indelat i 4 faser och går i mål januari 2018 då 250 typärenden skall klaras av direkt vid första kontakt med KC, vilket motsvarar 70% av alla ärenden.',
  },
  {
    id: 'ind-heltid',
    goalId: 'goal-6-1-4-1',
    name: 'Andel personal som arbetar heltid',
    unit: 'percent',
    direction: 'increase',
    targetPath: [
      { year: 2015, value: 78 },
      { year: 2018, value: 85 },
    ],
    ownerDepartmentId: 'hr',
    source:
      'Andelen personal som arbetar heltid ska mätas. 2018 är målet 85 procent. För 2015 är målet 78 procent.',
  },
  {
    id: 'ind-elektroniska-fakturor',
    goalId: 'goal-6-1-6-1',
    name: 'Andel elektroniska fakturor av totalt antal fakturor',
    unit: 'percent',
    direction: 'increase',
    // The seed gives no year; it is a target of the 2015 plan.
    targetPath: [{ year: 2015, value: 50 }],
    ownerDepartmentId: 'ekonomi-upphandling',
    source:
      'Arbetet med elektroniska fakturor kommer att fortgå med målet att antalet elektroniska fakturor 50% av totalt antal fakturor',
  },
  {
    id: 'ind-strategisk-utveckling-anslag',
    goalId: 'goal-6-1-6-1',
    name: 'Använt anslag för strategisk utveckling',
    unit: 'tkr',
    // A ceiling: spending above the allocation is what the traffic light must catch.
    direction: 'decrease',
    targetPath: [{ year: 2015, value: 4928 }],
    // The kommunchef disposes of the allocation; section 9 budgets it under Förvaltningsledningen.
    ownerDepartmentId: 'forvaltningsledning',
    source: 'Kommunfullmäktige har avsatt 4 928 tkr för strategisk utveckling.',
  },
  // Näringsliv's group targets for 2015 (8.1.10.1) are attached to 6.1.1.1 Tillväxt: they aim at more
  // and stronger companies in Ale, which is the growth the focus area is about.
  {
    id: 'ind-natverkstraffar',
    goalId: 'goal-6-1-1-1',
    name: 'Antal nätverksträffar för företag',
    unit: 'count',
    direction: 'increase',
    targetPath: [{ year: 2015, value: 30 }],
    ownerDepartmentId: 'naringsliv',
    source:
      'Företagsutveckling: Ett 30-tal nätverksträffar fördelade över hela kommunen kommer göras under året.',
  },
  {
    id: 'ind-starta-eget-mingel',
    goalId: 'goal-6-1-1-1',
    name: 'Antal starta eget-mingel',
    unit: 'count',
    direction: 'increase',
    targetPath: [{ year: 2015, value: 2 }],
    ownerDepartmentId: 'naringsliv',
    source:
      'Två starta eget mingel ska genomföras samt starta eget utbildningar i samverkan med BRG ska hållas.',
  },
  {
    id: 'ind-foretagsbesok-naringsliv',
    goalId: 'goal-6-1-1-1',
    name: 'Antal företagsbesök av näringslivsenheten',
    unit: 'count',
    direction: 'increase',
    targetPath: [{ year: 2015, value: 40 }],
    ownerDepartmentId: 'naringsliv',
    source:
      'Näringslivsenheten kommer genomföra ett 40-tal företagsbesök och representanter för kommunledningen ska göra minst 20 företagsbesök under året.',
  },
  {
    id: 'ind-foretagsbesok-kommunledning',
    goalId: 'goal-6-1-1-1',
    name: 'Antal företagsbesök av kommunledningen',
    unit: 'count',
    direction: 'increase',
    targetPath: [{ year: 2015, value: 20 }],
    ownerDepartmentId: 'naringsliv',
    source:
      'Näringslivsenheten kommer genomföra ett 40-tal företagsbesök och representanter för kommunledningen ska göra minst 20 företagsbesök under året.',
  },
  {
    id: 'ind-prao-8-klass',
    goalId: 'goal-6-1-1-1',
    name: 'Andel elever i årskurs 8 som erbjuds prao',
    unit: 'percent',
    direction: 'increase',
    targetPath: [{ year: 2015, value: 100 }],
    ownerDepartmentId: 'naringsliv',
    source: 'Skola Näringsliv – Alla 8:e klassare ska erbjudas prao.',
  },
];

export const initiatives2015: Initiative[] = [
  {
    id: 'init-6-1-1-1-1',
    number: '6.1.1.1.1',
    goalId: 'goal-6-1-1-1',
    title: 'Utveckla Ale drivs som projekt tillsammans med sektor samhällsbyggnad',
    ownerDepartmentId: 'mark-exploatering',
    aspects: {
      brukare: 'Antalet invånare skall öka med 1,5 % per år.',
      processer:
        'Strukturplaner och inledande detaljplaner tas fram för Älvängen och Nödinge. Bostadsbyggandet fortsätter i de planerade områdena. Gemensam översiktsplanering gör det tydligt för olika intressenter att Ale är en långsiktig och trovärdig partner värd att satsa på.',
      ekonomi:
        'Utvecklingsarbetet i Älvängen och Nödinge finansieras genom investeringsmedel avsatta för utveckling av våra centralorter.',
    },
  },
  {
    id: 'init-6-1-2-1-1',
    number: '6.1.2.1.1',
    goalId: 'goal-6-1-2-1',
    title:
      'Anvisningar och genomförandeplan fram till 2018 för uppfyllande av energi- och klimatplanen fastställs av förvaltningen',
    ownerDepartmentId: 'utveckling',
    aspects: {
      brukare:
        'Energi- och klimatplanen omfattar en del som avser Ale som geografisk plats. Den andra delen omfattar kommunen som organisation. Avsikten är att driva mot hållbar utveckling för att minska belastningen för kommande generationer',
      processer:
        'Kommunfullmäktige kommer 2015 att ta beslut om en reviderad Energi- och klimatplan. När den nya planen är beslutad skall förvaltningen arbeta fram anvisningar och genomförandeplan för de kommande fyra åren för att ambitionerna i planen skall uppfyllas.',
      ekonomi:
        'Till största delen täcks dessa kostnader av ordinarie ramanslag. Till mindre del kan finansiering ske av medel för strategiska satsningar',
    },
  },
  {
    id: 'init-6-1-2-2-1',
    number: '6.1.2.2.1',
    goalId: 'goal-6-1-2-2',
    title:
      'Serviceorganisation för bilpool startas. En första viktig uppgift är att upphandla ramavtal med miljöbilar som täcker kommunens behov',
    // Curated, as for the goal: the car pool goes with the environmental work in Utveckling.
    ownerDepartmentId: 'utveckling',
    aspects: {
      processer: [
        'Bilar och fordon i Ale kommun hanteras idag inte på ett enhetligt sätt. Det finns en stor potential till förbättring med en gemensam organisation. En ny serviceorganisation för stödverksamhet inom hela förvaltningen förbereds med start januari 2016. Bilhanteringen skall skyndsamt överföras till denna organisation med en interimistisk lösning under 2015.',
        'Upphandling genomförs för att möjliggöra att kommunens personbilar samt lätta lastbilar till 100 % är miljöbilar enligt vid varje tid gällande standard. I upphandlingen tas hänsyn till att 2018 skall 25 % av fordonen vara el eller elhybrider. För att underlätta användningen av elbilar behöver antalet laddningsstationer byggas ut.',
      ].join('\n\n'),
    },
  },
  {
    id: 'init-6-1-3-1-1',
    number: '6.1.3.1.1',
    goalId: 'goal-6-1-3-1',
    title: 'Kundcenter steg 1 startas under året',
    ownerDepartmentId: 'kommunikation',
    aspects: {
      brukare:
        'Kunder och invånare skall inte behöva ha detaljerad kunskap om kommunens organisation. Istället skall kommunens arbete utgå från var och ens frågeställning.',
      processer: [
        'Till Kundcenter ska medborgare kunna vända sig i alla frågor. Det är vägen in till kommunen för den som inte direkt vet vart hen skall vända sig. Ett kundcenter byggs efterhand upp som skall hantera 70 % av alla inkommande ärenden till kommunen.2015 etableras första steget vilket innebär att 30 % av enkla ärenden kan hanteras direkt. 2018 är genomförandet klart och då skall slutmålet nås.',
        [
          'Kundcenter',
          '- ger information och vägledning',
          '- statusfrågor i personärenden',
          '- direkthandlägger enkla ärenden',
          '- bedömer, sorterar och förmedlar kontakt med rätt funktion i ärenden utanför Kundcenters uppdrag',
          '- följer upp och återkopplar till ansvarig verksamhet',
        ].join('\n'),
        'Kontakter kan ske på olika sätt t ex via telefon, sms, e-post, e-tjänst, brev, twitter, facebook, chatt eller besök\nKundcenter är organisationsoberoende',
      ].join('\n\n'),
      ekonomi:
        'Efterhand kommer resurser att överföras från de olika sektorerna när arbetsuppgifter tas över av kundcenter. Initialt behöver resurser tillskjutas från strategiska satsningar för framdrift av projektet.',
    },
  },
  {
    id: 'init-6-1-4-1-1',
    number: '6.1.4.1.1',
    goalId: 'goal-6-1-4-1',
    title: 'Strategiskt projekt som ökar andelen heltidsarbetande',
    ownerDepartmentId: 'hr',
    aspects: {
      resurser:
        'Under 2015 skall ett projekt drivas kring hur kommunen ökar sysselsättningsgraden och andelen heltidsanställda. En viktig beståndsdel i arbetet blir den kommande gemensamma bemanningspoolen.',
    },
  },
  {
    // The seed writes the Brukare/Processer/Ekonomi paragraphs directly under goal 6.1.5.1, without an
    // initiative number; they are kept as an initiative numbered like its goal so they are followed up.
    id: 'init-6-1-5-1',
    number: '6.1.5.1',
    goalId: 'goal-6-1-5-1',
    title: 'Utveckla nya former av medborgardialog',
    ownerDepartmentId: 'administrativa',
    aspects: {
      brukare:
        'Invånare och företagare vill i allt större omfattning vara med och påverka sin vardag. Medborgardialog i olika former stödjer detta.',
      processer:
        'Sektor KS skall tillsammans med politiken framförallt i demokratiberedningen under 2015 utveckla formerna för medborgardialog. Olika behov täcks genom ett varierat användande av flera olika metoder. Erfarenheter från andra kommuner skall tas tillvara och målsättningen är att Ale kommun skall vara ledande inom detta område.',
      ekonomi: 'Finansieras genom basorganisationen och medel avsatta till strategiska målsättningar',
    },
  },
  {
    id: 'init-6-1-6-1-1',
    number: '6.1.6.1.1',
    goalId: 'goal-6-1-6-1',
    title: 'Finansiering av strategiska målsättningar',
    // "kommunchefen disponerar anslaget": the kommunchef is Förvaltningsledning (8.1.1.1).
    ownerDepartmentId: 'forvaltningsledning',
    aspects: {
      processer:
        'Förvaltningen har med utgångspunkt i Ales vision - Lätt att leva byggt upp ett styrsystem som bygger på balanserad styrning. Sex strategiska målsättningar i kund/brukar perspektivet anger inriktningen i arbetet. Övriga tolv målsättningar skall stödja arbetet. Strategiskt arbete kräver resurser. Resurser finns redan i de ramar som respektive sektor har tilldelats. Inom vissa områden kräver aktiviteterna som driver utvecklingen från dagens läge till det framtida önskvärda ytterligare resurser.',
      ekonomi:
        'Kommunfullmäktige har avsatt 4 928 tkr för strategisk utveckling. Strategiska förvaltningsledningen skall prioritera hur dessa resurser skall användas och kommunchefen disponerar anslaget för dessa prioriteringar.',
    },
  },
];
