/**
 * A real server in the test's own process with a {@link ManualClock}, for behaviour that
 * depends on the date (deadlines, Att göra, reminders): the test moves the clock and asks again.
 * It listens on a loopback port like any other server; `server.store` and `server.registry` are
 * there for module-level calls such as listDueReports.
 */
import { createLogger, loadConfig, type ManualClock, type RunningServer, startServer } from '@foljsam/server';
import { freshServerOptions, type Storage } from './storage';

/** Starts a server on a fresh copy of the demo workspace of the given storage, judging time by `clock`. */
export async function startClockServer(
  storage: Storage,
  clock: ManualClock,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const options = await freshServerOptions(storage, env);
  const config = loadConfig({
    ...options.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: process.env.TEST_SERVER_LOG_LEVEL ?? 'warn',
  });
  return startServer(config, createLogger(config.logLevel), { clock });
}
