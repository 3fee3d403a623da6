/**
 * The plan's known discrepancies in English, by id. The plan document carries them in Swedish
 * (`KnownDiscrepancy.description`, curated with the 2015 seed); a discrepancy without an entry
 * here is shown as the plan has it.
 */
import type { KnownDiscrepancy } from '@foljsam/domain';

const NOTES: Readonly<Record<string, string>> = {
  'hr-budget-header-years':
    'The heading for the HR department gives “Budget 2014” (in SEK thousand) twice: 17.143 and 17866. The second amount is shown as the 2015 budget because it equals the total of the department’s cost table.',
  'hr-personnel-cost-text':
    'The text puts staff costs at just under SEK 7.5 million, but the cost table gives staff costs of SEK 7,947 thousand.',
  'staff-total':
    'The text says 85 people work in the KS sector, but the numbers the departments give in 8.1.1–8.1.10 add up to 74.55 (Land and development and the elected representatives’ organisation give no number of employees).',
  'budget-total':
    'The text says the budget for the administration as a whole is SEK 66.9 million, but the departments’ 2015 budgets in 8.1.1–8.1.10 add up to SEK 68,580 thousand.',
  'forvaltningsledning-area-total':
    'The 2015 budget is SEK 5,314 thousand in section 8.1.1 but SEK 10,242 thousand in the economic summary (section 9), where, according to its note, the administration’s management also includes the strategic initiative. The difference, SEK 4,928 thousand, is the appropriation for strategic development.',
  'forvaltningsledning-area-costs':
    'The 2015 costs are SEK 5,314 thousand in section 8.1.1 but SEK 10,242 thousand in the economic summary (section 9).',
  'ekonomi-upphandling-area-total':
    'The 2015 budget is SEK 9,242 thousand in section 8.1.3 but SEK 45,739 thousand in the economic summary (section 9), where, according to its note, finance and procurement also includes the pay agreement and the holiday pay liability.',
  'ekonomi-upphandling-area-costs':
    'The 2015 costs are SEK 9,242 thousand in section 8.1.3 but SEK 45,809 thousand in the economic summary (section 9).',
  'ekonomi-upphandling-area-income':
    'Section 8.1.3 reports no income, but the economic summary (section 9) gives budgeted income of SEK 70 thousand.',
  'hr-area-costs':
    'The 2015 costs are SEK 17,866 thousand in section 8.1.4 but SEK 18,036 thousand in the economic summary (section 9). The net amount of SEK 17,866 thousand agrees, because section 9 also gives income of SEK 170 thousand.',
  'hr-area-income':
    'Section 8.1.4 reports no income, but the economic summary (section 9) gives budgeted income of SEK 170 thousand.',
  'administrativa-area-total':
    'The 2015 budget is SEK 14,699 thousand in section 8.1.5 but SEK 40,785 thousand in the economic summary (section 9), where, according to its note, the administrative department also includes the rescue service.',
  'administrativa-area-costs':
    'The 2015 costs (staff costs and other operating costs) are SEK 19,481 thousand in section 8.1.5 but SEK 45,567 thousand in the economic summary (section 9).',
  'utveckling-area-total':
    'The 2015 budget is SEK 5,138 thousand in section 8.1.8 but SEK 15,296 thousand in the economic summary (section 9), where, according to its note, the development department also includes the transport service for people with disabilities, public transport and the strategic environmental initiative.',
  'utveckling-area-costs':
    'The 2015 costs are SEK 5,138 thousand in section 8.1.8 but SEK 15,296 thousand in the economic summary (section 9).',
  'area-table-unit':
    'The economic summary says “Amounts in SEK million”, but the amounts are in SEK thousand: the total of 180,787 matches the municipal contribution of SEK 180.7 million in the income statement.',
};

/** A known discrepancy's note in English; the plan's own (Swedish) text for one not translated here. */
export const discrepancyNoteEn = (item: KnownDiscrepancy): string => NOTES[item.id] ?? item.description;
