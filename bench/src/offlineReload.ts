/**
 * Reload → first data shown, offline, in Debian's Chromium: the built client on a real
 * server, a persistent profile signed in once and fully synced, then the network cut and the
 * page reloaded N times; each time from the reload until the first assignment row is shown
 * (from the service worker's cache and the local PGlite store). Prints the median.
 *
 * Run from the repository root after `pnpm build`: `pnpm exec tsx bench/src/offlineReload.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchPersistentChromium } from '../../tests/support/browser';
import { startServerProcess } from '../../tests/support/serverProcess';
import { median } from './stats';

const RELOADS = Number(process.env.BENCH_RELOADS ?? 7);
const CLIENT_DIST = resolve(new URL('../../client/dist', import.meta.url).pathname);

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'foljsam-reload-'));
  const server = await startServerProcess({ dataDir: join(scratch, 'data'), env: { CLIENT_DIST } });
  const context = await launchPersistentChromium(join(scratch, 'profile'), {
    baseURL: server.url,
    locale: 'sv-SE',
  });
  const times: number[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/uppdrag');
    await page.getByLabel('Användarnamn', { exact: true }).fill('chef-hr');
    await page.getByLabel('Lösenord', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.evaluate(async () => {
      // Runs in the page (this package compiles without the DOM library).
      const { navigator } = globalThis as unknown as {
        navigator: { serviceWorker: { ready: Promise<unknown> } };
      };
      await navigator.serviceWorker.ready;
    });
    await page
      .locator('[data-testid="sync-last-full"]', { hasText: 'Senast helt synkad' })
      .waitFor({ timeout: 120_000 });
    await context.setOffline(true);
    for (let i = 0; i < RELOADS; i++) {
      const started = performance.now();
      await page.reload({ waitUntil: 'commit' });
      await page.locator('[data-assignment-id]').first().waitFor({ timeout: 60_000 });
      times.push(performance.now() - started);
    }
  } finally {
    await context.close();
    await server.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`| offline reload (Chromium, ${RELOADS} reloads) | median | min | max |`);
  console.log('| :-- | --: | --: | --: |');
  console.log(
    `| reload → first assignment row shown | ${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)} ms | ${Math.max(...times).toFixed(0)} ms |`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
