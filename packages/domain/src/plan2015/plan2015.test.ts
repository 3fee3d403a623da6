/**
 * Cross-checks the curated 2015 plan against the seed text it was curated from. Every expectation
 * reads the figure or sentence from the seed; nothing here copies a curated value, so a typo in the
 * data, a missing row or a wrongly recorded discrepancy fails the test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BudgetLine, councilAssignment, type Department, type InitiativeAspect, plan } from '../model';
import { SOURCE_SEPARATOR } from './goals';
import {
  councilAssignments2015,
  departments2015,
  knownDiscrepancies2015,
  plan2015,
  seedTextPath,
} from './index';

const seedRaw = readFileSync(seedTextPath, 'utf8');
/** Page headers the PDF extraction left in the middle of paragraphs and tables. */
const PAGE_FURNITURE = /^\s*Verksamhetsplan med budget 2015, Kommunstyrelsen\s+\d+\(\d+\)\s*$/;
const lines = seedRaw.split(/\r?\n/).filter((line) => !PAGE_FURNITURE.test(line));
const HEADING = /^\s*(\d{1,2}(?:\.\d{1,2})*) ([A-ZÅÄÖ0-9].*)$/;

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
const seedText = normalise(lines.join('\n'));

function headingAt(index: number): { number: string; title: string } | null {
  const match = HEADING.exec(lines[index] ?? '');
  return match ? { number: match[1] ?? '', title: (match[2] ?? '').trim() } : null;
}

function headingIndex(number: string): number {
  const index = lines.findIndex((_, i) => headingAt(i)?.number === number);
  if (index < 0) throw new Error(`section ${number} not found in the seed`);
  return index;
}

/** The lines of a section without its subsections. */
function ownLines(number: string): string[] {
  const start = headingIndex(number);
  let end = start + 1;
  while (end < lines.length && headingAt(end) === null) end++;
  return lines.slice(start + 1, end);
}

/** The lines of a section with its subsections. */
function sectionLines(number: string): string[] {
  const start = headingIndex(number);
  let end = start + 1;
  while (end < lines.length) {
    const heading = headingAt(end);
    if (heading && !heading.number.startsWith(`${number}.`)) break;
    end++;
  }
  return lines.slice(start + 1, end);
}

const headingTitle = (number: string): string => headingAt(headingIndex(number))?.title ?? '';
const sectionsUnder = (prefix: string, depth: number): string[] =>
  lines
    .map((_, i) => headingAt(i)?.number ?? '')
    .filter((n) => n.startsWith(`${prefix}.`) && n.split('.').length === depth);

/** Swedish formatting as the seed prints it: "4 928", "1,5", "-4 782". */
function sv(value: number): string {
  const [integer = '', fraction] = Math.abs(value).toString().split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}
/** An integer amount in tkr, with spaces or dots as thousands separators ("14 699", "17.143"). */
const parseTkr = (text: string): number => Number(text.replace(/[\s.]/g, ''));
const parseDecimal = (text: string): number => Number(text.replace(',', '.'));
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const slug = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** A department table line "<label> <amount>", e.g. "Summa 14 699" or "Kontorsmaterial -150". */
const TABLE_LINE = /^(.*?[^\d\s-]) (-?\d[\d ]*)$/;
function tableLines(rawLines: readonly string[]): { label: string; amount: number }[] {
  return rawLines.flatMap((line) => {
    const match = TABLE_LINE.exec(normalise(line));
    return match ? [{ label: match[1] ?? '', amount: parseTkr(match[2] ?? '') }] : [];
  });
}
/** The seed prints income negative, except IT's "Intäkter IT modellen 31365": stored negative too. */
const signed = ({ label, amount }: { label: string; amount: number }): BudgetLine => ({
  label,
  amountTkr: label.startsWith('Intäkter') && amount > 0 ? -amount : amount,
});

const ASPECT_HEADINGS: Record<string, InitiativeAspect> = {
  Brukare: 'brukare',
  Processer: 'processer',
  Ekonomi: 'ekonomi',
  Resurser: 'resurser',
};
/** A goal or initiative block: its heading text (with continuation lines) and aspect paragraphs. */
function parseBlock(number: string): { lead: string; aspects: Partial<Record<InitiativeAspect, string>> } {
  const leadLines = [headingTitle(number)];
  const aspects: Partial<Record<InitiativeAspect, string[]>> = {};
  let current: InitiativeAspect | null = null;
  for (const line of ownLines(number)) {
    const aspect = ASPECT_HEADINGS[line.trim()];
    if (aspect) {
      current = aspect;
      aspects[current] = [];
    } else if (current) aspects[current]?.push(line);
    else leadLines.push(line);
  }
  return {
    lead: normalise(leadLines.join(' ')),
    aspects: Object.fromEntries(
      Object.entries(aspects).map(([key, value]) => [key, normalise(value.join(' '))]),
    ),
  };
}

/** Every figure of the 2015 plan is set; a missing one (null) fails the sums as NaN. */
const figure = (value: number | null): number => value ?? Number.NaN;

const departmentCosts = (department: Department): BudgetLine[] =>
  department.costsByKind.length > 0 ? department.costsByKind : department.costsByActivity;
const grossCosts = (department: Department): number =>
  sum(departmentCosts(department).map((line) => Math.max(figure(line.amountTkr), 0)));
const income = (department: Department): number =>
  sum(departmentCosts(department).map((line) => Math.max(-figure(line.amountTkr), 0)));

interface Check {
  id: string;
  ok: boolean;
  stated: number | null;
  computed: number | null;
}
const sumCheck = (id: string, stated: number, computed: number, tolerance = 0): Check => ({
  id,
  ok: Math.abs(stated - computed) <= tolerance + 1e-9,
  stated,
  computed: round(computed, 2),
});

const economic = plan2015.economicSummary;
const section9 = sectionLines('9');
const section9Index = (predicate: (line: string) => boolean): number => {
  const index = section9.findIndex(predicate);
  if (index < 0) throw new Error('table heading not found in section 9');
  return index;
};
const incomeStart = section9Index((line) => line.trim() === 'Resultaträkning');
const areaStart = section9Index((line) => line.trim() === 'Ekonomisk sammanställning');
const investmentStart = section9Index((line) => line.trim() === 'Investeringar');
const incomeTable = section9.slice(incomeStart, areaStart);
const areaTable = section9.slice(areaStart, investmentStart);
const investmentTable = section9.slice(investmentStart);
const endsWithDigit = (line: string): boolean => /\d\s*$/.test(line);
const rowsAfter = (table: readonly string[], header: string): string[] => {
  const start = table.findIndex((line) => line.trim().startsWith(header));
  expect(start, `"${header}" in section 9`).toBeGreaterThanOrEqual(0);
  return table.slice(start + 1).filter(endsWithDigit);
};

const INCOME_SUM_ROWS = new Set([
  'Summa intäkter',
  'Summa kostnader',
  'Verksamhetens nettokostnader',
  'Årets resultat',
]);
const incomeRow = (label: string) => {
  const row = economic.incomeStatement.find((r) => r.label === label);
  if (!row) throw new Error(`income statement row ${label} missing`);
  return row;
};
const areaColumns = [
  'forecastPreviousYearTkr',
  'budgetCostsTkr',
  'budgetIncomeTkr',
  'budgetTotalTkr',
] as const;
const investmentColumns = ['forecastPreviousYearTkr', 'budgetPreviousYearTkr', 'budgetTkr'] as const;

describe('plan2015 conforms to the model', () => {
  it('parses with the zod schemas', () => {
    expect(() => plan.parse(plan2015)).not.toThrow();
    for (const assignment of councilAssignments2015) {
      expect(() => councilAssignment.parse(assignment), assignment.id).not.toThrow();
    }
  });

  it('has unique ids and references that resolve', () => {
    const collections = {
      perspectives: plan2015.perspectives.map((p) => p.id),
      focusAreas: plan2015.focusAreas.map((f) => f.id),
      goals: plan2015.goals.map((g) => g.id),
      indicators: plan2015.indicators.map((i) => i.id),
      initiatives: plan2015.initiatives.map((i) => i.id),
      departments: departments2015.map((d) => d.id),
      assignments: councilAssignments2015.map((a) => a.id),
      discrepancies: knownDiscrepancies2015.map((d) => d.id),
    };
    for (const [name, ids] of Object.entries(collections)) {
      expect(new Set(ids).size, `${name} ids are unique`).toBe(ids.length);
    }
    const all = Object.values(collections).flat();
    expect(new Set(all).size, 'ids are unique across collections').toBe(all.length);

    const perspectives = new Set(collections.perspectives);
    const focusAreas = new Set(collections.focusAreas);
    const goals = new Set(collections.goals);
    const departments = new Set(collections.departments);
    for (const area of plan2015.focusAreas) expect(perspectives, area.id).toContain(area.perspectiveId);
    for (const goal of plan2015.goals) {
      expect(focusAreas, goal.id).toContain(goal.focusAreaId);
      expect(goal.ownerDepartmentIds.length, goal.id).toBeGreaterThan(0);
      for (const owner of goal.ownerDepartmentIds) expect(departments, goal.id).toContain(owner);
    }
    for (const indicator of plan2015.indicators) {
      expect(goals, indicator.id).toContain(indicator.goalId);
      expect(departments, indicator.id).toContain(indicator.ownerDepartmentId);
      const years = indicator.targetPath.map((point) => point.year);
      expect(years, `${indicator.id} target path ascending`).toEqual([...new Set(years)].sort());
    }
    for (const initiative of plan2015.initiatives) {
      expect(goals, initiative.id).toContain(initiative.goalId);
      expect(departments, initiative.id).toContain(initiative.ownerDepartmentId);
    }
    for (const assignment of councilAssignments2015) {
      if (assignment.departmentId !== null)
        expect(departments, assignment.id).toContain(assignment.departmentId);
    }
    for (const row of economic.areaBudget) {
      if (row.departmentId !== null) expect(departments, row.label).toContain(row.departmentId);
    }
    for (const discrepancy of knownDiscrepancies2015) {
      const [kind, id] = discrepancy.subject.split(':');
      if (kind === 'department') expect(departments, discrepancy.id).toContain(id);
    }
    expect(plan2015.departments).toBe(departments2015);
    expect(plan2015.knownDiscrepancies).toBe(knownDiscrepancies2015);
  });

  it('derives goal and initiative ids from their numbers and nests numbers correctly', () => {
    const goalNumber = new Map(plan2015.goals.map((g) => [g.id, g.number]));
    const areaNumber = new Map(plan2015.focusAreas.map((f) => [f.id, f.number]));
    for (const area of plan2015.focusAreas) expect(area.id).toBe(`fa-${area.number.replaceAll('.', '-')}`);
    for (const goal of plan2015.goals) {
      expect(goal.id).toBe(`goal-${goal.number.replaceAll('.', '-')}`);
      expect(goal.number.startsWith(`${areaNumber.get(goal.focusAreaId)}.`), goal.id).toBe(true);
    }
    for (const initiative of plan2015.initiatives) {
      expect(initiative.id).toBe(`init-${initiative.number.replaceAll('.', '-')}`);
      expect(initiative.number.startsWith(goalNumber.get(initiative.goalId) ?? '?'), initiative.id).toBe(
        true,
      );
    }
  });
});

describe('plan2015 matches the seed text', () => {
  it('has the plan header, vision, mission and values', () => {
    expect(seedRaw).toContain(plan2015.title);
    expect(seedText).toContain('Fastställd av kommunstyrelsen den 22 januari 2015');
    expect(plan2015.adoptedOn).toBe('2015-01-22');
    expect(seedText).toContain(`visionen ”${plan2015.vision.title}”`);
    expect(seedText).toContain(`Visionen har som måltidpunkt ${plan2015.vision.targetYear}.`);
    expect(seedText).toContain(normalise(plan2015.vision.text));
    expect(seedText).toContain(`Med visionen följer kommunens uppdrag: ${normalise(plan2015.mission)}`);
    const values = plan2015.values.map((value) => `${value.name} - ${value.text}`).join(' ');
    expect(seedText).toContain(`Och vår värdegrund: ${values} Visionen används`);
  });

  it('has every focus area, goal and initiative of section 6.1 with the seed wording', () => {
    expect(plan2015.focusAreas.map((f) => f.number)).toEqual(sectionsUnder('6.1', 3));
    expect(plan2015.goals.map((g) => g.number)).toEqual(sectionsUnder('6.1', 4));
    // 6.1.5.1 carries its aspects itself; its initiative reuses the goal's number (see goals.ts).
    const initiativeNumbers = plan2015.initiatives
      .map((i) => i.number)
      .filter((n) => n.split('.').length === 5);
    expect(initiativeNumbers).toEqual(sectionsUnder('6.1', 5));

    for (const area of plan2015.focusAreas) expect(headingTitle(area.number), area.id).toBe(area.name);
    for (const goal of plan2015.goals) {
      const block = parseBlock(goal.number);
      expect(block.lead, goal.id).toBe(normalise(`${goal.title} ${goal.description}`));
      const ownInitiative = plan2015.initiatives.some((i) => i.number === goal.number);
      if (!ownInitiative) expect(block.aspects, `${goal.id} has no aspects of its own`).toEqual({});
    }
    for (const initiative of plan2015.initiatives) {
      const block = parseBlock(initiative.number);
      expect(block.lead, initiative.id).toBe(normalise(initiative.title));
      const curated = Object.fromEntries(
        Object.entries(initiative.aspects).map(([key, text]) => [key, normalise(text ?? '')]),
      );
      expect(curated, initiative.id).toEqual(block.aspects);
    }
  });

  it('quotes every indicator source verbatim and the quote contains the targets', () => {
    // Targets the seed writes in words rather than digits.
    const numberWords: Record<number, string[]> = { 2: ['två'], 100: ['alla'] };
    for (const indicator of plan2015.indicators) {
      const parts = indicator.source.split(SOURCE_SEPARATOR);
      for (const part of parts) {
        expect(normalise(part), indicator.id).toBe(part);
        expect(seedText, indicator.id).toContain(part);
      }
      const source = indicator.source.toLowerCase();
      for (const { value } of indicator.targetPath) {
        const forms = [sv(value), String(value), ...(numberWords[value] ?? [])];
        expect(
          forms.some((form) => source.includes(form)),
          `${indicator.id}: ${value} in "${indicator.source}"`,
        ).toBe(true);
      }
    }
  });

  it('has the council assignments of section 7 with their dates, in order', () => {
    const text = normalise(sectionLines('7').join(' '));
    expect(text.startsWith('Uppdrag Startdatum Slutdatum ')).toBe(true);
    const parts = text
      .slice('Uppdrag Startdatum Slutdatum '.length)
      .split(/ ?(\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2}) ?/);
    expect(parts.pop()).toBe('');
    const seedAssignments = [];
    for (let i = 0; i < parts.length; i += 3) {
      seedAssignments.push({ title: parts[i], startDate: parts[i + 1], endDate: parts[i + 2] });
    }
    expect(
      councilAssignments2015.map(({ title, startDate, endDate }) => ({ title, startDate, endDate })),
    ).toEqual(seedAssignments);
    expect(councilAssignments2015.map((a) => a.id)).toEqual(
      seedAssignments.map((_, i) => `ka-2015-${i + 1}`),
    );
  });

  it('has the ten departments of section 8.1 in order', () => {
    const count = /Sektor KS består av (\d+) avdelningar/.exec(normalise(ownLines('8.1').join(' ')));
    expect(departments2015.length).toBe(Number(count?.[1]));
    expect(departments2015.map((d) => d.number)).toEqual(sectionsUnder('8.1', 3));
    for (const department of departments2015) expect(headingTitle(department.number)).toBe(department.name);
  });

  describe.each(departments2015.map((d) => [d.number, d] as const))('department %s', (number, department) => {
    it('has the budgets of its header', () => {
      const header = normalise(ownLines(number).join(' '));
      const match = /Budget (\d{4}) \(tkr\) ([\d.]+) Budget (\d{4}) \(tkr\) ([\d.]+)/.exec(header);
      expect(match, header).not.toBeNull();
      expect(department.budgetPreviousYearTkr).toBe(parseTkr(match?.[2] ?? ''));
      expect(department.budgetTkr).toBe(parseTkr(match?.[4] ?? ''));
    });

    it('has its description', () => {
      expect(normalise(department.description)).toBe(normalise(ownLines(`${number}.1`).join(' ')));
    });

    it('has every cost line and stated sum of its tables', () => {
      const seedLines = tableLines(ownLines(`${number}.2`));
      const expected: BudgetLine[] = [
        ...department.costsByKind,
        ...(department.costsByKindTotalTkr === null
          ? []
          : [{ label: 'Summa', amountTkr: department.costsByKindTotalTkr }]),
        ...department.costsByActivity,
        ...(department.costsByActivityTotalTkr === null
          ? []
          : [{ label: 'Summa', amountTkr: department.costsByActivityTotalTkr }]),
      ];
      // The model has no subtotals; "Summa Kostnader" is checked as a sum below.
      expect(seedLines.filter((line) => line.label !== 'Summa Kostnader').map(signed)).toEqual(expected);
    });

    it('has the staff count of its personalkostnader text', () => {
      const text = normalise(ownLines(`${number}.3`).join(' '));
      const words: Record<string, number> = { en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5 };
      const headCount = /(\d+(?:,\d+)?|en|ett|två|tre|fyra|fem) (?:medarbetare|personer|person)\b/.exec(text);
      // HR lists its staff by role instead of giving a total.
      const roles = [
        ...text.matchAll(
          /(\d+(?:,\d+)?) (?:HR specialister|administratör|pensionshandläggare|löneadministratörer|HR chef)\b/g,
        ),
      ];
      if (headCount) {
        const value = headCount[1] ?? '';
        expect(department.staff).toBe(words[value] ?? parseDecimal(value));
      } else if (roles.length > 0) {
        expect(department.staff).toBe(round(sum(roles.map((m) => parseDecimal(m[1] ?? ''))), 2));
      } else {
        expect(department.staff, text).toBeNull();
      }
    });
  });

  it('has the income statement rows, columns and blocks', () => {
    const header = incomeTable.find((line) => line.trim().startsWith('Belopp i Mkr')) ?? '';
    expect(economic.incomeStatementColumns).toEqual(header.match(/(?:Bokslut|Prognos|Budget) \d{4}/g));
    let block: 'intakter' | 'kostnader' | 'resultat' = 'intakter';
    const seedRows = [];
    for (const line of incomeTable.map(normalise)) {
      if (line === 'Verksamhetens intäkter') block = 'intakter';
      if (line === 'Verksamhetens kostnader') block = 'kostnader';
      const tokens = line.split(' ');
      const firstNumber = tokens.findIndex((_token, i) =>
        tokens.slice(i).every((t) => /^-?\d+(,\d+)?$/.test(t)),
      );
      if (line === '' || line.startsWith('Belopp i') || firstNumber <= 0) continue;
      const label = tokens.slice(0, firstNumber).join(' ');
      const values = tokens.slice(firstNumber).map(parseDecimal);
      seedRows.push({
        label,
        block,
        isSum: INCOME_SUM_ROWS.has(label),
        valuesMkr: Object.fromEntries(
          economic.incomeStatementColumns.map((column, i) => [column, values[i]]),
        ),
      });
      expect(values.length, label).toBe(economic.incomeStatementColumns.length);
      if (label === 'Summa kostnader') block = 'resultat';
    }
    expect(economic.incomeStatement).toEqual(seedRows);
  });

  it('has the rows of the area table and the investments table as printed', () => {
    // Cells are compared as the seed prints them, so a blank cell must be null in the data.
    const printed = (label: string, cells: readonly (number | null)[]): RegExp =>
      new RegExp(
        `^${escapeRegExp(label)}\\s+${escapeRegExp(
          cells
            .map((v) => (v === null ? '' : sv(v)))
            .join(' ')
            .trim(),
        )}$`,
      );
    const areaRows = rowsAfter(areaTable, 'Belopp i Mkr');
    expect(areaRows.length).toBe(economic.areaBudget.length);
    economic.areaBudget.forEach((row, i) => {
      expect(areaRows[i]?.trim()).toMatch(
        printed(
          row.label,
          areaColumns.map((column) => row[column]),
        ),
      );
      expect(row.isTotal, row.label).toBe(row.label === 'Totalt');
    });
    const investmentRows = rowsAfter(investmentTable, 'Investeringar belopp i tkr');
    expect(investmentRows.length).toBe(economic.investments.length);
    economic.investments.forEach((row, i) => {
      expect(investmentRows[i]?.trim()).toMatch(
        printed(
          row.label,
          investmentColumns.map((column) => row[column]),
        ),
      );
      expect(row.isTotal, row.label).toBe(row.label === 'Totalt');
    });
    const investmentHeader =
      investmentTable.find((line) => line.includes('Investeringar belopp i tkr')) ?? '';
    expect(normalise(investmentHeader)).toBe(
      'Investeringar belopp i tkr Prognos 2014 Budget 2014 Budget 2015',
    );
  });

  it('links the area table rows to the departments they name', () => {
    const key = (text: string): string => text.toLowerCase().replace(/[\s-]/g, '').slice(0, 8);
    for (const row of economic.areaBudget) {
      const named = departments2015.find((d) => key(d.name) === key(row.label));
      expect(row.departmentId, row.label).toBe(named?.id ?? null);
    }
  });
});

describe('known discrepancies', () => {
  /** Every sum and cross-check of the seed; the failing ones must be exactly the recorded ones. */
  function checks(): Check[] {
    const result: Check[] = [];

    for (const department of departments2015) {
      const { id, number } = department;
      const header = normalise(ownLines(number).join(' '));
      const years = [...header.matchAll(/Budget (\d{4}) \(tkr\)/g)].map((m) => Number(m[1]));
      result.push({
        id: `${id}-budget-header-years`,
        ok: years.join() === '2014,2015',
        stated: null,
        computed: null,
      });

      const kinds = department.costsByKind.map((line) => figure(line.amountTkr));
      const activities = department.costsByActivity.map((line) => figure(line.amountTkr));
      if (department.costsByKindTotalTkr !== null) {
        result.push(sumCheck(`${id}-kind-sum`, department.costsByKindTotalTkr, sum(kinds)));
        result.push(
          sumCheck(
            `${id}-kind-total-vs-budget`,
            department.costsByKindTotalTkr,
            figure(department.budgetTkr),
          ),
        );
      }
      if (department.costsByActivityTotalTkr !== null) {
        result.push(sumCheck(`${id}-activity-sum`, department.costsByActivityTotalTkr, sum(activities)));
        result.push(
          sumCheck(
            `${id}-activity-total-vs-budget`,
            department.costsByActivityTotalTkr,
            figure(department.budgetTkr),
          ),
        );
      } else if (activities.length > 0) {
        result.push(sumCheck(`${id}-activity-sum-vs-budget`, figure(department.budgetTkr), sum(activities)));
      }
      const subtotal = tableLines(ownLines(`${number}.2`)).find((line) => line.label === 'Summa Kostnader');
      if (subtotal) {
        const costs = activities.filter((amount) => amount > 0);
        result.push(sumCheck(`${id}-cost-subtotal`, subtotal.amount, sum(costs)));
      }

      // Texts round to a tenth of a Mkr and say "ca"/"cirka", so ±100 tkr is agreement.
      const costText = /(\d+(?:[.,]\d+)?) ?(mkr|tkr)\b/i.exec(normalise(ownLines(`${number}.3`).join(' ')));
      const costLine = department.costsByKind.find((line) => /^(Personal|Löne)kostnader$/.test(line.label));
      if (costText && costLine) {
        const factor = costText[2]?.toLowerCase() === 'mkr' ? 1000 : 1;
        const stated = round(parseDecimal(costText[1] ?? '') * factor, 0);
        result.push(sumCheck(`${id}-personnel-cost-text`, stated, figure(costLine.amountTkr), 100));
      }

      const area = economic.areaBudget.find((row) => row.departmentId === id);
      if (!area) {
        // IT is financed entirely by internal charging (net 0), and the area table leaves it out.
        result.push({
          id: `${id}-area-missing`,
          ok: department.budgetTkr === 0,
          stated: department.budgetTkr,
          computed: null,
        });
        continue;
      }
      result.push(sumCheck(`${id}-area-total`, figure(department.budgetTkr), area.budgetTotalTkr ?? 0));
      result.push(sumCheck(`${id}-area-costs`, grossCosts(department), area.budgetCostsTkr ?? 0));
      result.push(sumCheck(`${id}-area-income`, income(department), area.budgetIncomeTkr ?? 0));
    }

    const intro = normalise(ownLines('8.1').join(' '));
    const staffMatch = /Inom sektor KS arbetar (\d+) personer/.exec(intro);
    const staff = departments2015.map((d) => d.staff).filter((s): s is number => s !== null);
    result.push(sumCheck('staff-total', Number(staffMatch?.[1]), sum(staff)));
    const budgetMatch = /budgeten för den samlade administrationen omfattar (\d+(?:,\d+)?) Mkr/.exec(intro);
    const statedBudget = round(parseDecimal(budgetMatch?.[1] ?? '') * 1000, 0);
    // Stated to a tenth of a Mkr.
    result.push(
      sumCheck('budget-total', statedBudget, sum(departments2015.map((d) => figure(d.budgetTkr))), 50),
    );

    for (const column of economic.incomeStatementColumns) {
      const value = (label: string): number => incomeRow(label).valuesMkr[column] ?? Number.NaN;
      const parts = (block: string): number[] =>
        economic.incomeStatement
          .filter((r) => r.block === block && !r.isSum)
          .map((r) => r.valuesMkr[column] ?? 0);
      const col = slug(column);
      // One decimal is printed, so half a tenth is rounding.
      result.push(
        sumCheck(`income-intakter-sum-${col}`, value('Summa intäkter'), sum(parts('intakter')), 0.05),
      );
      result.push(
        sumCheck(`income-kostnader-sum-${col}`, value('Summa kostnader'), sum(parts('kostnader')), 0.05),
      );
      const net = value('Summa intäkter') - value('Summa kostnader');
      result.push(sumCheck(`income-net-${col}`, value('Verksamhetens nettokostnader'), net, 0.05));
      const resultOfYear = value('Verksamhetens nettokostnader') + value('Kommunbidrag');
      result.push(sumCheck(`income-result-${col}`, value('Årets resultat'), resultOfYear, 0.05));
    }

    const areaRows = economic.areaBudget.filter((row) => !row.isTotal);
    const areaTotal = economic.areaBudget.find((row) => row.isTotal);
    for (const row of economic.areaBudget) {
      const net = (row.budgetCostsTkr ?? 0) - (row.budgetIncomeTkr ?? 0);
      result.push(sumCheck(`area-row-${slug(row.label)}`, row.budgetTotalTkr ?? 0, net));
    }
    for (const column of areaColumns) {
      result.push(
        sumCheck(`area-column-${column}`, areaTotal?.[column] ?? 0, sum(areaRows.map((r) => r[column] ?? 0))),
      );
    }
    const areaHeader = areaTable.find((line) => line.trim().startsWith('Belopp i')) ?? '';
    const grant = incomeRow('Kommunbidrag').valuesMkr['Budget 2015'] ?? 0;
    const figuresAreTkr = Math.abs((areaTotal?.budgetTotalTkr ?? 0) / 1000 - grant) < 0.1;
    result.push({
      id: 'area-table-unit',
      ok: !(areaHeader.includes('Belopp i Mkr') && figuresAreTkr),
      stated: null,
      computed: null,
    });

    const investmentRows = economic.investments.filter((row) => !row.isTotal);
    const investmentTotal = economic.investments.find((row) => row.isTotal);
    for (const column of investmentColumns) {
      const computed = sum(investmentRows.map((r) => r[column] ?? 0));
      result.push(sumCheck(`investments-column-${column}`, investmentTotal?.[column] ?? 0, computed));
    }
    return result;
  }

  it('records exactly the checks that fail, with their figures', () => {
    const all = checks();
    expect(new Set(all.map((c) => c.id)).size, 'check ids are unique').toBe(all.length);
    const failing = Object.fromEntries(
      all.filter((c) => !c.ok).map((c) => [c.id, { stated: c.stated, computed: c.computed }]),
    );
    const recorded = Object.fromEntries(
      knownDiscrepancies2015.map((d) => [d.id, { stated: d.stated, computed: d.computed }]),
    );
    expect(recorded).toEqual(failing);
  });

  it('describes each discrepancy in Swedish for the section it names', () => {
    const sections = new Set(lines.map((_, i) => headingAt(i)?.number).filter(Boolean));
    for (const discrepancy of knownDiscrepancies2015) {
      expect(sections, discrepancy.id).toContain(discrepancy.section);
      expect(discrepancy.description.length, discrepancy.id).toBeGreaterThan(20);
    }
  });
});
