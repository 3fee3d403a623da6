/**
 * What one write costs the browser's local database (PGlite on IndexedDB, in Debian's Chromium)
 * with the app's initdb arguments (client/src/local/localDbFiles.ts: 1 MB write-ahead log
 * segments) against initdb's defaults (16 MB). PGlite stores every file a statement changed
 * in IndexedDB whole, after the statement; the log's current segment changes with every write.
 *
 * Each run is a new browser context (a new IndexedDB) on a page that loads PGlite's own
 * package files from a loopback server: it creates the database (initdb in the browser, as
 * the worker does when the build's tarball cannot be fetched), makes one table, then times
 * `BENCH_LOCAL_DB_WRITES` (30) transactions of five small inserts each, as the app's batches
 * of a document's rows are. Both layouts alternate, `BENCH_LOCAL_DB_RUNS` (3) runs each.
 *
 * Run from the repository root: `pnpm exec tsx bench/src/localDbWrites.ts`. Not a test: it
 * asserts nothing and prints a Markdown table.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { LOCAL_DB_INITDB_ARGS } from '../../client/src/local/localDbFiles';
import { launchChromium } from '../../tests/support/browser';
import { median } from './stats';

const RUNS = Number(process.env.BENCH_LOCAL_DB_RUNS ?? 3);
const WRITES = Number(process.env.BENCH_LOCAL_DB_WRITES ?? 30);

const PGLITE_DIST = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
};

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import { PGlite } from '/pglite/index.js';
window.measure = async (name, initDbStartParams, writes) => {
  const started = performance.now();
  const db = await PGlite.create('idb://' + name, { initDbStartParams });
  const openMs = performance.now() - started;
  await db.exec('create table rows (id bigserial primary key, doc_name text not null, data bytea not null)');
  const writeMs = [];
  for (let write = 0; write < writes; write++) {
    const before = performance.now();
    await db.transaction(async (tx) => {
      for (let row = 0; row < 5; row++) {
        await tx.query('insert into rows (doc_name, data) values ($1, $2)', ['doc-' + row, new Uint8Array(200)]);
      }
    });
    writeMs.push(performance.now() - before);
  }
  const { rows } = await db.query('show wal_segment_size');
  await db.close();
  return { segment: rows[0].wal_segment_size, openMs, writeMs };
};
window.pageReady = true;
</script>`;

interface Run {
  segment: string;
  openMs: number;
  writeMs: number[];
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/') {
    response.setHeader('content-type', CONTENT_TYPES['.html'] as string);
    response.end(PAGE);
    return;
  }
  const file = normalize(join(PGLITE_DIST, path.replace(/^\/pglite\//, '')));
  if (!path.startsWith('/pglite/') || !file.startsWith(PGLITE_DIST)) {
    response.statusCode = 404;
    response.end();
    return;
  }
  readFile(file).then(
    (data) => {
      response.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
      response.end(data);
    },
    () => {
      response.statusCode = 404;
      response.end();
    },
  );
});

const layouts = [
  { name: 'initdb defaults', args: [] as string[] },
  { name: `the app's (${LOCAL_DB_INITDB_ARGS.join(' ')})`, args: [...LOCAL_DB_INITDB_ARGS] },
];

async function main(): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const runs = new Map<string, Run[]>(layouts.map((layout) => [layout.name, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const layout of layouts) {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(origin);
          await page.waitForFunction(() => 'pageReady' in window);
          const result = await page.evaluate(
            ([args, writes]) =>
              (
                window as unknown as {
                  measure: (name: string, args: string[], writes: number) => Promise<Run>;
                }
              ).measure('bench', args, writes),
            [layout.args, WRITES] as const,
          );
          process.stderr.write(
            `${layout.name} run ${run + 1}: open ${Math.round(result.openMs)} ms, write median ${median(result.writeMs).toFixed(1)} ms\n`,
          );
          runs.get(layout.name)?.push(result);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const lines = [
    `The browser's local database in Chromium on IndexedDB: ${WRITES} transactions of five inserts each per run; medians over ${RUNS} runs (each a new database).`,
    '',
    '| Layout | WAL segment | Open (initdb) ms | Write transaction p50 ms | p90 ms | All writes ms |',
    '| :-- | --: | --: | --: | --: | --: |',
  ];
  for (const [name, results] of runs) {
    const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? 0;
    lines.push(
      `| ${name} | ${results[0]?.segment ?? 'n/a'} | ${median(results.map((r) => r.openMs)).toFixed(0)} | ${median(
        results.map((r) => median(r.writeMs)),
      ).toFixed(1)} | ${median(results.map((r) => p90(r.writeMs))).toFixed(1)} | ${median(
        results.map((r) => r.writeMs.reduce((sum, ms) => sum + ms, 0)),
      ).toFixed(0)} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
