/**
 * Reminder e-mails end to end: real servers on the demo workspace (reporting year 2015), a
 * real SMTP server on loopback, and a ManualClock moved across the deadlines of March's reports
 * (due 2015-04-16) and the first tertial report (due 2015-05-18, reminded 28 days before).
 * Each rule sends exactly the expected messages to the expected people, none twice across a
 * restart or with two servers (own stores, pools and schedulers) on one PostgreSQL database; the weekly digest bundles
 * them; the redirect setting redirects them; bad SMTP settings refuse to start.
 */
import { swedishInstant } from '@foljsam/domain';
import { createLogger, loadConfig, ManualClock, type RunningServer, startServer } from '@foljsam/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { emptyDir, freshDataDir } from '../support/dataDir';
import { startServerProcess } from '../support/serverProcess';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../support/smtpServer';
import { freshServerOptions } from '../support/storage';

interface MailLogEntry {
  key: string;
  kind: string;
  userId: string | null;
  recipient: string;
  redirectedTo: string | null;
  subject: string;
  sentAt: string | null;
  error: string | null;
}

const log = createLogger('silent');
const at = (date: string, hour: number, minute = 0) => swedishInstant(date, hour, minute);

let smtp: TestSmtpServer;
const running: RunningServer[] = [];
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  for (const server of running) await server.close();
  await smtp?.close();
});

/** Starts a server in this process on `dataDir` (and DATABASE_URL in `env`) with mail on. */
async function start(clock: ManualClock, dataDir: string, env: Record<string, string> = {}) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Följsam <foljsam@ale.test>',
    PUBLIC_URL: 'https://foljsam.ale.test',
    ...env,
  });
  const server = await startServer(config, log, { clock });
  running.push(server);
  return server;
}

/** A signed-in caller of the REST API. */
async function as(server: RunningServer, username: string) {
  const { token } = await signIn(server.url, username);
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
  };
}

/** Gives demo users addresses (as the administrator) and returns their ids by username. */
async function giveAddresses(server: RunningServer, patches: Record<string, Record<string, unknown>>) {
  const admin = await as(server, 'admin');
  const users = (await admin('GET', '/users')).body as { id: string; username: string }[];
  const ids = new Map(users.map((user) => [user.username, user.id]));
  for (const [username, patch] of Object.entries(patches)) {
    const changed = await admin('PATCH', `/users/${ids.get(username)}`, patch);
    expect(changed.status, `${username}: ${JSON.stringify(changed.body)}`).toBe(200);
  }
  return ids;
}

/** The mail received since `from`, as "recipient: subject", sorted. */
const summary = (mails: ReceivedMail[]) =>
  mails.map((mail) => `${mail.to.join(',')}: ${mail.subject}`).sort();

describe('reminder e-mails on the embedded store', () => {
  let server: RunningServer;
  const clock = new ManualClock(at('2015-04-10', 12));
  const dataDir = freshDataDir();
  let ids: Map<string, string>;
  let seen = 0;
  /** Runs a round and returns what the SMTP server received in it (and any round before). */
  const round = async (target = server) => {
    const result = await target.reminders.runRound();
    expect(result.ran).toBe(true);
    const fresh = smtp.received.slice(seen);
    seen = smtp.received.length;
    return fresh;
  };

  beforeAll(async () => {
    server = await start(clock, dataDir);
    await round(); // The round at start found nobody with an address.
    ids = await giveAddresses(server, {
      'chef-hr': { email: 'hr@ale.test' },
      'chef-kommunikation': { email: 'kom@ale.test' },
      kommunchef: { email: 'kc@ale.test' },
      // Submitted March's report: nothing to remind of.
      'chef-forvaltningsledning': { email: 'fl@ale.test' },
      // Disabled: never mailed.
      'chef-utveckling': { email: 'utv@ale.test', disabled: true },
      'chef-naringsliv': { email: 'nl@ale.test' },
    });
    // Users choose for themselves.
    const kommunikation = await as(server, 'chef-kommunikation');
    expect((await kommunikation('PUT', '/reminder-settings', { reminderMode: 'digest' })).body).toEqual({
      email: 'kom@ale.test',
      reminderMode: 'digest',
      mailEnabled: true,
    });
    const naringsliv = await as(server, 'chef-naringsliv');
    expect((await naringsliv('PUT', '/reminder-settings', { reminderMode: 'none' })).status).toBe(200);
    expect((await naringsliv('PUT', '/reminder-settings', { reminderMode: 'daily' })).status).toBe(400);
  });

  it('reminds 7 days before a month deadline, and sends this week’s digest to who chose it', async () => {
    // Friday 2015-04-10: March's reports are due Thursday 2015-04-16.
    const mails = await round();
    expect(summary(mails)).toEqual([
      'hr@ale.test: Påminnelse: rapporten för mars 2015 ska lämnas senast 2015-04-16',
      'kom@ale.test: Veckosammandrag: 1 rapport att göra',
    ]);
    const hr = mails.find((mail) => mail.to[0] === 'hr@ale.test') as ReceivedMail;
    expect(hr.from).toBe('foljsam@ale.test');
    expect(hr.text).toContain('Hej Avdelningschef HR avdelningen!');
    expect(hr.text).toContain('Rapporten för mars 2015 (HR avdelningen) ska skickas in senast 2015-04-16.');
    expect(hr.text).toContain('https://foljsam.ale.test/rapport/2015-03/hr?ar=2015');
    // Another round, another minute: nothing again.
    clock.advance(60_000);
    expect(await round()).toEqual([]);
  });

  it('sends nothing twice across a restart on the same store', async () => {
    await server.close();
    clock.set(at('2015-04-10', 13));
    server = await start(clock, dataDir);
    expect(await round()).toEqual([]);
  });

  it('after the deadline: the department head once more, the kommunchef what is missing or waiting', async () => {
    // Friday 2015-04-17 00:30; the clock also passed Monday 08:00 of this week, so the digest
    // of week 16 goes out late rather than never.
    clock.set(at('2015-04-17', 0, 30));
    const mails = await round();
    expect(summary(mails)).toEqual([
      'hr@ale.test: Försenad: rapporten för mars 2015 skulle ha lämnats 2015-04-16',
      'kc@ale.test: Efter sista dag 2015-04-16: 9 saknas, 1 att granska',
      'kom@ale.test: Veckosammandrag: 1 rapport att göra, 1 försenad',
    ]);
    const kc = mails.find((mail) => mail.to[0] === 'kc@ale.test') as ReceivedMail;
    expect(kc.text).toContain('Väntar på din granskning (1):');
    expect(kc.text).toContain('https://foljsam.ale.test/rapport/2015-03/forvaltningsledning?ar=2015');
    expect(kc.text).toContain('https://foljsam.ale.test/rapport/2015-03/hr?ar=2015');
    expect(await round()).toEqual([]);
  });

  it('reminds 28 days before a tertial report; a refused message is logged as failed, not retried', async () => {
    smtp.refuse.add('hr@ale.test');
    // Monday 2015-04-20 07:59: the tertial report (due 2015-05-18) is 28 days away.
    clock.set(at('2015-04-20', 7, 59));
    expect(summary(await round())).toEqual([
      'fl@ale.test: Påminnelse: rapporten för tertialrapport 2015 (januari–april) ska lämnas senast 2015-05-18',
    ]);
    smtp.refuse.delete('hr@ale.test');
    expect(await round()).toEqual([]);

    const admin = await as(server, 'admin');
    const failed = (await admin('GET', '/mail-log?status=failed')).body as MailLogEntry[];
    expect(failed).toEqual([
      expect.objectContaining({
        key: `before:2015-T1:hr:${ids.get('chef-hr')}`,
        recipient: 'hr@ale.test',
        subject: 'Påminnelse: rapporten för tertialrapport 2015 (januari–april) ska lämnas senast 2015-05-18',
        sentAt: null,
        error: expect.stringContaining('550'),
      }),
    ]);
  });

  it('sends the weekly digest from Monday 08:00, bundling what is due and overdue', async () => {
    clock.set(at('2015-04-20', 8));
    const mails = await round();
    expect(summary(mails)).toEqual(['kom@ale.test: Veckosammandrag: 2 rapporter att göra, 1 försenad']);
    const text = (mails[0] as ReceivedMail).text;
    expect(text).toContain('tertialrapport 2015 (januari–april), sista dag 2015-05-18 (utkast)');
    expect(text).toContain('mars 2015, sista dag 2015-04-16 (utkast, försenad)');
  });

  it('lists every e-mail for the administrator, and only for them', async () => {
    const admin = await as(server, 'admin');
    const entries = (await admin('GET', '/mail-log')).body as MailLogEntry[];
    const byKey = new Map(entries.map((entry) => [entry.key.replace(/:[^:]+$/, ''), entry]));
    expect([...byKey.keys()].sort()).toEqual([
      'after:2015-03:hr',
      'before:2015-03:hr',
      'before:2015-T1:forvaltningsledning',
      'before:2015-T1:hr',
      'digest:2015-W15',
      'digest:2015-W16',
      'digest:2015-W17',
      'summary:2015-04-16',
    ]);
    expect(entries.filter((entry) => entry.sentAt !== null)).toHaveLength(7);
    expect(entries.every((entry) => entry.redirectedTo === null)).toBe(true);
    // Nobody disabled, without an address or who chose none got anything.
    const mailed = new Set(entries.map((entry) => entry.recipient));
    expect([...mailed].sort()).toEqual(['fl@ale.test', 'hr@ale.test', 'kc@ale.test', 'kom@ale.test']);
    const filtered = (await admin('GET', `/mail-log?userId=${ids.get('kommunchef')}&status=sent`)).body;
    expect(filtered).toEqual([expect.objectContaining({ kind: 'summary', recipient: 'kc@ale.test' })]);
    expect((await admin('GET', '/mail-log?status=lost')).status).toBe(400);
    const hr = await as(server, 'chef-hr');
    expect((await hr('GET', '/mail-log')).status).toBe(403);
    expect((await hr('GET', '/reminder-settings')).body).toEqual({
      email: 'hr@ale.test',
      reminderMode: 'each',
      mailEnabled: true,
    });
  });

  it('refuses an address that is none', async () => {
    const admin = await as(server, 'admin');
    const refused = await admin('PATCH', `/users/${ids.get('chef-hr')}`, { email: 'hr at ale' });
    expect(refused.status).toBe(400);
    const created = await admin('POST', '/users', {
      username: 'ny-chef',
      displayName: 'Ny chef',
      role: 'kommunchef',
      password: 'långt-lösenord',
      email: ' ny@ale.test ',
    });
    expect(created.body).toMatchObject({ email: 'ny@ale.test', reminderMode: 'each' });
  });
});

describe('MAIL_REDIRECT_ALL', () => {
  it('sends every message to the test address, naming whom it was for', async () => {
    const clock = new ManualClock(at('2015-04-10', 12));
    const server = await start(clock, freshDataDir(), { MAIL_REDIRECT_ALL: 'test@ale.test' });
    await server.reminders.runRound();
    const before = smtp.received.length;
    const ids = await giveAddresses(server, { 'chef-hr': { email: 'hr@ale.test' } });
    await server.reminders.runRound();
    const mails = smtp.received.slice(before);
    expect(mails.map((mail) => mail.to)).toEqual([['test@ale.test']]);
    const mail = mails[0] as ReceivedMail;
    expect(mail.text).toMatch(
      /^\[Omdirigerat \(MAIL_REDIRECT_ALL\): meddelandet var till Avdelningschef HR avdelningen <hr@ale\.test>\]/,
    );
    expect(mail.headers.get('x-original-to')).toBe('hr@ale.test');
    const admin = await as(server, 'admin');
    expect((await admin('GET', '/mail-log')).body).toEqual([
      expect.objectContaining({
        key: `before:2015-03:hr:${ids.get('chef-hr')}`,
        recipient: 'hr@ale.test',
        redirectedTo: 'test@ale.test',
      }),
    ]);
  });
});

// Two servers in this test process, each with its own store, connection pool and scheduler: all
// they share is the database, which is all two server processes would share (the exactly-once
// rule is the database's unique key and advisory lock). In one process, their clocks can move.
describe('two servers on one PostgreSQL database', () => {
  it('send each message exactly once', async () => {
    const { dataDir, env } = await freshServerOptions('postgres');
    const clocks = [new ManualClock(at('2015-04-20', 9)), new ManualClock(at('2015-04-20', 9))];
    const first = await start(clocks[0] as ManualClock, dataDir, env);
    const second = await start(clocks[1] as ManualClock, emptyDir(), env);
    // The rounds at start (nobody has an address yet) are over before addresses are given.
    await Promise.all([first.reminders.runRound(), second.reminders.runRound()]);
    const before = smtp.received.length;
    await giveAddresses(first, {
      'chef-hr': { email: 'pg-hr@ale.test' },
      'chef-kommunikation': { email: 'pg-kom@ale.test', reminderMode: 'digest' },
      kommunchef: { email: 'pg-kc@ale.test' },
    });
    // Both processes run rounds at once, several times, as their schedules would.
    const results = await Promise.all(
      [1, 2, 3].flatMap(() => [first, second].map((s) => s.reminders.runRound())),
    );
    const mails = smtp.received.slice(before);
    expect(summary(mails)).toEqual([
      'pg-hr@ale.test: Försenad: rapporten för mars 2015 skulle ha lämnats 2015-04-16',
      'pg-hr@ale.test: Påminnelse: rapporten för tertialrapport 2015 (januari–april) ska lämnas senast 2015-05-18',
      'pg-kc@ale.test: Efter sista dag 2015-04-16: 9 saknas, 1 att granska',
      'pg-kom@ale.test: Veckosammandrag: 2 rapporter att göra, 1 försenad',
    ]);
    const sentBy = results.flatMap((result) => result.sent);
    expect(sentBy).toHaveLength(4);
    expect(new Set(sentBy).size).toBe(4);
    // A minute later on both: still nothing more.
    for (const clock of clocks) clock.advance(60_000);
    await Promise.all([first.reminders.runRound(), second.reminders.runRound()]);
    expect(smtp.received.length - before).toBe(4);
  });
});

describe('bad SMTP settings', () => {
  it('refuse to start, naming each variable', async () => {
    const error = await startServerProcess({
      dataDir: emptyDir(),
      env: { SMTP_URL: 'http://mail.ale.test', MAIL_FROM: 'Följsam', PUBLIC_URL: 'foljsam' },
    }).then(
      () => null,
      (failure: Error) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('SMTP_URL: an smtp:// or smtps:// URL');
    expect(message).toContain('MAIL_FROM: an e-mail address');
    expect(message).toContain('PUBLIC_URL');
  });
});
