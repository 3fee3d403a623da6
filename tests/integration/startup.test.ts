/**
 * Starting the server as `pnpm start` does (plain `node` on the built server): the demo
 * workspace on an empty data dir, whose database a child process creates, a fast second start
 * on the same data, and clear refusals for a second process, a store a newer version opened
 * and bad settings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PRODUCT_VERSION } from '@foljsam/server';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { emptyDir } from '../support/dataDir';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { markOpenedBy } from '../support/storeSql';

const startupMs = (server: ServerProcess): number => {
  const line = server.logs.find((entry) => entry.includes('"msg":"listening"'));
  return line ? (JSON.parse(line) as { startupMs: number }).startupMs : Number.NaN;
};

/** The "database created in a child process" log entry, if the server wrote one. */
function databaseCreated(server: ServerProcess): { childPid: number; childMaxRssMb: number } | undefined {
  const line = server.logs.find((entry) => entry.includes('"msg":"database created in a child process"'));
  return line ? (JSON.parse(line) as { childPid: number; childMaxRssMb: number }) : undefined;
}

const rssMb = (pid: number): number =>
  Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);

/** The product version the server logged when it started listening. */
const loggedVersion = (server: ServerProcess): unknown => {
  const line = server.logs.find((entry) => entry.includes('"msg":"listening"'));
  return line ? (JSON.parse(line) as { version?: unknown }).version : undefined;
};

/** What a server says, and its exit code, when it refuses a store a newer version opened. */
async function expectNewerStoreRefused(options: Parameters<typeof startServerProcess>[0]): Promise<void> {
  await markOpenedBy(options, '99.0.0');
  const message = await expectRefusal(options);
  expect(message).toContain(
    `This store was last opened by Följsam 99.0.0, and this is Följsam ${PRODUCT_VERSION}`,
  );
  expect(message).toContain('install Följsam 99.0.0 or newer, or restore the backup');
  expect(message).toContain('code 2');
}

/** Starts a server that is expected to refuse, and returns what it said. */
async function expectRefusal(options: Parameters<typeof startServerProcess>[0]): Promise<string> {
  const error = await startServerProcess(options).then(
    () => null,
    (failure: Error) => failure,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('starting the server', () => {
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of running) await server.kill('SIGTERM');
  });

  it('loads the demo workspace into an empty data dir, refuses a second process on it, reuses it on the next start, and refuses it once a newer version opened it', async () => {
    const dataDir = emptyDir('start-');
    const starting = startServerProcess({ dataDir });
    // The server holds the data dir lock while its child creates the database: a second
    // server started meanwhile (or after) is refused.
    const creating = () => readdirSync(dataDir).some((entry) => entry.startsWith('pglite'));
    for (let tries = 0; tries < 3000 && !creating(); tries++) await sleep(20);
    expect(await expectRefusal({ dataDir })).toContain('is in use by another Följsam server');
    const first = await starting;
    running.push(first);
    // Plain node on the compiled server, as `pnpm start` runs it.
    expect(first.child.spawnargs.slice(1)).toEqual([
      '--enable-source-maps',
      expect.stringMatching(/server\/dist\/main\.js$/),
    ]);
    const created = databaseCreated(first);
    expect(created?.childPid).toBeGreaterThan(0);
    expect(created?.childPid).not.toBe(first.child.pid);
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(first.logs.some((line) => line.includes('demo workspace loaded'))).toBe(true);
    expect(loggedVersion(first)).toBe(PRODUCT_VERSION);
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    const { user } = await signIn(first.url, 'chef-naringsliv');
    expect(user.departmentId).toBe('naringsliv');
    const firstRss = rssMb(first.child.pid as number);
    // Refused as well once the first one runs, with exit code 2; the first one is unharmed.
    const message = await expectRefusal({ dataDir });
    expect(message).toContain('is in use by another Följsam server');
    expect(message).toContain('code 2');
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    await first.kill('SIGTERM');

    const second = await startServerProcess({ dataDir });
    running.push(second);
    expect(databaseCreated(second)).toBeUndefined();
    expect(second.logs.some((line) => line.includes('demo workspace loaded'))).toBe(false);
    await signIn(second.url, 'kommunchef');
    // Reported, not asserted: tests never assert wall-clock times (nor memory, which varies).
    console.info(
      `startup on an empty data dir: ${startupMs(first)} ms, server RSS ${firstRss} MB ` +
        `(initdb child peak ${created?.childMaxRssMb} MB); on the same data again: ${startupMs(second)} ms, ` +
        `RSS ${rssMb(second.child.pid as number)} MB`,
    );
    await second.kill('SIGTERM');
    await expectNewerStoreRefused({ dataDir });
  });

  it('on PostgreSQL: loads the demo into an empty schema once, reuses it on the next start, and refuses it once a newer version opened it', async () => {
    const options = await freshServerOptions('postgres');
    const first = await startServerProcess(options);
    running.push(first);
    expect(first.logs.some((line) => line.includes('demo workspace loaded'))).toBe(true);
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as {
      storage: string;
      version: string;
    };
    expect(health).toMatchObject({ storage: 'postgres', version: PRODUCT_VERSION });
    await first.kill('SIGTERM');

    const second = await startServerProcess(options);
    running.push(second);
    expect(second.logs.some((line) => line.includes('demo workspace loaded'))).toBe(false);
    await signIn(second.url, 'chef-hr');
    await second.kill('SIGTERM');
    await expectNewerStoreRefused(options);
  });

  it('refuses bad configuration values, naming each', async () => {
    const message = await expectRefusal({
      dataDir: emptyDir(),
      env: { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' },
    });
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('DATABASE_URL');
  });
  // DEMO=1 in production is refused too: firstRun.test.ts.
});
