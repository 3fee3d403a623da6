/**
 * Every screen, signed in as each role, in English:
 *
 * - Accessibility (WCAG 2.1 A and AA, the Swedish public sector's legal floor): axe-core runs
 *   in Chromium on each screen. Any violation fails the test with the rule, the impact and the
 *   offending elements. The Swedish UI gets the same axe walk at phone size (phone.test.ts):
 *   the rules axe checks (names, roles, structure, contrast, the page's language) do not depend
 *   on which catalogue the words come from, as long as both have every message and no message
 *   is empty, which the catalogue checks below assert; so each layout is walked in one
 *   language, and the two languages are both walked.
 * - The English UI: both catalogues hold the same keys, every message is translated, and with
 *   English chosen no Swedish UI text is left on any screen (checked on the same page load
 *   that axe checks).
 *
 * One sign-in per role; the first screen is a full page load, the others are reached through
 * the app's router as a click on a link would (a full load restarts the app and its local
 * database each time, which costs seconds and shows nothing more).
 *
 * "Swedish UI text" is every fixed fragment of the Swedish catalogue (a message function is
 * called with a marker and split at it) that the English catalogue does not also use. The
 * workspace's own data (the plan, its departments, the demo reports and people) is Swedish in
 * both languages, so every piece of it is cut out of a page's text before the check. A
 * fragment is matched as whole words; at an end where it has punctuation it may touch a
 * message's argument (`: okänd avdelning ”` in `department: okänd avdelning ”xyz”`). Texts that
 * only show after an action are walked too: the import screen's preview with every kind of row
 * error the server codes, and its file errors.
 */
import { councilAssignments2015, demoReportsFor2015, plan2015 } from '@foljsam/domain/seed';
import { demoAccounts } from '@foljsam/server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en';
import { sv } from '../../client/src/i18n/sv';
import { appUnderTest } from '../support/appUnderTest';
import { describeViolations, wcagViolations } from '../support/axe';
import { openScreen, ROLES, SCREENS, signInOnPage } from '../support/screens';

// With the service worker, as people have it: the sync bar then says when all is available offline.
const app = appUnderTest({ closeContextsAfterEachTest: true, serviceWorkers: true });
/** A role's walk: up to nine screens with axe on each; generous for a busy two-core machine. */
const WALK_TIMEOUT_MS = 300_000;

// --- The English UI ------------------------------------------------------------------

const MARKER = '\u0001';

/** Every key path of a catalogue, e.g. `economy.summary.show`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

/** The fixed text fragments of a catalogue: strings as they are, messages split at their arguments. */
function fragments(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    try {
      const args = Array.from({ length: Math.max(value.length, 1) }, () => MARKER);
      const text = value(...args);
      return typeof text === 'string' ? text.split(MARKER) : [];
    } catch {
      // A message that computes with its argument (a plural, say): its other forms are checked where shown.
      return [];
    }
  }
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(fragments);
  return [];
}

/** Words that read the same in Swedish and English: the product's name, formats, a few loans. */
const SAME_IN_BOTH = new Set([
  'Administration',
  'Online',
  'Offline',
  'Excel',
  'Admin',
  'Format',
  'Följsam',
  'Status',
  'status',
  'Budget',
  'budget',
  'Plan',
  'Vision',
  'vision',
  'CSV',
  'XLSX',
  'PDF',
  'JSON',
  'Export',
  // "Period" and "Filter" are the same words in both languages.
  'Period',
  'Filter',
  // A number formatter given the marker instead of a number prints NaN in either language.
  'NaN',
]);

function lookUp(catalogue: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], catalogue);
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const WORD_END = /[\p{L}\p{N}]/u;

/**
 * Matches `text` as whole words only: where `text` begins or ends with a letter or digit, no
 * letter or digit may touch it there (an end with punctuation already bounds a word).
 */
const wholeWords = (text: string, flags = 'u') =>
  new RegExp(
    `${WORD_END.test(text.at(0) ?? '') ? '(?<![\\p{L}\\p{N}])' : ''}${escapeRegExp(text)}${
      WORD_END.test(text.at(-1) ?? '') ? '(?![\\p{L}\\p{N}])' : ''
    }`,
    flags,
  );

/** Every text of the workspace's data, longest first, so a page's data can be cut out before checking. */
function dataTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(dataTexts);
  return [];
}
const workspaceData = [
  ...new Set(
    dataTexts([plan2015, councilAssignments2015, demoReportsFor2015(), demoAccounts()])
      .flatMap((text) => text.split('\n'))
      .map(normalize)
      .filter((text) => /\p{L}{2}/u.test(text)),
  ),
]
  .sort((a, b) => b.length - a.length)
  .map((text) => wholeWords(text, 'gu'));

const englishFragments = new Set(fragments(en).map(normalize));
const swedishOnly = [...new Set(fragments(sv).map(normalize))]
  .filter((fragment) => /\p{L}{3}/u.test(fragment) && !englishFragments.has(fragment))
  .map((fragment) => ({ fragment, pattern: wholeWords(fragment) }));

/** The page's text with every piece of workspace data cut out (as whole words). */
function withoutData(text: string): string {
  let rest = text;
  for (const data of workspaceData) rest = rest.replace(data, ' ¦ ');
  return rest;
}

/** The Swedish-only catalogue fragments the page shows (its text, title and text attributes). */
async function swedishLeft(page: Page): Promise<string[]> {
  const text = normalize(
    await page.evaluate(() => {
      const attributes = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap(
        (element) =>
          ['aria-label', 'title', 'placeholder', 'alt'].map((name) => element.getAttribute(name) ?? ''),
      );
      // biome-ignore lint/performance/useDomNodeTextContent: only the text a person sees counts, not hidden nodes
      return [document.title, document.body.innerText, ...attributes].join('\n');
    }),
  );
  const uiText = withoutData(text);
  return swedishOnly.filter(({ pattern }) => pattern.test(uiText)).map(({ fragment }) => fragment);
}

/**
 * Files whose preview shows every row error the server codes (cells in English, so only the
 * UI's words can be Swedish), and one it refuses as a whole.
 */
const IMPORT_FILES = [
  {
    kind: 'assignments',
    name: 'assignments.csv',
    text: [
      'id,title,department,startDate,endDate,status',
      'en-1,Study a new office,Town planning,2015-03-01,2015-10-31,klar',
      'en-2,Open a youth council,utveckling,2015-02-30,2015-10-31,klar',
      'en-3,,utveckling,2015-02-01,2015-10-31,klar',
      'en-4,Plan a bus stop,utveckling,2015-05-01,2015-01-31,klar',
      'en-5,Plan a bike lane,utveckling,2015-02-01,2015-10-31,nearly done',
      'Bad Id!,Plan a bike lane,utveckling,2015-02-01,2015-10-31,klar',
      `en-7,${'x'.repeat(501)},utveckling,2015-02-01,2015-10-31,klar`,
      'en-1,Study a new office,utveckling,2015-03-01,2015-10-31,klar',
    ].join('\n'),
  },
  {
    kind: 'indicator-outcomes',
    name: 'outcomes.csv',
    text: [
      'month,indicatorId,value',
      '2015-13,ind-heltid,70',
      '2016-03,ind-heltid,70',
      '2015-03,ind-none,70',
      '2015-03,,70',
      '2015-04,ind-heltid,seventy',
      '2015-01,ind-heltid,70',
      '2015-03,ind-elektroniska-fakturor,44',
      '2015-05,ind-heltid,70',
      '2015-05,ind-heltid,71',
    ].join('\n'),
  },
  { kind: 'indicator-outcomes', name: 'outcomes.xlsx', text: 'not a workbook' },
  { kind: 'assignments', name: 'columns.csv', text: 'id,title\nen-9,Plan a park' },
] as const;

/**
 * Previews each of IMPORT_FILES the user's role may import on the import screen and returns the
 * Swedish fragments shown.
 */
async function swedishInImportErrors(page: Page): Promise<string[]> {
  // Through the router, as the walk goes: a full load would only restart the app once more.
  await openScreen(page, { path: '/import' }, 'en', false);
  // A läsare may import nothing: their screen is the export alone.
  await page.getByRole('heading', { level: 1, name: /^(Import and export|Export)$/ }).waitFor();
  const kinds = page.getByLabel('What the file holds');
  const offered =
    (await kinds.count()) > 0
      ? await kinds
          .locator('option')
          .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
      : [];
  const left: string[] = [];
  for (const file of IMPORT_FILES.filter(({ kind }) => offered.includes(kind))) {
    await page.getByLabel('What the file holds').selectOption(file.kind);
    await page.getByLabel('File (CSV or XLSX)').setInputFiles({
      name: file.name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(file.text, 'utf8'),
    });
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.locator('[data-testid="import-preview"], .import .form-error').first().waitFor();
    left.push(...(await swedishLeft(page)).map((fragment) => `/import (${file.name}): "${fragment}"`));
  }
  // The Kolada section (kommunchef and admin) refusing a file that is no Kolada answer.
  const kolada = page.getByRole('region', { name: 'Official yearly values (Kolada)' });
  if ((await kolada.count()) > 0) {
    await kolada.getByLabel('Kolada answer (JSON)').setInputFiles({
      name: 'not-kolada.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"values":[{"kpi":"N01951"}]}', 'utf8'),
    });
    await kolada.getByRole('button', { name: 'Read the file' }).click();
    await kolada.locator('.form-error').waitFor();
    left.push(...(await swedishLeft(page)).map((fragment) => `/import (Kolada): "${fragment}"`));
  }
  return left;
}

// --- The walk --------------------------------------------------------------------------

describe('every screen in English', () => {
  it('the English catalogue has the same message keys as the Swedish one', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(sv).sort());
  });

  it('the English catalogue translates every message (only names and units read the same in both)', () => {
    const same = keyPaths(sv).filter((path) => {
      const [svText, enText] = [sv, en].map((catalogue) => fragments(lookUp(catalogue, path)).join(MARKER));
      const words = svText?.match(/\p{L}+/gu) ?? [];
      return svText === enText && words.some((word) => !SAME_IN_BOTH.has(word));
    });
    expect(same).toEqual([]);
  });

  it('the English catalogue writes amounts in SEK thousand and SEK million, never tkr or mkr', () => {
    expect(fragments(en).filter((text) => /\b(tkr|mkr)\b/i.test(text))).toEqual([]);
  });

  it('the English catalogue leaves no message empty that the Swedish one fills', () => {
    const empty = keyPaths(sv).filter((path) => {
      const [svText, enText] = [sv, en].map((catalogue) =>
        fragments(lookUp(catalogue, path)).join('').trim(),
      );
      return svText !== '' && enText === '';
    });
    expect(empty).toEqual([]);
  });

  it('the sign-in screen has no WCAG violations', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    const violations = await wcagViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  for (const { role, username } of ROLES) {
    it(
      `every screen for ${role} in English: no WCAG violations, no Swedish UI text`,
      async () => {
        const context = await app.newContext();
        const page = await context.newPage();
        await signInOnPage(page, username);
        await page.getByRole('button', { name: 'In English' }).click();
        const screens = SCREENS.filter((screen) => !screen.roles || screen.roles.includes(role));
        const violations: string[] = [];
        const swedish: string[] = [];
        for (const [index, screen] of screens.entries()) {
          // The first screen is a full load: the app starts again in the language it remembers.
          await openScreen(page, screen, 'en', index === 0);
          const found = await wcagViolations(page);
          if (found.length > 0) violations.push(`${screen.path}:\n${describeViolations(found)}`);
          for (const fragment of await swedishLeft(page)) swedish.push(`${screen.path}: "${fragment}"`);
        }
        // Texts that only show after an action: the import preview's errors.
        swedish.push(...(await swedishInImportErrors(page)));
        expect.soft(violations, violations.join('\n\n')).toEqual([]);
        expect.soft(swedish, swedish.join('\n')).toEqual([]);
      },
      WALK_TIMEOUT_MS,
    );
  }
});
