/**
 * Debian's Chromium driven by playwright-core, with the flags this machine needs (no
 * background networking: the network is closed and Chromium would keep knocking).
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
}

/** A browser with a fresh profile; each context in it is one person. */
export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/**
 * A browser whose profile lives in `userDataDir`, so closing it and launching it again on the
 * same folder is a browser restart (IndexedDB, service worker and cookies survive).
 */
export async function launchPersistentChromium(
  userDataDir: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    ...options,
  });
}
