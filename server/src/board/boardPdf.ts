/**
 * The board's report as PDF: Debian's Chromium (through playwright-core) prints the
 * server-rendered HTML page. Chromium is launched for each PDF and closed after it, so it costs
 * no memory while nobody prints; PDFs are made one at a time (a Chromium takes a few hundred MB),
 * and only a few may wait: past that a request is refused with a time to retry, so a burst of
 * requests cannot pile up unbounded work and memory.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Chromium is; `CHROMIUM_PATH` overrides Debian's place. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium is not installed where the server looks for it. */
export class ChromiumMissingError extends Error {}

// Flags for a headless Chromium on a server: no sandbox (runs in
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

/** The PDF queue is full; try again after `retryAfterSeconds`. */
export class PdfQueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many PDFs are being made; try again shortly');
    this.name = 'PdfQueueFullError';
  }
}

/** Before the first PDF: a guess of how long one takes (Chromium's start plus printing). */
const FIRST_GUESS_MS = 5000;

/** Prints PDFs one at a time, with at most `maxWaiting` more waiting their turn. */
export class PdfPrinter {
  private queue: Promise<unknown> = Promise.resolve();
  /** Printing or waiting. */
  private pending = 0;
  private lastDurationMs = FIRST_GUESS_MS;

  constructor(private readonly maxWaiting: number) {}

  /**
   * Prints `html` to an A4 PDF with `footerTitle` and page numbers in the footer; `pageOf` words
   * them (given Chromium's page-number elements), "Sida 1 av 7" unless told. Throws
   * {@link PdfQueueFullError} when `maxWaiting` PDFs already wait behind the one printing.
   */
  print(
    html: string,
    footerTitle: string,
    pageOf: (current: string, total: string) => string = (current, total) => `Sida ${current} av ${total}`,
  ): Promise<Uint8Array<ArrayBuffer>> {
    if (this.pending > this.maxWaiting) {
      // Everything ahead must finish first: the waiting ones and the one printing.
      const seconds = Math.ceil((this.pending * this.lastDurationMs) / 1000);
      return Promise.reject(new PdfQueueFullError(Math.max(1, seconds)));
    }
    this.pending++;
    const run = this.queue.then(async () => {
      const started = performance.now();
      try {
        return await print(html, footerTitle, pageOf);
      } finally {
        this.lastDurationMs = performance.now() - started;
      }
    });
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      this.pending--;
    });
  }
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
