/**
 * Creating the embedded database (PGlite's initdb) in a child process that exits. A Node
 * process that ran initdb keeps about 800 MB RSS for the rest of its life; one that opens an
 * existing database holds about 300 MB. The server therefore never runs initdb itself.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the child reports once the database exists. */
export interface CreatedDatabase {
  /** The child process's pid: never the server's own. */
  childPid: number;
  /** The child's peak resident memory, in MB: the memory the server did not pay. */
  childMaxRssMb: number;
  durationMs: number;
}

// Plain JavaScript run with `node -e`, so that it works alike from TypeScript sources (tsx,
// Vitest) and from the built server. Its last stdout line is the peak RSS in kilobytes.
const CHILD_SCRIPT = `
import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create(process.argv[1]);
await db.close();
process.stdout.write('\\n' + process.resourceUsage().maxRSS + '\\n');
`;

// Bare imports in `node -e` code resolve from the working directory: this module's folder,
// in the server package (src/store/pglite/ or dist/), where @electric-sql/pglite resolves.
const CHILD_CWD = fileURLToPath(new URL('.', import.meta.url));

const TEMP_MARK = '.initdb-';

/** Whether `databaseDir` holds a PGlite (PostgreSQL) database: PGlite itself checks PG_VERSION. */
export function hasDatabase(databaseDir: string): boolean {
  return existsSync(join(databaseDir, 'PG_VERSION'));
}

/**
 * Creates the database in `databaseDir` if there is none, by running initdb in a child process.
 * The caller must hold the data dir lock: the child runs under it and takes no lock itself.
 * The child writes into a temporary sibling folder that is renamed into place once complete,
 * so a crash (of the child or of this process) never leaves a half-created database, and a
 * child orphaned by a killed server writes nowhere that a later server opens.
 * Returns null if the database already existed.
 */
export async function createDatabaseIfMissing(databaseDir: string): Promise<CreatedDatabase | null> {
  if (hasDatabase(databaseDir)) return null;
  if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
    throw new Error(
      `${databaseDir} holds files but no database (no PG_VERSION); move it aside to start with an empty one`,
    );
  }
  const parent = dirname(databaseDir);
  // Left over by a creation that was interrupted; the lock says nobody else uses them now.
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(`${basename(databaseDir)}${TEMP_MARK}`)) {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
  const temp = `${databaseDir}${TEMP_MARK}${randomBytes(4).toString('hex')}`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT, temp], {
    cwd: CHILD_CWD,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  if (exitCode !== 0 || !hasDatabase(temp)) {
    rmSync(temp, { recursive: true, force: true });
    throw new Error(
      `could not create the database in ${databaseDir} (initdb exited with ${exitCode}):\n${output}`,
    );
  }
  // rename(2) does not replace a non-empty folder; this one is empty (checked above) or absent.
  if (existsSync(databaseDir)) rmdirSync(databaseDir);
  renameSync(temp, databaseDir);
  const maxRssKb = Number(output.trim().split('\n').at(-1));
  return {
    childPid: child.pid as number,
    childMaxRssMb: Number.isFinite(maxRssKb) ? Math.round(maxRssKb / 1024) : Number.NaN,
    durationMs: Math.round(performance.now() - started),
  };
}
