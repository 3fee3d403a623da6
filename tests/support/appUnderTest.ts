/**
 * The set-up every end-to-end file shares: the built client served by a real server on a copy
 * of the demo workspace, one Chromium, and people signing in through the form in contexts of
 * their own. Kept here so each test file only says what is particular to its screen.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './browser';
import { freshDataDir } from './dataDir';
import { type ServerProcess, startServerProcess } from './serverProcess';

/** The client build the server serves: CLIENT_DIST when set (a build elsewhere), else client/dist. */
const CLIENT_DIST = resolve(
  process.env.CLIENT_DIST ?? new URL('../../client/dist', import.meta.url).pathname,
);

export interface AppUnderTestOptions {
  /** Options for every browser context of the file (say a viewport); baseURL and locale are fixed. */
  contextOptions?: BrowserContextOptions;
  /**
   * Starts the server serving `clientDist` (default: a copy of the demo workspace); e.g.
   * `firstRunServer` (firstRun.ts) for a production server on a store made by `pnpm admin init`.
   */
  startServer?: (clientDist: string) => Promise<ServerProcess>;
  /**
   * Close a context opened in a test (or its beforeEach) when that test ends, instead of after
   * the file. A signed-in app left open keeps syncing, rendering and running its local database
   * and takes CPU from the tests after it; set this when no test uses another test's pages.
   * Contexts opened in beforeAll stay open for the whole file either way.
   */
  closeContextsAfterEachTest?: boolean;
  /**
   * Let the app register its service worker. Off by default: installing it fetches and stores
   * the whole app (about 18 MB with the local database's files) once more in every new context,
   * which costs each person's first visit CPU the test then waits for. The app works without
   * one (as in a browser without service workers); what it adds (starting offline, "available
   * offline") is what offline.test.ts, offline-durability.test.ts and
   * reconnect-and-readiness.test.ts check, on contexts of their own; the walks of every screen
   * (screens.test.ts, phone.test.ts) keep it, so they see the sync bar as people do.
   */
  serviceWorkers?: boolean;
}

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
}

export interface AppUnderTest {
  /** The running server (throws before the beforeAll hook has started it). */
  readonly server: ServerProcess;
  /** The running Chromium (throws before the beforeAll hook has launched it). */
  readonly browser: Browser;
  /** A new browser context (its own cookie jar: one person) on the app, in Swedish, closed after the file. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /**
   * One person: a new context with a page on `path`, signed in through the form. It waits for
   * nothing after the click, since what shows next is the caller's screen to wait for.
   * `prepare` runs on the context before the page opens (routing, say).
   */
  signInAt(
    username: string,
    path: string,
    password?: string,
    prepare?: (context: BrowserContext) => Promise<void>,
  ): Promise<SignedInPage>;
}

/** Used before its beforeAll ran (say at the top level of the file), or after that hook failed. */
function notStarted(name: string, what: string): Error {
  return new Error(
    `${name} used before ${what} started: use it in a test or in a hook registered after appUnderTest() ` +
      '(or that set-up failed: see its error)',
  );
}

/** Fills the sign-in form on `page` and submits it, as a person would. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Användarnamn', { exact: true }).fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/**
 * Registers the file's beforeAll (check the build, start the server, launch Chromium) and
 * afterAll (close every context, the browser and the server). Call it at the top level of a
 * test file, before the file's own hooks: its beforeAll then runs first and, as Vitest runs
 * afterAll hooks in reverse order, its afterAll runs last.
 */
export function appUnderTest({
  contextOptions = {},
  startServer,
  closeContextsAfterEachTest = false,
  serviceWorkers = false,
}: AppUnderTestOptions = {}): AppUnderTest {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  /** The contexts the running test opened, while one runs and closeContextsAfterEachTest is set. */
  let testContexts: BrowserContext[] | null = null;

  beforeAll(async () => {
    if (!existsSync(join(CLIENT_DIST, 'index.html'))) {
      throw new Error(
        `The client is not built (${CLIENT_DIST}/index.html is missing). Run \`pnpm build\` first, ` +
          'or set CLIENT_DIST to a folder holding a build.',
      );
    }
    // The server gets the checked folder as an absolute path: it resolves a relative one from its own folder.
    // Both at once: each waits mostly on its own process starting (together about 2 s a file).
    const starting = startServer
      ? startServer(CLIENT_DIST)
      : startServerProcess({ dataDir: freshDataDir(), env: { CLIENT_DIST } });
    const launching = launchChromium();
    const [started, launched] = await Promise.allSettled([starting, launching]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  if (closeContextsAfterEachTest) {
    // Registered before the file's own hooks: this beforeEach runs first and this afterEach
    // last, so the file's afterEach hooks still have their pages.
    beforeEach(() => {
      testContexts = [];
    });
    afterEach(async () => {
      const opened = testContexts ?? [];
      testContexts = null;
      for (const context of opened) await context.close().catch(() => undefined);
    });
  }

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await Promise.all([browser?.close(), server?.kill()]);
  });

  const app: AppUnderTest = {
    get server() {
      if (!server) throw notStarted('app.server', 'the server');
      return server;
    },
    get browser() {
      if (!browser) throw notStarted('app.browser', 'Chromium');
      return browser;
    },
    async newContext(options = {}) {
      const context = await app.browser.newContext({
        serviceWorkers: serviceWorkers ? 'allow' : 'block',
        ...contextOptions,
        ...options,
        baseURL: app.server.url,
        locale: 'sv-SE',
      });
      contexts.push(context);
      testContexts?.push(context);
      return context;
    },
    async signInAt(username, path, password = 'demo', prepare) {
      const context = await app.newContext();
      await prepare?.(context);
      const page = await context.newPage();
      await page.goto(path);
      await submitSignIn(page, username, password);
      return { context, page };
    },
  };
  return app;
}

/** Goes to `path` through the app's router, as a link in the app does, and waits for its heading. */
export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    // The screen being left: its heading must be gone before the next one counts as shown.
    document.querySelector('main h1')?.setAttribute('data-left-screen', '');
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.locator('main h1:not([data-left-screen])').first().waitFor();
}
