/**
 * Section 9 of the 2015 plan, the economic summary, with values exactly as printed.
 *
 * The area table's heading says "Belopp i Mkr" but its figures are tkr (its total 180 787 matches the
 * income statement's Kommunbidrag 180,7 Mkr); they are stored as tkr, and the heading is recorded in
 * knownDiscrepancies2015.
 */
import type { AreaBudgetRow, EconomicSummary, IncomeStatementRow, InvestmentRow } from '../model';

const columns = ['Bokslut 2013', 'Prognos 2014', 'Budget 2014', 'Budget 2015'] as const;

const row = (
  label: string,
  block: IncomeStatementRow['block'],
  isSum: boolean,
  values: readonly [number, number, number, number],
): IncomeStatementRow => ({
  label,
  block,
  isSum,
  // NaN cannot happen with a 4-tuple, and would fail the schema's finite() if it did.
  valuesMkr: Object.fromEntries(columns.map((column, index) => [column, values[index] ?? Number.NaN])),
});

const area = (
  label: string,
  departmentId: string | null,
  forecastPreviousYearTkr: number | null,
  budgetCostsTkr: number | null,
  budgetIncomeTkr: number | null,
  budgetTotalTkr: number | null,
  isTotal = false,
): AreaBudgetRow => ({
  label,
  departmentId,
  forecastPreviousYearTkr,
  budgetCostsTkr,
  budgetIncomeTkr,
  budgetTotalTkr,
  isTotal,
});

const investment = (
  label: string,
  forecastPreviousYearTkr: number | null,
  budgetPreviousYearTkr: number | null,
  budgetTkr: number | null,
  isTotal = false,
): InvestmentRow => ({ label, forecastPreviousYearTkr, budgetPreviousYearTkr, budgetTkr, isTotal });

export const economicSummary2015: EconomicSummary = {
  incomeStatementColumns: [...columns],
  incomeStatement: [
    row('Bidrag', 'intakter', false, [34.6, 5.3, 1.7, 1.3]),
    row('Försäljning av varor och verksamhet', 'intakter', false, [2.8, 2.7, 0.1, 0.1]),
    row('Hyror och arrenden', 'intakter', false, [1.7, 1.3, 1.2, 1.2]),
    row('Taxor och avgifter', 'intakter', false, [1.1, 0.7, 0.6, 0.7]),
    row('Övriga intäkter', 'intakter', false, [40.7, 44, 34.2, 36.2]),
    row('Summa intäkter', 'intakter', true, [80.9, 54.0, 37.8, 39.5]),
    row('Bidrag och transfereringar', 'kostnader', false, [8.9, 8.4, 9.8, 9.8]),
    row('Material/köpt verksamhet', 'kostnader', false, [22.3, 26.4, 26, 41.1]),
    row('Lokaler', 'kostnader', false, [7.3, 5.3, 5.7, 6.2]),
    row('Personal', 'kostnader', false, [71.2, 97.6, 92.5, 113.4]),
    row('Kapitalkostnader', 'kostnader', false, [11.3, 5.5, 7, 10]),
    row('Övrigt', 'kostnader', false, [64.1, 70, 59.8, 39.7]),
    row('Summa kostnader', 'kostnader', true, [185.1, 213.2, 200.8, 220.2]),
    row('Verksamhetens nettokostnader', 'resultat', true, [-104.2, -159.2, -163.0, -180.7]),
    row('Kommunbidrag', 'resultat', false, [115.2, 162.8, 162.8, 180.7]),
    row('Årets resultat', 'resultat', true, [11.0, 3.6, -0.2, 0.0]),
  ],
  areaBudget: [
    area('Förvaltningsledningen', 'forvaltningsledning', 14588, 10242, 0, 10242),
    area('Näringsliv', 'naringsliv', 1645, 2429, 0, 2429),
    area('Mark- Och Exploatering', 'mark-exploatering', 2328, 3594, 1900, 1694),
    area('Ekonomi och Upphandling', 'ekonomi-upphandling', 22094, 45809, 70, 45739),
    area('HR avdelningen', 'hr', 17363, 18036, 170, 17866),
    area('Kommunikation', 'kommunikation', 4237, 4579, 161, 4418),
    area('Administrativa avdelningen', 'administrativa', 40299, 45567, 4782, 40785),
    area('Utvecklingsavdelningen', 'utveckling', 10333, 15296, 0, 15296),
    area('Förtroende manna organisationen', 'fortroendemannaorganisationen', 7128, 7805, 25, 7780),
    area('Översiktlig planering', null, 1742, 1742, 0, 1742),
    area('Riktade uppdrag', null, 1536, 1536, null, 1536),
    area('Valnämnden', null, 1200, 0, 0, 0),
    area('revisorer', null, 1100, 1100, 0, 1100),
    area('Jävsnämnd', null, 160, 160, 0, 160),
    area('Särskilda insatser', null, 7373, 0, 0, 0),
    area('Pensionskostnader', null, 28000, 28000, 0, 28000),
    area('Överförmyndarnämnden', null, 1980, 2000, 0, 2000),
    area('Totalt', null, 163106, 187895, 7108, 180787, true),
  ],
  investments: [
    investment('Ekonomi och PA system', 281, 5145, 1900),
    investment('Centrumutveckling', 1874, 10000, 10000),
    investment('Markreserv', 4500, 15364, 10000),
    investment('Reinvesteringar/ Rationaliseringsinvesteringar KS', 227, 1000, 1300),
    investment('IT-investeringar', 7000, 8025, 9025),
    investment('Ärende och- dokument hanterings system', 430, 1644, null),
    investment('Totalt', 14312, 41178, 32225, true),
  ],
};
