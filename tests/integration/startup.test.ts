/**
 * Starting the server as `pnpm start` does: the demo workspace on an empty data dir, a fast
 * second start on the same data, and clear refusals for a second process and bad settings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { emptyDir, freshDataDir } from '../support/dataDir';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';

const startupMs = (server: ServerProcess): number => {
  const line = server.logs.find((entry) => entry.includes('"msg":"listening"'));
  return line ? (JSON.parse(line) as { startupMs: number }).startupMs : Number.NaN;
};

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

  it('loads the demo workspace into an empty data dir, and reuses it on the next start', async () => {
    const dataDir = emptyDir('start-');
    const first = await startServerProcess({ dataDir });
    running.push(first);
    expect(first.logs.some((line) => line.includes('demo workspace loaded'))).toBe(true);
    const { user } = await signIn(first.url, 'chef-naringsliv');
    expect(user.departmentId).toBe('naringsliv');
    await first.kill('SIGTERM');

    const second = await startServerProcess({ dataDir });
    running.push(second);
    expect(second.logs.some((line) => line.includes('demo workspace loaded'))).toBe(false);
    await signIn(second.url, 'kommunchef');
    // Reported, not asserted: tests never assert wall-clock times.
    console.info(
      `startup on an empty data dir: ${startupMs(first)} ms; on the same data again: ${startupMs(second)} ms`,
    );
  });

  it('refuses a second process on the same data dir with a clear message', async () => {
    const dataDir = freshDataDir();
    const server = await startServerProcess({ dataDir });
    running.push(server);
    const message = await expectRefusal({ dataDir });
    expect(message).toContain('is in use by another Följsam server');
    expect(message).toContain('code 2');
    // The first one is unharmed.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('on PostgreSQL: loads the demo into an empty schema once, and reuses it on the next start', async () => {
    const options = await freshServerOptions('postgres');
    const first = await startServerProcess(options);
    running.push(first);
    expect(first.logs.some((line) => line.includes('demo workspace loaded'))).toBe(true);
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as { storage: string };
    expect(health.storage).toBe('postgres');
    await first.kill('SIGTERM');

    const second = await startServerProcess(options);
    running.push(second);
    expect(second.logs.some((line) => line.includes('demo workspace loaded'))).toBe(false);
    await signIn(second.url, 'chef-hr');
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

  it('never loads the demo in production: DEMO=1 there is refused (see firstRun.test.ts)', async () => {
    const message = await expectRefusal({ dataDir: emptyDir(), env: { NODE_ENV: 'production', DEMO: '1' } });
    expect(message).toContain('never loaded in production');
  });
});
