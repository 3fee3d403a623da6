/**
 * Accessibility (WCAG 2.1 A and AA, the Swedish public sector's legal floor): axe-core runs in
 * Chromium over every screen, signed in as each role, in Swedish and in English. Any violation
 * fails the test with the rule, the impact and the offending elements.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { ROLES, SCREENS, signInOnPage, waitForScreen } from '../support/screens';

const app = appUnderTest();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is now, limited to the WCAG 2.1 A and AA rules. */
async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core is injected as a global script
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation: AxeViolation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes
        .slice(0, 5)
        .map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join('\n'),
    )
    .join('\n');
}

describe('WCAG 2.1 A and AA on every screen', () => {
  it('the sign-in screen has no violations', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    const violations = await wcagViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  for (const { role, username } of ROLES) {
    it(`every screen has no violations for ${role}, in Swedish and in English`, async () => {
      const context = await app.newContext();
      const page = await context.newPage();
      await signInOnPage(page, username);
      const found: string[] = [];
      for (const language of ['sv', 'en'] as const) {
        if (language === 'en') await page.getByRole('button', { name: 'In English' }).click();
        for (const screen of SCREENS) {
          if (screen.roles && !screen.roles.includes(role)) continue;
          await page.goto(screen.path);
          await waitForScreen(page, screen, language);
          const violations = await wcagViolations(page);
          if (violations.length > 0)
            found.push(`${screen.path} (${language}):\n${describeViolations(violations)}`);
        }
      }
      expect(found, found.join('\n\n')).toEqual([]);
    });
  }
});
