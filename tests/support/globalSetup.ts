/**
 * Builds the server if its sources changed since the last build (server processes in tests run
 * the compiled server), and prepares two template data dirs once per test run (see dataDir.ts):
 * an empty database (PGlite's initdb, nothing else) and, from a copy of it, the demo workspace.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../scripts/build.mjs';
import { createDatabaseIfMissing } from '../../server/src/store/pglite/createDatabase';
import { startServerProcess } from './serverProcess';
import { dropSchemas } from './storage';

// Each run gets its own folder, so two runs at once (CI and a developer) do not collide.
const TMP_ROOT = new URL('../.tmp/', import.meta.url).pathname;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build('server', { ifChanged: true });
  mkdirSync(TMP_ROOT, { recursive: true });
  const runDir = mkdtempSync(join(TMP_ROOT, 'run-'));
  // initdb as the server runs it (a child process), into the folder the server opens.
  const emptyDatabaseDir = join(runDir, 'template-empty');
  mkdirSync(emptyDatabaseDir);
  await createDatabaseIfMissing(join(emptyDatabaseDir, 'pglite'));
  const templateDataDir = join(runDir, 'template-data');
  cpSync(emptyDatabaseDir, templateDataDir, { recursive: true });
  const server = await startServerProcess({ dataDir: templateDataDir });
  // A graceful stop, so the copies hold a cleanly shut down database and no lock.
  await server.kill('SIGTERM');
  project.provide('testTmpDir', runDir);
  project.provide('templateDataDir', templateDataDir);
  project.provide('emptyDatabaseDir', emptyDatabaseDir);
  const schemaPrefix = `foljsam_it_${randomBytes(3).toString('hex')}_`;
  project.provide('schemaPrefix', schemaPrefix);
  return async () => {
    // Vitest runs this before it waits for the last test file's worker to exit, with a 10 s
    // timer on that exit. The run holds a data dir of about 1,000 files for every test server it
    // started: removed synchronously, they held the event loop past that timer ("Timeout
    // terminating forks worker"). Both finish before an error is reported (without PostgreSQL,
    // dropSchemas cannot connect).
    const results = await Promise.allSettled([
      rm(runDir, { recursive: true, force: true }),
      dropSchemas(schemaPrefix),
    ]);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  };
}
