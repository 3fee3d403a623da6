/** Structured JSON logs (pino): one line per event, with the fields a log search needs. */
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'foljsam' } });
}
