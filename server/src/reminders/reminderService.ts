/**
 * The reminder rounds: every minute (and once at start) the server asks the rules which e-mails
 * are due on its clock and sends those that no process sent before.
 *
 * Exactly once, as far as it can be: a round runs under a job lock (one process at a time), and
 * each message is claimed in the mail log (insert … on conflict do nothing) before it is sent;
 * only the claiming process sends it. A crash between the claim and the send leaves the message
 * unsent (at most once) and shown as such in the log; a failed send is logged and not retried.
 */
import { swedishDate } from '@foljsam/domain';
import type { Clock } from '../clock';
import type { MailConfig } from '../config';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { composeReminder } from './compose';
import { createMailer, describeSmtpUrl, type Mailer } from './mailer';
import { planReminders, type ReminderReport } from './rules';

/** The job lock's name. */
const JOB = 'reminders';

/** What one round did. */
export interface RoundResult {
  /** False when reminders are off, or another process held the job lock. */
  ran: boolean;
  /** Keys of messages sent in this round. */
  sent: string[];
  /** Keys of messages whose send failed in this round. */
  failed: string[];
}

export interface ReminderService {
  /** Runs a round now (after any round under way); for tests and tools. */
  runRound(): Promise<RoundResult>;
  /** Stops the schedule and waits for a round under way. */
  stop(): Promise<void>;
}

export interface ReminderDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Null: reminders are off. */
  mail: MailConfig | null;
  /** The reports of a year's calendar (listDueReports). */
  dueReports: (year: number) => Promise<ReminderReport[]>;
  /** Between rounds; one minute by default. */
  intervalMs?: number;
  /** A mailer in place of SMTP from `mail`. */
  mailer?: Mailer;
}

/** Starts the rounds: one now, then one per interval. */
export function startReminders(deps: ReminderDeps): ReminderService {
  const { store, clock, log } = deps;
  const mail = deps.mail;
  if (mail === null) {
    log.info('reminder e-mails are off: SMTP_URL is not set');
    const off: RoundResult = { ran: false, sent: [], failed: [] };
    return { runRound: async () => off, stop: async () => undefined };
  }
  const mailer = deps.mailer ?? createMailer(mail);
  const publicUrl = mail.publicUrl;
  log.info(
    { smtp: describeSmtpUrl(mail.smtpUrl), redirectAll: mail.redirectAll ?? null },
    mail.redirectAll ? 'reminder e-mails on, all redirected' : 'reminder e-mails on',
  );
  mailer.verify().catch((error: unknown) => log.warn({ err: error }, 'the SMTP server does not answer yet'));
  // Each skipped message is logged once per process, not every minute.
  const skippedLogged = new Set<string>();

  async function round(): Promise<RoundResult> {
    const locked = await store.tryJobLock(JOB, async () => {
      const now = clock.now();
      const year = Number(swedishDate(now).slice(0, 4));
      // Last year's year-end report is due in the new year.
      const reports = [...(await deps.dueReports(year - 1)), ...(await deps.dueReports(year))];
      const [users, departments] = await Promise.all([store.users.list(), store.departments.list()]);
      const plan = planReminders({ now, reports, users });
      for (const skipped of plan.skipped) {
        if (skippedLogged.has(skipped.key)) continue;
        skippedLogged.add(skipped.key);
        log.info(
          skipped,
          `reminder not sent: ${skipped.reason === 'disabled' ? 'user disabled' : 'no e-mail address'}`,
        );
      }
      const context = {
        departments: new Map(departments.map((department) => [department.id, department.name])),
        publicUrl,
      };
      const result: RoundResult = { ran: true, sent: [], failed: [] };
      for (const message of plan.messages) {
        const to = message.user.email as string;
        const composed = composeReminder(message, context);
        const redirectedTo = mailer.redirectFor(to);
        const claimed = await store.mail.claim({
          key: message.key,
          kind: message.kind,
          userId: message.user.id,
          recipient: to,
          redirectedTo,
          subject: composed.subject,
          createdAt: now.toISOString(),
        });
        if (!claimed) continue;
        try {
          await mailer.send({ to, toName: message.user.displayName, ...composed });
          await store.mail.markSent(message.key, clock.now());
          result.sent.push(message.key);
          log.info({ key: message.key, to, redirectedTo }, 'reminder sent');
        } catch (error) {
          result.failed.push(message.key);
          await store.mail.markFailed(message.key, error instanceof Error ? error.message : String(error));
          log.warn({ err: error, key: message.key, to, redirectedTo }, 'reminder could not be sent');
        }
      }
      return result;
    });
    return locked.ran ? locked.value : { ran: false, sent: [], failed: [] };
  }

  // Rounds of this process run one after another; the job lock keeps other processes out.
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const runRound = (): Promise<RoundResult> => {
    const next = chain.then(round);
    chain = next.catch(() => undefined);
    return next;
  };
  const scheduled = () => {
    if (stopped) return;
    runRound().catch((error: unknown) => log.warn({ err: error }, 'reminder round failed'));
  };
  scheduled();
  // Unref'd: the schedule alone must not keep a process alive.
  const timer = setInterval(scheduled, deps.intervalMs ?? 60_000).unref();
  return {
    runRound,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await chain;
      mailer.close();
    },
  };
}
