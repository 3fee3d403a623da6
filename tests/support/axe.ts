/** axe-core in Chromium, limited to WCAG 2.1 A and AA (the Swedish public sector's legal floor). */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { answerWithin } from './pageAnswer';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is now, limited to the WCAG 2.1 A and AA rules. */
export async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await answerWithin(page, 'asking whether axe is there', () =>
    page.evaluate(() => 'axe' in window),
  );
  if (!injected) await answerWithin(page, 'adding axe', () => page.addScriptTag({ path: axePath }));
  return answerWithin(page, 'running axe', () =>
    page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe-core is injected as a global script
      const axe = (window as any).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        // Only violations are read: axe then skips collecting every passing node.
        resultTypes: ['violations'],
      });
      return result.violations.map((violation: AxeViolation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes
          .slice(0, 5)
          .map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
      }));
    }),
  );
}

/** The violations as readable lines: rule, impact, help and the first offending elements. */
export function describeViolations(violations: AxeViolation[]): string {
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
