/**
 * Places where the 2015 plan contradicts itself. The product shows them instead of silently fixing
 * the figures; plan2015.test.ts recomputes every sum and cross-check from the seed and fails unless
 * this list is exactly the set of checks that do not hold.
 *
 * `stated` is the figure printed in `section`; `computed` is what it is checked against: the sum of
 * the parts, or the same figure in another section (for 8 vs 9, the area table of section 9).
 * Both are null where the discrepancy is in words, not in a figure.
 */
import type { KnownDiscrepancy } from '../model';

export const knownDiscrepancies2015: KnownDiscrepancy[] = [
  {
    id: 'hr-budget-header-years',
    section: '8.1.4',
    subject: 'department:hr',
    description:
      'Rubriken för HR avdelningen anger ”Budget 2014 (tkr)” två gånger: 17.143 och 17866. Det andra beloppet visas som budget 2015 eftersom det är lika med summan i avdelningens kostnadstabell.',
    stated: null,
    computed: null,
  },
  {
    id: 'hr-personnel-cost-text',
    section: '8.1.4',
    subject: 'department:hr',
    description:
      'Texten anger att personalkostnaderna beräknas till knappt 7,5 Mkr, men kostnadstabellen anger Personalkostnader 7 947 tkr.',
    stated: 7500,
    computed: 7947,
  },
  {
    id: 'staff-total',
    section: '8.1',
    subject: 'plan:2015',
    description:
      'Texten anger att 85 personer arbetar inom sektor KS, men de antal som avdelningarna anger i 8.1.1–8.1.10 summerar till 74,55 (Mark och exploatering och Förtroendemannaorganisationen anger inget antal anställda).',
    stated: 85,
    computed: 74.55,
  },
  {
    id: 'budget-total',
    section: '8.1',
    subject: 'plan:2015',
    description:
      'Texten anger att budgeten för den samlade administrationen omfattar 66,9 Mkr, men avdelningarnas budget 2015 i 8.1.1–8.1.10 summerar till 68 580 tkr.',
    stated: 66900,
    computed: 68580,
  },
  {
    id: 'forvaltningsledning-area-total',
    section: '8.1.1',
    subject: 'department:forvaltningsledning',
    description:
      'Budget 2015 är 5 314 tkr i avsnitt 8.1.1 men 10 242 tkr i den ekonomiska sammanställningen (avsnitt 9), där förvaltningsledningen enligt noten även omfattar strategisk satsning. Skillnaden, 4 928 tkr, är anslaget för strategisk utveckling.',
    stated: 5314,
    computed: 10242,
  },
  {
    id: 'forvaltningsledning-area-costs',
    section: '8.1.1',
    subject: 'department:forvaltningsledning',
    description:
      'Kostnaderna 2015 är 5 314 tkr i avsnitt 8.1.1 men 10 242 tkr i den ekonomiska sammanställningen (avsnitt 9).',
    stated: 5314,
    computed: 10242,
  },
  {
    id: 'ekonomi-upphandling-area-total',
    section: '8.1.3',
    subject: 'department:ekonomi-upphandling',
    description:
      'Budget 2015 är 9 242 tkr i avsnitt 8.1.3 men 45 739 tkr i den ekonomiska sammanställningen (avsnitt 9), där ekonomi och upphandling enligt noten även omfattar löneavtalet och semesterskulden.',
    stated: 9242,
    computed: 45739,
  },
  {
    id: 'ekonomi-upphandling-area-costs',
    section: '8.1.3',
    subject: 'department:ekonomi-upphandling',
    description:
      'Kostnaderna 2015 är 9 242 tkr i avsnitt 8.1.3 men 45 809 tkr i den ekonomiska sammanställningen (avsnitt 9).',
    stated: 9242,
    computed: 45809,
  },
  {
    id: 'ekonomi-upphandling-area-income',
    section: '8.1.3',
    subject: 'department:ekonomi-upphandling',
    description:
      'Avsnitt 8.1.3 redovisar inga intäkter, men den ekonomiska sammanställningen (avsnitt 9) anger budgeterade intäkter på 70 tkr.',
    stated: 0,
    computed: 70,
  },
  {
    id: 'hr-area-costs',
    section: '8.1.4',
    subject: 'department:hr',
    description:
      'Kostnaderna 2015 är 17 866 tkr i avsnitt 8.1.4 men 18 036 tkr i den ekonomiska sammanställningen (avsnitt 9). Nettot 17 866 tkr stämmer eftersom avsnitt 9 även anger intäkter på 170 tkr.',
    stated: 17866,
    computed: 18036,
  },
  {
    id: 'hr-area-income',
    section: '8.1.4',
    subject: 'department:hr',
    description:
      'Avsnitt 8.1.4 redovisar inga intäkter, men den ekonomiska sammanställningen (avsnitt 9) anger budgeterade intäkter på 170 tkr.',
    stated: 0,
    computed: 170,
  },
  {
    id: 'administrativa-area-total',
    section: '8.1.5',
    subject: 'department:administrativa',
    description:
      'Budget 2015 är 14 699 tkr i avsnitt 8.1.5 men 40 785 tkr i den ekonomiska sammanställningen (avsnitt 9), där administrativa avdelningen enligt noten även omfattar räddningstjänsten.',
    stated: 14699,
    computed: 40785,
  },
  {
    id: 'administrativa-area-costs',
    section: '8.1.5',
    subject: 'department:administrativa',
    description:
      'Kostnaderna 2015 (Personalkostnader och Övriga verksamhetskostnader) är 19 481 tkr i avsnitt 8.1.5 men 45 567 tkr i den ekonomiska sammanställningen (avsnitt 9).',
    stated: 19481,
    computed: 45567,
  },
  {
    id: 'utveckling-area-total',
    section: '8.1.8',
    subject: 'department:utveckling',
    description:
      'Budget 2015 är 5 138 tkr i avsnitt 8.1.8 men 15 296 tkr i den ekonomiska sammanställningen (avsnitt 9), där utvecklingsavdelningen enligt noten även omfattar färdtjänsten, kollektivtrafiken och den strategiska miljösatsningen.',
    stated: 5138,
    computed: 15296,
  },
  {
    id: 'utveckling-area-costs',
    section: '8.1.8',
    subject: 'department:utveckling',
    description:
      'Kostnaderna 2015 är 5 138 tkr i avsnitt 8.1.8 men 15 296 tkr i den ekonomiska sammanställningen (avsnitt 9).',
    stated: 5138,
    computed: 15296,
  },
  {
    id: 'area-table-unit',
    section: '9',
    subject: 'economicSummary:areaBudget',
    description:
      'Den ekonomiska sammanställningen anger ”Belopp i Mkr”, men beloppen är i tkr: totalen 180 787 motsvarar kommunbidraget 180,7 Mkr i resultaträkningen.',
    stated: null,
    computed: null,
  },
];
