/** Entry point of `pnpm start`: configuration from the environment, then the server. */
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';
import { DataDirLockedError } from './store/pglite/dataDirLock';
import { StoreTooNewError } from './store/sql/migrations';

// Not LOG_LEVEL: it is not validated yet, and a bad one must still be reported.
const bootLog = createLogger('info');

try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof StoreTooNewError
  ) {
    bootLog.fatal(error.message);
    process.exitCode = 2;
  } else {
    bootLog.fatal({ err: error }, 'could not start');
    process.exitCode = 1;
  }
}
