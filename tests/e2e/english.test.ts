/**
 * The English UI: both catalogues hold the same keys, and with English chosen no Swedish UI
 * text is left on any screen, for any role.
 *
 * "Swedish UI text" is every fixed fragment of the Swedish catalogue (a message function is
 * called with a marker and split at it) that the English catalogue does not also use. The
 * workspace's own data (the plan, its departments, the demo reports and people) is Swedish in
 * both languages, so every piece of it is cut out of a page's text before the check.
 */

import { councilAssignments2015, demoReportsFor2015, plan2015 } from '@foljsam/domain/seed';
import { demoAccounts } from '@foljsam/server';
import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en';
import { sv } from '../../client/src/i18n/sv';
import { appUnderTest } from '../support/appUnderTest';
import { ROLES, SCREENS, signInOnPage, waitForScreen } from '../support/screens';

const app = appUnderTest();

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

/** Words that read the same in Swedish and English: the product's name, units, a few loans. */
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
  'tkr',
  'mkr',
  'CSV',
  'XLSX',
  'PDF',
  'JSON',
]);

function lookUp(catalogue: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], catalogue);
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

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
].sort((a, b) => b.length - a.length);

const englishFragments = new Set(fragments(en).map(normalize));
const swedishOnly = [...new Set(fragments(sv).map(normalize))].filter(
  (fragment) => /\p{L}{3}/u.test(fragment) && !englishFragments.has(fragment),
);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches `text` as whole words only. */
const wholeWords = (text: string, flags = 'u') =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(text)}(?![\\p{L}\\p{N}])`, flags);

/** The page's text with every piece of workspace data cut out (as whole words). */
function withoutData(text: string): string {
  let rest = text;
  for (const data of workspaceData) rest = rest.replace(wholeWords(data, 'gu'), ' ¦ ');
  return rest;
}

/** Whether `fragment` occurs in `text` as whole words. */
const occursIn = (text: string, fragment: string) => wholeWords(fragment).test(text);

describe('the English UI', () => {
  it('has the same message keys as the Swedish one', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(sv).sort());
  });

  it('translates every message (only names and units read the same in both)', () => {
    const same = keyPaths(sv).filter((path) => {
      const [svText, enText] = [sv, en].map((catalogue) => fragments(lookUp(catalogue, path)).join(MARKER));
      const words = svText?.match(/\p{L}+/gu) ?? [];
      return svText === enText && words.some((word) => !SAME_IN_BOTH.has(word));
    });
    expect(same).toEqual([]);
  });

  for (const { role, username } of ROLES) {
    it(`shows no Swedish UI text on any screen for ${role}`, async () => {
      const context = await app.newContext();
      const page = await context.newPage();
      await signInOnPage(page, username);
      await page.getByRole('button', { name: 'In English' }).click();
      const left: string[] = [];
      for (const screen of SCREENS) {
        if (screen.roles && !screen.roles.includes(role)) continue;
        await page.goto(screen.path);
        await waitForScreen(page, screen, 'en');
        const text = normalize(
          await page.evaluate(() => {
            const attributes = [
              ...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'),
            ].flatMap((element) =>
              ['aria-label', 'title', 'placeholder', 'alt'].map((name) => element.getAttribute(name) ?? ''),
            );
            // biome-ignore lint/performance/useDomNodeTextContent: only the text a person sees counts, not hidden nodes
            return [document.title, document.body.innerText, ...attributes].join('\n');
          }),
        );
        const uiText = withoutData(text);
        for (const fragment of swedishOnly) {
          if (occursIn(uiText, fragment)) left.push(`${screen.path}: "${fragment}"`);
        }
      }
      expect(left, left.join('\n')).toEqual([]);
    });
  }
});
