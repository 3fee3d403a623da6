/**
 * The board's report as PDF: Debian's Chromium (through playwright-core) prints the
 * server-rendered HTML page. Chromium is launched for each PDF and closed after it, so it costs
 * no memory while nobody prints; PDFs are made one at a time (a Chromium takes a few hundred MB).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Chromium is; `CHROMIUM_PATH` overrides Debian's place. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium is not installed where the server looks for it. */
export class ChromiumMissingError extends Error {}

// Flags for a headless Chromium on a server (see TOOLCHAIN.md): no sandbox (runs in
// containers as root), no GPU, and nothing that phones home.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints `html` to an A4 PDF with `footerTitle` and page numbers in the footer; `pageOf` words
 * them (given Chromium's page-number elements), "Sida 1 av 7" unless told.
 */
export function printPdf(
  html: string,
  footerTitle: string,
  pageOf: (current: string, total: string) => string = (current, total) => `Sida ${current} av ${total}`,
): Promise<Uint8Array<ArrayBuffer>> {
  const run = queue.then(() => print(html, footerTitle, pageOf));
  queue = run.catch(() => undefined);
  return run;
}

async function print(
  html: string,
  footerTitle: string,
  pageOf: (current: string, total: string) => string,
): Promise<Uint8Array<ArrayBuffer>> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new ChromiumMissingError(`Chromium is not installed at ${executablePath}`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'foljsam-pdf-'));
  // Loaded on first use: playwright-core costs about 1 s and 80 MiB at start-up.
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: FLAGS,
  });
  try {
    const page = await context.newPage();
    // The page needs nothing from the network: Chart.js is inlined.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
    // The words around Chromium's page-number elements, escaped; the elements themselves are markup.
    const pages = escapeHtml(pageOf('\u0001', '\u0002'))
      .replace('\u0001', '<span class="pageNumber"></span>')
      .replace('\u0002', '<span class="totalPages"></span>');
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:7pt;width:100%;padding:0 14mm;display:flex;justify-content:space-between;color:#555"><span>${escapeHtml(footerTitle)}</span><span>${pages}</span></div>`,
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
