/** @foljsam/server's public surface for tests, benchmarks and the client's RPC types. */
export type { ApiType } from './app';
export { type Clock, ManualClock, systemClock } from './clock';
export { type Config, loadConfig } from './config';
export { demoAccounts } from './demo/seedDemo';
export { createLogger } from './logger';
export type { RoundResult } from './reminders/reminderService';
export { type DueReport, listDueReports } from './reporting/dueReports';
export { openStore, type RunningServer, startServer } from './server';
export { StoreTooNewError } from './store/sql/migrations';
export type { MailLogEntry, ReminderMode } from './store/types';
export { CloseCode } from './sync/closeCodes';
export { PRODUCT_VERSION } from './version';
