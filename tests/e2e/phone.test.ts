/**
 * Phones (issue #14, item 7): every screen at 390 × 844 CSS px (twice the pixels, touch), signed
 * in as each role, the sign-in screen, the banner's menu and the history panels. On each:
 *
 * - no sideways scrolling of the page: `document.documentElement.scrollWidth <= 390` (tables
 *   scroll inside their own box);
 * - the banner and the sync bar together take at most a fifth of the screen's height;
 * - every visible interactive element is at least 44 × 44 px (a checkbox or radio with its
 *   label); the only exception is WCAG 2.5.8's for a link inside a sentence
 *   (support/phone.ts says exactly what is measured); no button squeezed so its text is cut;
 * - axe-core finds no WCAG 2.1 A/AA violation at that size (the scroll boxes, the menu). This is
 *   the Swedish UI's axe walk; screens.test.ts runs axe on the English UI at desktop size.
 *
 * Screens are walked as screens.test.ts walks them: one sign-in per role, then through the
 * app's router. Each screen is scrolled through once first, so parts that load when they come
 * into view are measured too. Screenshots of the same screens at the same size come from
 * `pnpm screenshots` (docs/screenshots/phone/).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { describeViolations, wcagViolations } from '../support/axe';
import { MAX_CHROME_PX, measurePhoneLayout, PHONE, PHONE_WIDTH, scrollThrough } from '../support/phone';
import { openScreen, ROLES, SCREENS, signInOnPage } from '../support/screens';

// With the service worker, as people have it: the sync bar then says when all is available offline.
const app = appUnderTest({ contextOptions: PHONE, closeContextsAfterEachTest: true, serviceWorkers: true });
/** A role's walk: up to nine screens with axe on each; generous for a busy two-core machine. */
const WALK_TIMEOUT_MS = 300_000;

/**
 * Checks the page as it is now against the four rules above, softly, so one run lists every
 * screen's problems. `within` limits the target check to a part of the page (a dialog, the
 * banner); `chrome: false` skips the banner's height (an open menu is meant to be tall).
 */
async function checkFitsPhone(
  page: Page,
  label: string,
  { within, chrome = true }: { within?: string; chrome?: boolean } = {},
): Promise<void> {
  const layout = await measurePhoneLayout(page, within);
  expect.soft(layout.scrollWidth, `${label}: the page's width`).toBeLessThanOrEqual(PHONE_WIDTH);
  if (chrome) {
    expect
      .soft(
        layout.headerHeight + layout.syncBarHeight,
        `${label}: banner (${layout.headerHeight} px) and sync bar (${layout.syncBarHeight} px)`,
      )
      .toBeLessThanOrEqual(MAX_CHROME_PX);
  }
  expect.soft(layout.smallTargets, `${label}: targets under 44 px`).toEqual([]);
  expect.soft(layout.cutOffButtons, `${label}: buttons with their text cut off`).toEqual([]);
  const violations = await wcagViolations(page);
  expect.soft(violations, `${label}: ${describeViolations(violations)}`).toEqual([]);
}

describe('every screen on a phone', () => {
  it('the sign-in screen fits a phone', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    await checkFitsPhone(page, 'sign-in');
  });

  for (const { role, username } of ROLES) {
    it(
      `every screen for ${role} fits a phone: no sideways scrolling, a compact banner, 44 px targets, axe clean`,
      async () => {
        const context = await app.newContext();
        const page = await context.newPage();
        await signInOnPage(page, username);
        const screens = SCREENS.filter((screen) => !screen.roles || screen.roles.includes(role));
        for (const screen of screens) {
          // Signed in, the walk starts on the overview already.
          await openScreen(page, screen, 'sv', false);
          await scrollThrough(page);
          await checkFitsPhone(page, `${screen.path} (${role})`);
        }
      },
      WALK_TIMEOUT_MS,
    );
  }

  it('the banner folds the navigation into a menu a finger and a keyboard can open and close', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signInOnPage(page, 'kommunchef');
    const menuButton = page.getByRole('button', { name: 'Meny' });
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    const expanded = () => menuButton.getAttribute('aria-expanded');
    expect(await expanded()).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    // By touch: open it, check it, follow a link, and it closes on the new screen.
    await menuButton.tap();
    await nav.waitFor();
    expect(await expanded()).toBe('true');
    expect(await page.getByRole('button', { name: 'Logga ut' }).isVisible()).toBe(true);
    await checkFitsPhone(page, 'the open menu', { within: 'header.app-header', chrome: false });
    await nav.getByRole('link', { name: 'Uppdrag' }).tap();
    await page.getByRole('heading', { level: 1, name: /Uppdrag från fullmäktige/ }).waitFor();
    expect(await expanded()).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    // By keyboard: Enter opens it, Tab goes into it, Escape closes it and focus goes back.
    await menuButton.focus();
    await page.keyboard.press('Enter');
    expect(await expanded()).toBe('true');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    // The menu opens with the year picker and, for the kommunchef, next year's new plan.
    expect(await page.evaluate(() => document.activeElement?.closest('.year-picker') !== null)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Ny plan för 2016 från 2015');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Påminnelser');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Logga ut');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Översikt');
    await page.keyboard.press('Escape');
    expect(await expanded()).toBe('false');
    expect(await menuButton.evaluate((button) => button === document.activeElement)).toBe(true);

    // In English the banner still fits.
    await page.getByRole('button', { name: 'In English' }).tap();
    await page.getByRole('button', { name: 'Menu' }).waitFor();
    await checkFitsPhone(page, 'the banner in English', { within: 'header.app-header' });

    // On a wide screen the navigation is always shown and the button is not.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main menu' }).isVisible()).toBe(true);
  });

  it("a department head's monthly report, with its texts, figures and editors, and the history panels fit a phone", async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    const panel = page.locator('dialog[open][data-testid="history-panel"]');
    /** Opens a history panel with `button`, checks it once its first page has loaded, and closes it. */
    const checkPanel = async (label: string, button: ReturnType<Page['locator']>) => {
      await button.click();
      await panel.waitFor();
      await panel.locator('.loading').waitFor({ state: 'detached' });
      const box = await panel.boundingBox();
      expect
        .soft(box && box.x >= 0 && box.x + box.width <= PHONE_WIDTH, `${label}: the panel's box`)
        .toBe(true);
      const sideways = await panel.evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth);
      expect.soft(sideways, `${label}: the panel scrolls sideways`).toBeLessThanOrEqual(1);
      await checkFitsPhone(page, label, { within: 'dialog[open]', chrome: false });
      await panel.getByTestId('history-close').click();
      await panel.waitFor({ state: 'detached' });
    };

    // The demo's IT department (SCREENS) owns no goals; HR's report has every kind of item.
    // One sign-in for the report and its panels: the panel opens on the screen just checked.
    await signInOnPage(page, 'chef-hr');
    await openScreen(page, { path: '/rapport/2015-03/hr' }, 'sv', false);
    await page.locator('[contenteditable="true"][aria-label^="Analys för"]').first().waitFor();
    await scrollThrough(page);
    await checkFitsPhone(page, '/rapport/2015-03/hr (avdelningschef)');

    // A monthly report's analysis, as the department head.
    await checkPanel("a report field's history", page.locator('.history-button').first());

    // An assignment's field, from its details on the board.
    await openScreen(page, { path: '/uppdrag' }, 'sv', false);
    await page
      .getByRole('button', { name: /^Visa detaljer för / })
      .first()
      .click();
    await checkPanel(
      "an assignment field's history",
      page.locator('.board-history-fields .history-button').first(),
    );
  });
});
