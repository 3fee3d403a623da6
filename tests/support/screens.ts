/**
 * Every screen of the app, for the tests that walk them all (accessibility, the English UI).
 * A screen added to the app belongs here too.
 */
import type { Page } from 'playwright-core';
import { submitSignIn } from './appUnderTest';
import { answerWithin } from './pageAnswer';

export interface Screen {
  path: string;
  /** Roles that may open it; every role when absent. */
  roles?: readonly string[];
}

/** One person per role of the demo workspace (server/src/demo/seedDemo.ts). */
export const ROLES = [
  { role: 'admin', username: 'admin' },
  { role: 'kommunchef', username: 'kommunchef' },
  { role: 'avdelningschef', username: 'chef-it' },
  { role: 'läsare', username: 'lasare' },
] as const;

export const SCREENS: readonly Screen[] = [
  { path: '/oversikt' },
  { path: '/uppdrag' },
  { path: '/mal' },
  { path: '/rapport/2015-03/it' },
  { path: '/ekonomi' },
  { path: '/styrelserapport/2015-02' },
  { path: '/import' },
  { path: '/admin', roles: ['admin'] },
  { path: '/logg', roles: ['kommunchef'] },
];

/** Loading texts of both catalogues: a screen is drawn once none of them shows. */
const LOADING = /Laddar|Loading/;

/**
 * Waits until the screen's main heading is shown in `language` and, for a while, until no
 * part in view still says it is loading. Parts further down load when scrolled near (the
 * goals' outcomes, say) and keep saying so; they are not waited for.
 */
export async function waitForScreen(page: Page, _screen: Screen, language: 'sv' | 'en'): Promise<void> {
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  await page.locator('main h1').first().waitFor();
  await page
    .waitForFunction(
      (pattern) => {
        const loading = new RegExp(pattern);
        const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          if (!loading.test(node.textContent ?? '')) continue;
          const box = node.parentElement?.getBoundingClientRect();
          const shown = box && (box.width > 0 || box.height > 0);
          if (shown && box.bottom > 0 && box.top < window.innerHeight) return false;
        }
        return true;
      },
      LOADING.source,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

/** Opens the app on `page`, signs in through the form and waits for the overview (in Swedish). */
export async function signInOnPage(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/oversikt');
  await submitSignIn(page, username, password);
  await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
}

/**
 * Shows `screen`: a full page load when `load` is set, else through the app's router (the
 * history entry a link click would push), and waits until the new screen is drawn.
 */
export async function openScreen(
  page: Page,
  screen: Screen,
  language: 'sv' | 'en',
  load: boolean,
): Promise<void> {
  if (load) await page.goto(screen.path);
  else if (new URL(page.url()).pathname !== screen.path) {
    await answerWithin(page, `opening ${screen.path}`, () =>
      page.evaluate((path) => {
        // The screen being left: its heading must be gone before the next one counts as shown.
        document.querySelector('main h1')?.setAttribute('data-left-screen', '');
        history.pushState(null, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, screen.path),
    );
    await page.locator('main h1:not([data-left-screen])').first().waitFor();
    const shown = new URL(page.url()).pathname;
    if (shown !== screen.path) throw new Error(`asked for ${screen.path}, the app shows ${shown}`);
  }
  await waitForScreen(page, screen, language);
}
