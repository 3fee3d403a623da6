/**
 * The ten departments of section 8.1 of the 2015 plan, curated from the seed text.
 *
 * Conventions (checked against the seed by plan2015.test.ts):
 * - Where a department prints a single table headed "Verksamhet Kostnad 2015 (tkr)" whose lines are
 *   kinds of cost (Personalkostnader, Övriga verksamhetskostnader, …), it is recorded as `costsByKind`
 *   because that is what the lines are; `costsByActivity` is then empty.
 * - Income is negative, as the plan prints it in the cost tables; the IT table prints its income
 *   ("Intäkter IT modellen 31365") without a sign, so it is stored negated to make its "Summa 0" add up.
 * - `staff` is the head count the personalkostnader text gives, null where it gives none.
 */
import type { Department } from '../model';

const paragraphs = (...parts: string[]): string => parts.join('\n\n');

export const departments2015: Department[] = [
  {
    id: 'forvaltningsledning',
    number: '8.1.1',
    name: 'Förvaltningsledning',
    budgetPreviousYearTkr: 11950,
    budgetTkr: 5314,
    costsByKind: [
      { label: 'Personalkostnader', amountTkr: 1264 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 4050 },
    ],
    costsByKindTotalTkr: 5314,
    costsByActivity: [],
    costsByActivityTotalTkr: null,
    staff: 1,
    description:
      'Den nystartade utvecklingsavdelningen var tillsammans med näringslivsenheten en betydande del av förvaltningsledningen fram till 2014. Den kvarvarande delen är nu kommunchefen, kostnader för Soltak samt Sektor KS buffert.',
  },
  {
    id: 'mark-exploatering',
    number: '8.1.2',
    name: 'Mark och exploatering',
    budgetPreviousYearTkr: 2328,
    budgetTkr: 1694,
    costsByKind: [
      { label: 'Personalkostnader', amountTkr: 1970 },
      { label: 'Intäkter', amountTkr: -1900 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 1624 },
    ],
    costsByKindTotalTkr: 1694,
    costsByActivity: [
      { label: 'Allmän mark', amountTkr: 241 },
      { label: 'Väg- och järnvägsutbyggnad', amountTkr: 300 },
      { label: 'Administration', amountTkr: 1103 },
      { label: 'Statistik', amountTkr: 50 },
    ],
    // The activity table has no Summa line in the seed.
    costsByActivityTotalTkr: null,
    // 8.1.2.3 gives only a cost ("cirka 2 mkr"); the description names a chef and three engineers,
    // with two more being recruited, which is not a head count for the year.
    staff: null,
    description: paragraphs(
      'Mark- och exploateringsavdelningen består av mark- och exploateringschef och tre exploateringsingenjörer. Rekrytering av två projektutvecklare pågår. Avdelningen ansvarar för kommunens markinnehav och exploateringsverksamhet i syfte att skapa mark för nya bostäder, verksamheter m.m. Avdelningen ska, genom projektutvecklarna, ha en ledande roll inom projektet Utveckla Ale omfattande utveckling av Nödinge och Älvängen. Avdelningen har ansvar för befolkningsstatistik. Avdelningen har också ansvar för ev statligt bidragsberättigad marksanering inom Älvängens industriområde, personell resurs saknas för detta. Arbetet upprätthålls tillfälligt av resursperson inom sektor Samhällsbyggnad.',
      'Projektet Utveckla Ale är högprioriterat under 2015.',
      'På bostadssidan kommer huvudfokus att ligga på utbyggnaden av Kronogården i Älvängen, ca 400 bostäder, och Keillers damm i Surte, ca 120 bostäder. Vid Skårdalsvägen i Bohus kan byggandet av ett projekt med ca 35 bostäder komma igång. En viktig uppgift blir att nå fram till en lagakraftvunnen detaljplan för Ale Höjd i Nödinge för ca 250 bostäder. Vidare kommer vi att arbeta med planläggning av Gustavas plats, ca 50 bostäder, och Änggatan, ca 70 bostäder, båda i Älvängen, samt Folketshusvägen/Kärrvägen i Nol, ca 140 bostäder. Möjligheten att erbjuda studentbostäder i kommunen ska undersökas. Bostadsförsörjningsprogrammet ska revideras 2015.',
      'När det gäller verksamhetsmark ligger fokus på Häljereds, Stora Vikens och Osbackens verksamhetsområden. I Osbacken ska detaljplanen antas och projektering/upphandling av gata och VA ske. Detaljplanen för Häljered upphävdes under 2014 och ny planprocess bör startas under 2015. Programmet Mark för verksamheter ska revideras under 2015.',
    ),
  },
  {
    id: 'ekonomi-upphandling',
    number: '8.1.3',
    name: 'Ekonomi och upphandling',
    budgetPreviousYearTkr: 9221,
    budgetTkr: 9242,
    costsByKind: [
      { label: 'Personalkostnader', amountTkr: 7443 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 1799 },
    ],
    costsByKindTotalTkr: 9242,
    costsByActivity: [
      { label: 'Ekonomi och budget', amountTkr: 6845 },
      { label: 'Upphandling', amountTkr: 2397 },
    ],
    costsByActivityTotalTkr: 9242,
    // The five controllers transferred during 2015 are outside this budget (8.1.3.3), so not counted.
    staff: 12,
    description: paragraphs(
      'Ekonomi och upphandling är två tydliga delar av avdelningen. Ekonomi kan i sin tur delas i två underavdelningar budget och redovisning. Verksamheten leds av ekonomichefen.',
      'Inom ekonomi avdelningen har redovisningsdelen sex medarbetare och budgetdelen har två. Under 2015 kommer förändringar att ske inom bemanningen för budgetenheten. Den 0,75 vakanta controllertjänsten dras in och istället kommer 5 controllers från övriga sektorer att överföras till den centrala ekonomifunktionen. I ovanstående budget ingår inte denna överföring utan det kommer att ske i särskild ordning. Genom centraliseringen av förvaltningens controllers underlättas en samordning och likriktning av kommunens budget- och uppföljningsprocesser till nämnderna. En tydligare ekonomistyrning ska uppnås. Kommunens chefer ska utbildas i detta ämne.',
      'Om kommunens redovisningsfunktion inte överförs till SOLTAK AB innebär det att en upphandling måste påbörjas för ekonomisystem/inköpssystem. Arbetet med elektroniska fakturor kommer att fortgå med målet att antalet elektroniska fakturor 50% av totalt antal fakturor',
      'Upphandlingsenheten kommer förhoppningsvis att vara fullt bemannad efter någon månad in på 2015. Enhetens arbete speglar verksamheten i övrigt. Vi har nu framför oss några år med stora investeringar inte minst i skollokaler. Detta ställer ökade krav på upphandlingsfunktionen. En översyn av kommunens avtal kommer att göras och en egen Winst-modul för Ale kommun ska upprättas.',
    ),
  },
  {
    id: 'hr',
    number: '8.1.4',
    name: 'HR avdelningen',
    // The header reads "Budget 2014 (tkr) 17.143 Budget 2014 (tkr) 17866"; the second figure equals
    // the 2015 table's Summa, so it is taken as the 2015 budget (see knownDiscrepancies2015).
    budgetPreviousYearTkr: 17143,
    budgetTkr: 17866,
    costsByKind: [
      { label: 'Personalkostnader', amountTkr: 7947 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 9919 },
    ],
    costsByKindTotalTkr: 17866,
    costsByActivity: [
      { label: 'Administration', amountTkr: 9199 },
      { label: 'Facklig ersättning', amountTkr: 3587 },
      { label: 'Personalverksamhet', amountTkr: 500 },
      { label: 'Företagshälsovård', amountTkr: 2635 },
      { label: 'Uppvaktning', amountTkr: 590 },
      { label: 'Ferie', amountTkr: 170 },
      { label: 'Konsult och utveckling', amountTkr: 850 },
      { label: 'Omställning och rekrytering', amountTkr: 335 },
    ],
    costsByActivityTotalTkr: 17866,
    // 6 + 1 + 0,6 + 6,2 + 1 from 8.1.4.3; the 0,4 "som HR för Borf" works for another organisation.
    staff: 14.8,
    description: paragraphs(
      'Personalavdelningen ansvarar för löpande och strategiskt HR och för utbetalning och bearbetning av lön. Arbetet består bland annat av rekrytering, ledarutveckling, lönesättning, arbetsrätt/förhandling, hälsofrågor och avveckling.',
      'Inom Personalavdelningen finns kommun gemensamma kostnader för företagshälsovård, ledarutveckling, uppvaktningar, framtagande av nytt HR system, rekrytering samt facklig ersättning.',
      'Under 2015 kommer en avgörande fråga vara att implementera nytt HR system inkluderande lönesystem och bemanning/planeringsystem. I och med nytt system, blir gemensam bemanningspool för kommunen aktuell. Andra frågor som planerade under 2015 är medarbetarenkät, ledarutveckling, kompetensförsörjning och framtagning av Ale kommuns arbetsgivarvarumärke.',
      'Uppdraget om att öka heltidsanställningarna innebar att under 2015 kommer ett projekt sättas samman och drivas kring hur kommunen ökar sysselsättningsgraden och andelen heltidsanställda. En beståndsdel i arbetet blir den kommande gemensamma bemanningspoolen.',
      'De strategiska blocken Tydligt, Tryggt och Modigt ledarskap och Målinriktad kompetensförsörjning, stöds av aspirantprogram, chefsintroduktion, mentorprogram, ledarprogram för verksamhetscheferna och kvalitetshöjning inom rekrytering.',
    ),
  },
  {
    id: 'administrativa',
    number: '8.1.5',
    name: 'Administrativa avdelningen',
    budgetPreviousYearTkr: 12500,
    budgetTkr: 14699,
    costsByKind: [
      { label: 'Personalkostnader', amountTkr: 5881 },
      { label: 'Intäkter', amountTkr: -4782 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 13600 },
    ],
    costsByKindTotalTkr: 14699,
    costsByActivity: [
      { label: 'Allmän administration', amountTkr: 4524 },
      { label: 'Kontorsservice', amountTkr: 1385 },
      { label: 'Kontorsmaterial', amountTkr: -150 },
      { label: 'Repro', amountTkr: -620 },
      { label: 'Posthantering', amountTkr: -50 },
      { label: 'Krishantering', amountTkr: -260 },
      { label: 'Risk hantering', amountTkr: 225 },
      { label: 'Arkiv', amountTkr: 25 },
      { label: 'Kapitalkostnader', amountTkr: 4559 },
      { label: 'Gemensamma kostnader', amountTkr: 5061 },
    ],
    costsByActivityTotalTkr: 14699,
    staff: 12.75,
    description: paragraphs(
      'Administrativa avdelningens uppdrag är att fungera som en specialist- och stödfunktion samt ansvara för att driva och leda strategiska utvecklingsarbeten inom sitt verksamhetsområde. Verksamheten omfattar följande sakområden:',
      'Ärendehantering till kommunstyrelsen och fullmäktige, demokratifrågor, kris- och säkerhetshantering, brottsförebyggande arbete, stöd och handläggning mot överförmyndarnämnden, kommunaljuridiska frågor, arkivfrågor, valfrågor och kontorsservice',
      'Administrativa avdelningen ska under året fortsätta med implementeringen av det nya ärende- och dokumenthanteringssystemet för hela organisationen., utvecklingen fokuseras på kvalité, effektivitet, råd och stöd. Ärendehanteringsprocessen ska stärkas för att öka kvalitén.',
      'Den administrativa avdelningen ska även ”Utveckla nya former av medborgardialog”',
      'Utveckla en styrning av medborgardialog för att på längre sikt och på ett konsekvent sätt, kunna identifiera de frågor som kommunen och invånarna har ett behov av att föra en dialog om. Ett första steg i denna process är att organisationen enas om syftet med medborgardialog i Ale. Parallellt med detta arbete utvecklas Ale kommuns befintliga metoder för medborgardialog och på längre sikt kommer nya metoder för medborgardialog att prövas.',
      'Kommunstyrelsen är arkivmyndighet för kommunen. Arkivfrågorna är också en del av arbetet med att utveckla och effektivisera ärendehanteringen, där har arbetet påbörjats och dagens arkiv ska digitaliserats. Detta arbete är också viktigt som ett led att bli en e-myndighet.',
      'Det gemensamma arbetet med att skapa en trygg och säker kommun ska förbättras och utvecklas, detta sker bl.a. genom ökad kompetens och förmåga hos samtliga medarbetare, samt en ökad delaktighet hos våra invånare. Säkerhetsfrågorna omfattar området från intern säkerhet till krishantering.',
      'Administrativa avdelningen svarar för allt stöd till överförmyndarnämndens ansvarsområde.',
      'Kontorsservice är en internfinansierad verksamhet som ger service till hela organisationen inom områdena posthantering och posttransporter, inköp och leverans av kontorsmaterial samt tryck och framställning av trycksaker, här pågår ett utvecklingsarbete att samordna dessa frågor inom en för kommunen gemensam organisation.',
      'Demokratiarbetet via demokratiberedningen får stöd i planering och utvecklingsfrågor, här genomförs ortsutvecklingsmöten, ungdomsfullmäktige, medborgarpaneler, stöd till ungdomsrådet och projektet medborgardialog.',
    ),
  },
  {
    id: 'it',
    number: '8.1.6',
    name: 'IT avdelningen',
    budgetPreviousYearTkr: 0,
    budgetTkr: 0,
    costsByKind: [],
    costsByKindTotalTkr: null,
    // The seed prints a subtotal "Summa Kostnader 31365" between the cost lines and the income line;
    // the model has no subtotals, so the test checks it against the seed instead.
    costsByActivity: [
      { label: 'Administration', amountTkr: 5392 },
      { label: 'Driftavtal', amountTkr: 12152 },
      { label: 'Kapitalkostnader', amountTkr: 5534 },
      { label: 'Drift', amountTkr: 1250 },
      { label: 'Telekommunikation', amountTkr: 2063 },
      { label: 'IT-utbildning', amountTkr: 4974 },
      { label: 'Intäkter IT modellen', amountTkr: -31365 },
    ],
    costsByActivityTotalTkr: 0,
    staff: 15,
    description: paragraphs(
      'IT-avdelningen skall erbjuda IT-tjänster som är kostnadseffektiva, processorienterade och skapar värde åt verksamheten. IT-avdelningen tar ansvar för drift och utveckling av kommunens IT-verksamhet där även den pedagogiska verksamheten ingår. Utvecklingen sker utifrån kommunens vision samt KOM/IT-strategin för Ale kommun. IT avdelningen finansieras via IT modellen.',
      'Avdelningens huvudsakliga uppgift är att sköta drift, support samt utveckling av Ale Kommuns IT plattform på uppdrag av verksamheten.',
      'IT avdelningen finansieras via IT modellen där principen varit att initiala kostnader för programanskaffning skall ligga på anskaffande sektor. Kostnader för support och drift ligger inom modellen. Modellen finansierar också mjukvara, hårdvara och infrastruktur. Debiteringsmodellen har utgått från antalet datorer i systemet och kostnaderna debiterats per antal nyttjare.',
      'Systemet har inte fungerar optimalt då fokus inte legat på låga kostnader och effektivitet i användandet. Det har också funnits betydande problem med rollfördelningen. IT-avdelningen har haft för mycket ansvar. Varför en ny modell arbetats fram där delar av ansvaret fördelas på systemägare, systemförvaltare samt driftansvariga för IT frågor.',
      'Arbete med att ta fram en ny IT modell har genomförts med fokus på tjänstekatalog samt förvaltningsorganisation. Under 2015 kommer en ny tjänstekatalog tillämpas och debitering till verksamheten att ske enligt denna. Denna nya förvaltningsorganisation skall införas successivt under året och vara fullt införd från 1 januari 2016.',
    ),
  },
  {
    id: 'fortroendemannaorganisationen',
    number: '8.1.7',
    name: 'Förtroendemannaorganisationen',
    budgetPreviousYearTkr: 7128,
    budgetTkr: 7780,
    costsByKind: [
      { label: 'Intäkter', amountTkr: -25 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 7805 },
    ],
    costsByKindTotalTkr: 7780,
    costsByActivity: [
      { label: 'Kommunfullmäktige', amountTkr: 2500 },
      { label: 'Kommunstyrelsen', amountTkr: 3100 },
      { label: 'Kommunstyrelsen AU', amountTkr: 550 },
      { label: 'Råden', amountTkr: 200 },
      { label: 'Partistöd', amountTkr: 1430 },
    ],
    costsByActivityTotalTkr: 7780,
    // The only paid people are two elected kommunalråd on fees (arvoderade), not employees.
    staff: null,
    description: paragraphs(
      'Förtroendemannaverksamheten omfattar kommunfullmäktige, kommunstyrelsen med dess beredning. I anslaget ryms också stöd till pensionärsråd, rådet för funktionshinderfrågor samt partistöd.',
      'Inom ramen för kommunfullmäktige hanteras följande frågor:',
      'Kommunfullmäktiges sammanträden, medborgarceremoni för nya svenskar, firande av nationaldagen, demokratiberedningen, ortsutvecklingsmöten, ungdomsfullmäktige, uppvaktning av förtroendevalda (25 år), bokslutsdag, borgerlig vigsel/begravning.',
      'Inom ramen för kommunstyrelsen hanteras följande frågor:',
      'Kommunstyrelsens sammanträden och beredning. Stöd till ungdomsrådet.',
      'Inom ramen för kommunstyrelsen finns två kommunalråd.',
    ),
  },
  {
    id: 'utveckling',
    number: '8.1.8',
    name: 'Utvecklingsavdelning',
    budgetPreviousYearTkr: 175,
    budgetTkr: 5138,
    costsByKind: [
      { label: 'Lönekostnader', amountTkr: 4174 },
      { label: 'IT-kostnader', amountTkr: 266 },
      { label: 'övrigt', amountTkr: 698 },
    ],
    costsByKindTotalTkr: 5138,
    costsByActivity: [],
    costsByActivityTotalTkr: null,
    // "sammanlagt 10 personer": 7 on the budget and 3 in folkhälsa invoiced internally during 2015.
    staff: 10,
    description: paragraphs(
      'Utvecklingsavdelningen inom sektor KS startades den 1 oktober 2014. Medarbetare från olika delar av förvaltningen som arbetar strategiskt gränsöverskridande samlades då i en gemensam organisation. Rekrytering till de tjänster som är vakanta har pågått under hösten 2014.',
      'De sakområden som ingår i utvecklingsavdelningen är, folkhälsa, hållbar utveckling, kvalitet, internationalisering samt lokalsamordning. Det finns också behov av att stärka den analytiska/statistiska kompetensen. Resurser finns avsatta för att anställa en befattningshavare under cirka 2/3 av året.',
      'Utvecklingsavdelningen kommer att ges ett särskilt ansvar att stödja arbetet med balanserad styrning och de strategiska målsättningarna.',
      'I budgeten för 2015 ingår inte folkhälsodelen. Resursen för detta ligger fortfarande på Omsorgs- och arbetsmarknadsnämnden. Detta kommer att lösas med internfakturering under 2015.',
    ),
  },
  {
    id: 'kommunikation',
    number: '8.1.9',
    name: 'Kommunikation',
    budgetPreviousYearTkr: 4237,
    budgetTkr: 4418,
    costsByKind: [
      { label: 'Personalkostnader', amountTkr: 3551 },
      { label: 'Verksamhetsintäkter', amountTkr: -161 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 1028 },
    ],
    costsByKindTotalTkr: 4418,
    costsByActivity: [],
    costsByActivityTotalTkr: null,
    staff: 7,
    description: paragraphs(
      'Kommunikationsenheten har det strategiskt övergripande ansvaret för all kommunikation och både leder, stöttar, utvecklar och följer upp kommunikationsinsatser i hela kommunen. Prioriterade mål är att öka förtroendet för kommunens verksamheter samt öka Alebornas möjlighet till att vara delaktiga i Ales utveckling och framtid. Enheten erbjuder specialiststöd internt i varumärkesfrågor, mediehantering. Kvalitetssäkrar webb, hanterar sociala medier och är behjälplig med grafisk design och kommunikationsplanering. I enheten ingår, förutom ansvarig chef, en strateg och en webbansvarig. Även kundcenter (tidigare växel) i Nödinge ingår. Totalt omfattar enheten 7 personer.',
      'Fokus 2015-2018 kommer att ligga på utveckling och implementering av kundcenter (KC). Projektet är indelat i 4 faser och går i mål januari 2018 då 250 typärenden skall klaras av direkt vid första kontakt med KC, vilket motsvarar 70% av alla ärenden. Inom ramen för KC ska vi också genomföra studier på hur vi bemöter kunden i hela organisationen.',
      [
        '• Fas 1 – Skapa förutsättningar för kundcenter (2014/avslut höst 2015) – chef KC rekryteras',
        '• Fas 2 – Starta kundcenter (2015/höst 2016) – 40 % av alla ärenden',
        '• Fas 3 – Vidareutveckla kundcenter – (2016/ höst 2017) 60 % av alla ärenden',
        '• Fas 4 – Färdigutvecklat kundcenter – (2018) 70 % av alla ärenden',
      ].join('\n'),
      'Redan idag utför befintligt KC en rad ärenden, ärenden som under året 2014 klassats som enklare ärenden och allmän information.',
    ),
  },
  {
    id: 'naringsliv',
    number: '8.1.10',
    name: 'Näringsliv',
    budgetPreviousYearTkr: 1645,
    budgetTkr: 2429,
    costsByKind: [
      { label: 'Personalkostnader', amountTkr: 1466 },
      { label: 'Övriga verksamhetskostnader', amountTkr: 963 },
    ],
    costsByKindTotalTkr: 2429,
    costsByActivity: [],
    costsByActivityTotalTkr: null,
    staff: 2,
    description: paragraphs(
      [
        'Övergripande mål',
        '1. Stärka och utveckla de företag som finns i Ale idag',
        '2. Skapa förutsättningar för fler företagsetableringar',
        '3. Öka antalet personer som startar företag i Ale',
      ].join('\n'),
      'Ales näringslivsråd, bestående av tolv lokala företagare utgör ryggraden i arbetet. Arbetet är organiserat i fem fokusgrupper. I varje fokusgrupp ingår en kommunal tjänstemän som representerar frågan i kommunen samt 3-5 företagare. Näringslivschefen är sammankallande och deltar i alla möten. Målen för 2015 är förankrade och utvecklade av respektive grupp. I alla grupper och aktiviteter strävar näringslivsenheten efter att samverka med externa aktörer som kan bistå målen.',
      'Mål för respektive grupp 2015',
      'Företagsutveckling: Ett 30-tal nätverksträffar fördelade över hela kommunen kommer göras under året. Utvecklingsprojekt kring besöksnäring, kreativa näringar och tjänstesektorn ska initieras. Ambitionen är även att få iväg en större EU-ansökan gällande innovationsarbete.',
      'Stimulans för att enmansföretagare ska våga rekrytera kommer att utvecklas. Två starta eget mingel ska genomföras samt starta eget utbildningar i samverkan med BRG ska hållas.',
      'BRG:s etableringsavdelning ska bjudas in till kommunen. Näringslivsenheten kommer genomföra ett 40-tal företagsbesök och representanter för kommunledningen ska göra minst 20 företagsbesök under året.',
      'Skola Näringsliv – Alla 8:e klassare ska erbjudas prao. Möjligheter till UF och entreprenörskap i skolan ska ses över.',
      'Internt kommun – Utveckla lotsgruppens arbete. Genomföra workshop med tjänstemän, politiker och företagare kring bemötande. E-tjänster för företagsärenden ska slutföras under året och man ska kunna följa sitt ärende på ”min sida”.',
      'Attraktionskraft – Porträtt av företagare i film och text ska tas fram, marknadsföring av Ale som etableringskommun kommer göras i samband med företagsevent i GR. Ale Invite; ett större snowboardevent som beräknas dra 10 000 besökare genomförs den 28:e februari. Företagsaktiviteter sker i anslutning till detta.',
      'Samhällsbyggnad – Dialogmöten med lokala näringslivet i Nödinge och Älvängen ska genomföras våren 2015, paketering av mark och lokaler för ny etablering ska tas fram.',
    ),
  },
];
