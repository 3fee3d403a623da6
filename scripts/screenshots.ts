/**
 * `pnpm screenshots`: full-page screenshots of every screen with the demo workspace, into
 * docs/screenshots/ (with an index, docs/screenshots/README.md): a desktop set, and a phone
 * set in docs/screenshots/phone/.
 *
 * Starts a real server on a fresh temporary data dir (so the demo workspace is loaded as a new
 * installation gets it), signs in through the UI in Debian's Chromium and visits each screen in
 * Swedish, at 1280×900 for the desktop set and as a phone (390×844 CSS px at twice the pixels,
 * touch, as tests/e2e/phone.test.ts checks it) for the phone set. It waits for each screen's
 * `main h1` and for its loading notices to go, never on internals of a screen. Exits by itself
 * and removes what it started.
 *
 * Environment: CLIENT_DIST (the built client; default client/dist, which `pnpm screenshots`
 * builds first), CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOTS_DIR (default
 * docs/screenshots).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
// The same server and browser start-up as the tests, so the screenshots show what they test.
import { launchChromium } from '../tests/support/browser';
import { PHONE } from '../tests/support/phone';
import { type ServerProcess, startServerProcess } from '../tests/support/serverProcess';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT_DIR = resolve(process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs/screenshots'));
const CLIENT_DIST = resolve(process.env.CLIENT_DIST ?? join(ROOT, 'client/dist'));
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
/** The phone set's folder inside OUT_DIR. */
const PHONE_DIR = 'phone';
/** Longest wait for one condition; a screen that is slower is captured as it is, with a warning. */
const WAIT_MS = 15_000;

interface Shot {
  /** The image's path inside OUT_DIR, e.g. `phone/02-oversikt.png`. */
  file: string;
  title: string;
  path: string;
  user: string;
  set: 'desktop' | 'phone';
}
const shots: Shot[] = [];

/** Waits for a condition, but never fails the run: a slow screen is captured as it is. */
async function settle(label: string, wait: Promise<unknown>): Promise<void> {
  try {
    await wait;
  } catch {
    console.warn(`  (${label}: not reached within ${WAIT_MS / 1000} s; capturing as it is)`);
  }
}

/** Waits until the screen has its heading, no loading notice and a quiet network. */
async function screenReady(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: WAIT_MS });
  // Screens load some parts only when they come into view (the goals' charts): scroll
  // through once so a full-page capture shows them loaded.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((done) => setTimeout(done, 100));
    }
    window.scrollTo(0, 0);
  });
  await settle(
    'loading notices',
    // Shown ones only: a closed history panel keeps its "Hämtar historiken…" until it is opened.
    page.waitForFunction(
      () =>
        [
          ...document.querySelectorAll(
            'main .loading, main [aria-busy="true"], main [data-report-state="loading"]',
          ),
        ].every((element) => element.getClientRects().length === 0),
      undefined,
      { timeout: WAIT_MS },
    ),
  );
  await settle('network idle', page.waitForLoadState('networkidle', { timeout: WAIT_MS }));
  await page.evaluate(() => document.fonts.ready);
  // Let charts finish their first draw (two frames), then the page is still.
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

/**
 * Captures the page into `file` (inside OUT_DIR; a phone set's file starts with `phone/`): the
 * whole page, or with `firstScreen` only what the screen shows (an open menu or dialog).
 */
async function capture(
  page: Page,
  file: string,
  title: string,
  user: string,
  { firstScreen = false }: { firstScreen?: boolean } = {},
): Promise<void> {
  await screenReady(page);
  await page.screenshot({ path: join(OUT_DIR, file), fullPage: !firstScreen });
  const url = new URL(page.url());
  const set = file.startsWith(`${PHONE_DIR}/`) ? 'phone' : 'desktop';
  shots.push({ file, title, path: url.pathname + url.search, user, set });
  console.log(`  ${file}  ${title}`);
}

async function signInThroughUi(page: Page, username: string): Promise<void> {
  await page.getByLabel('Användarnamn', { exact: true }).fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  // Attached, not visible: on a phone the sign-out button is in the closed menu.
  await page
    .getByRole('button', { name: 'Logga ut', includeHidden: true })
    .waitFor({ state: 'attached', timeout: WAIT_MS });
}

async function newPerson(
  browser: Browser,
  baseURL: string,
  device: BrowserContextOptions = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...device,
    baseURL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const page = await context.newPage();
  return { context, page };
}

function writeIndex(): void {
  // In file order: a set is not always captured in that order (who is signed in where).
  shots.sort((a, b) => a.file.localeCompare(b.file));
  const table = (set: Shot['set']) => [
    '| file | screen | address | signed in as |',
    '| --- | --- | --- | --- |',
    ...shots
      .filter((shot) => shot.set === set)
      .map((shot) => `| [${shot.file}](${shot.file}) | ${shot.title} | \`${shot.path}\` | ${shot.user} |`),
  ];
  const images = (set: Shot['set']) =>
    shots.filter((shot) => shot.set === set).map((shot) => `![${shot.title}](${shot.file})\n`);
  const text = [
    '# Screenshots',
    '',
    'Every screen of Följsam with the demo workspace (Ale kommun, 2015), made by `pnpm screenshots`',
    '(`scripts/screenshots.ts`): a real server on a fresh data dir, Chromium, Swedish unless noted.',
    'The monthly reports of January to March 2015 are invented demo content; the plan is the real one.',
    '',
    '- [Desktop](#desktop): 1280×900.',
    '- [Phone](#phone): 390×844 CSS px at twice the pixels, with touch, as `tests/e2e/phone.test.ts`',
    '  checks every screen (no sideways scrolling, banner and sync bar at most a fifth of the',
    '  screen, 44 px touch targets). Wide tables scroll sideways in their own box.',
    '',
    '## Desktop',
    '',
    ...table('desktop'),
    '',
    ...images('desktop'),
    '## Phone',
    '',
    ...table('phone'),
    '',
    ...images('phone'),
  ].join('\n');
  writeFileSync(join(OUT_DIR, 'README.md'), text);
}

/** The phone set: every screen as a department head on the move sees it, and the menu and a history panel. */
async function capturePhoneSet(browser: Browser, baseURL: string): Promise<void> {
  mkdirSync(join(OUT_DIR, PHONE_DIR), { recursive: true });
  const file = (name: string) => `${PHONE_DIR}/${name}`;

  const manager = await newPerson(browser, baseURL, PHONE);
  await manager.page.goto('/');
  await capture(manager.page, file('01-logga-in.png'), 'Logga in', '–');
  await signInThroughUi(manager.page, 'kommunchef');
  await manager.page.goto('/oversikt?manad=2015-02');
  await capture(manager.page, file('02-oversikt.png'), 'Översikt, februari 2015', 'kommunchef');
  await manager.page.getByRole('button', { name: 'Meny' }).tap();
  await manager.page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor({ timeout: WAIT_MS });
  await capture(manager.page, file('03-meny.png'), 'Menyn öppen (första skärmen)', 'kommunchef', {
    firstScreen: true,
  });
  await manager.page.getByRole('button', { name: 'Meny' }).tap();
  for (const [name, path, title] of [
    ['04-uppdrag.png', '/uppdrag', 'Uppdrag från fullmäktige'],
    ['05-mal.png', '/mal', 'Mål och mått'],
    ['08-ekonomi.png', '/ekonomi', 'Ekonomi'],
    ['09-styrelserapport.png', '/styrelserapport/2015-02', 'Styrelserapport, februari 2015'],
    ['10-import.png', '/import', 'Import och export'],
    ['11-andringslogg.png', '/logg', 'Ändringslogg (export)'],
  ] as const) {
    await manager.page.goto(path);
    await capture(manager.page, file(name), title, 'kommunchef');
  }
  await manager.context.close();

  const head = await newPerson(browser, baseURL, PHONE);
  await head.page.goto('/');
  await signInThroughUi(head.page, 'chef-hr');
  await head.page.goto('/rapport/2015-03/hr');
  await capture(
    head.page,
    file('06-rapport.png'),
    'Månadsrapport, HR avdelningen, mars 2015 (utkast)',
    'chef-hr',
  );
  await head.page.locator('.history-button').first().tap();
  const panel = head.page.locator('dialog[open][data-testid="history-panel"]');
  await panel.waitFor({ timeout: WAIT_MS });
  await settle('history', panel.locator('.loading').waitFor({ state: 'detached', timeout: WAIT_MS }));
  await capture(
    head.page,
    file('07-historik.png'),
    'Historik för ett mål i rapporten (första skärmen)',
    'chef-hr',
    {
      firstScreen: true,
    },
  );
  await head.context.close();

  const admin = await newPerson(browser, baseURL, PHONE);
  await admin.page.goto('/');
  await signInThroughUi(admin.page, 'admin');
  await admin.page.goto('/admin');
  await capture(admin.page, file('12-admin.png'), 'Administration', 'admin');
  await admin.context.close();
}

async function main(): Promise<void> {
  if (!existsSync(join(CLIENT_DIST, 'index.html'))) {
    throw new Error(
      `no built client at ${CLIENT_DIST}: run \`pnpm build\` (or \`pnpm screenshots\`, which builds it)`,
    );
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'foljsam-screenshots-'));
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await server?.kill('SIGTERM').catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.log('starting a server on a fresh demo workspace…');
    server = await startServerProcess({ dataDir, env: { CLIENT_DIST, NODE_ENV: 'development' } });
    browser = await launchChromium();
    console.log(`capturing into ${OUT_DIR}`);

    const manager = await newPerson(browser, server.url);
    await manager.page.goto('/');
    await capture(manager.page, '01-logga-in.png', 'Logga in', '–');
    await signInThroughUi(manager.page, 'kommunchef');

    await manager.page.goto('/oversikt?manad=2015-02');
    await capture(manager.page, '02-oversikt.png', 'Översikt, februari 2015', 'kommunchef');
    await manager.page.goto('/oversikt?manad=2015-03');
    await capture(manager.page, '03-oversikt-mars.png', 'Översikt, mars 2015', 'kommunchef');
    await manager.page.goto('/uppdrag');
    await capture(manager.page, '04-uppdrag.png', 'Uppdrag från fullmäktige', 'kommunchef');
    await manager.page.goto('/mal');
    await capture(manager.page, '05-mal.png', 'Mål och mått', 'kommunchef');

    // The HR head's report, with the kommunchef on it first so presence shows.
    const head = await newPerson(browser, server.url);
    await head.page.goto('/');
    await head.page.getByLabel('Användarnamn', { exact: true }).waitFor({ timeout: WAIT_MS });
    await signInThroughUi(head.page, 'chef-hr');
    await manager.page.goto('/rapport/2015-02/hr');
    await screenReady(manager.page);
    await head.page.goto('/rapport/2015-02/hr');
    await settle('presence', head.page.locator('[data-presence-user]').first().waitFor({ timeout: WAIT_MS }));
    await capture(head.page, '06-rapport.png', 'Månadsrapport, HR avdelningen, februari 2015', 'chef-hr');
    await manager.page.goto('/rapport/2015-03/hr');
    await screenReady(manager.page);
    await head.page.goto('/rapport/2015-03/hr');
    await settle('presence', head.page.locator('[data-presence-user]').first().waitFor({ timeout: WAIT_MS }));
    await capture(
      head.page,
      '07-rapport-utkast.png',
      'Månadsrapport, HR avdelningen, mars 2015 (utkast)',
      'chef-hr',
    );
    await head.context.close();

    await manager.page.goto('/ekonomi');
    await capture(manager.page, '08-ekonomi.png', 'Ekonomi', 'kommunchef');

    await manager.page.goto('/oversikt?manad=2015-02');
    await screenReady(manager.page);
    await manager.page.getByRole('button', { name: 'In English' }).click();
    await manager.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor({ timeout: WAIT_MS });
    await capture(manager.page, '09-overview-en.png', 'Overview in English, February 2015', 'kommunchef');
    await manager.context.close();

    await capturePhoneSet(browser, server.url);

    writeIndex();
    console.log(`${shots.length} screenshots and an index in ${OUT_DIR}`);
  } finally {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
