/**
 * For the offline tests: a real server on a fresh data dir serving the built client, and
 * Chromium with persistent profiles against it (a browser restart is a new launch on the same
 * profile: IndexedDB, the service worker and cookies survive). Registers its own hooks, like
 * `appUnderTest()`: call it once at the top of a test file.
 */
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchPersistentChromium } from './browser';
import { freshDataDir } from './dataDir';
import { type ServerProcess, startServerProcess } from './serverProcess';

const CLIENT_DIST = resolve(
  process.env.CLIENT_DIST ?? new URL('../../client/dist', import.meta.url).pathname,
);

export interface PersistentApp {
  /** The running server (a new one after `restart`). */
  readonly server: ServerProcess;
  /** Starts the server again on the same data dir and port (after a test killed it). */
  restart(): Promise<void>;
  /** Chromium on `profile`, Swedish, optionally offline from the start; closed after the file. */
  launch(profile: string, offline?: boolean): Promise<{ context: BrowserContext; page: Page }>;
}

export function persistentAppUnderTest(): PersistentApp {
  let server: ServerProcess | null = null;
  let options: { dataDir: string; env: Record<string, string> } | null = null;
  const contexts = new Set<BrowserContext>();

  beforeAll(async () => {
    options = { dataDir: freshDataDir(), env: { CLIENT_DIST } };
    server = await startServerProcess(options);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await server?.kill();
  });

  const running = (): ServerProcess => {
    if (!server) throw new Error('the server is not started yet (use it inside a test)');
    return server;
  };

  return {
    get server() {
      return running();
    },
    async restart() {
      const port = running().port;
      if (!options) throw new Error('the server was never started');
      server = await startServerProcess({ ...options, port });
    },
    async launch(profile, offline = false) {
      const context = await launchPersistentChromium(profile, {
        baseURL: running().url,
        locale: 'sv-SE',
        offline,
      });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      const page = context.pages()[0] ?? (await context.newPage());
      return { context, page };
    },
  };
}
