import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('demo mode in the configuration', () => {
  it('is on by default outside production, and can be turned off', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).demo).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
  });

  it('is never on in production, and DEMO=1 there stops the start with a message naming it', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO: '0' }).demo).toBe(false);
    for (const value of ['1', 'true']) {
      expect(() => loadConfig({ NODE_ENV: 'production', DEMO: value })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: 'production', DEMO: value })).toThrow(
        /DEMO: the demo workspace is never loaded in production/,
      );
    }
  });
});

describe('mail settings in the configuration', () => {
  const smtp = { SMTP_URL: 'smtp://foljsam:secret@127.0.0.1:2525', MAIL_FROM: 'Följsam <foljsam@ale.se>' };

  it('turn reminders off without SMTP_URL and on with it', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(
      loadConfig({ ...smtp, MAIL_REDIRECT_ALL: 'test@ale.se', PUBLIC_URL: 'https://foljsam.ale.se' }).mail,
    ).toEqual({
      smtpUrl: 'smtp://foljsam:secret@127.0.0.1:2525',
      from: 'Följsam <foljsam@ale.se>',
      redirectAll: 'test@ale.se',
      publicUrl: 'https://foljsam.ale.se',
    });
  });

  it('refuse bad values with a message naming the variable', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ ...smtp, SMTP_URL: 'http://mail.ale.se' }, /SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/],
      [{ ...smtp, SMTP_URL: 'mail.ale.se:25' }, /SMTP_URL/],
      [{ ...smtp, MAIL_FROM: 'Följsam' }, /MAIL_FROM: an e-mail address/],
      [{ ...smtp, MAIL_REDIRECT_ALL: 'not an address' }, /MAIL_REDIRECT_ALL: an e-mail address/],
      [{ ...smtp, PUBLIC_URL: 'foljsam.ale.se' }, /PUBLIC_URL/],
      [{ SMTP_URL: smtp.SMTP_URL }, /MAIL_FROM: required with SMTP_URL/],
      [{ MAIL_REDIRECT_ALL: 'test@ale.se' }, /MAIL_REDIRECT_ALL: has no effect without SMTP_URL/],
    ];
    for (const [env, message] of bad) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    }
  });
});
