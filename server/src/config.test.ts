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

describe('single sign-on in the configuration', () => {
  const sso = {
    OIDC_ISSUER: 'https://login.microsoftonline.com/0c1d2e3f-0000-4000-8000-000000000000/v2.0',
    OIDC_CLIENT_ID: 'f0ll5am-client',
    OIDC_CLIENT_SECRET: 'a-client-secret',
    OIDC_REDIRECT_URL: 'https://foljsam.ale.se/api/auth/oidc/callback',
  };

  it('is off without OIDC_ISSUER, passwords on', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({}).localPasswords).toBe(true);
  });

  it('is on with all four settings, with defaults for the rest', () => {
    const config = loadConfig({ ...sso, LOCAL_PASSWORDS: 'off' });
    expect(config.localPasswords).toBe(false);
    expect(config.oidc).toMatchObject({
      clientId: 'f0ll5am-client',
      clientSecret: 'a-client-secret',
      providerName: 'Microsoft Entra ID',
      groupsClaim: 'groups',
      scopes: 'openid profile email',
    });
    expect(config.oidc?.issuer.href).toBe(sso.OIDC_ISSUER);
    expect(config.oidc?.redirectUrl.href).toBe(sso.OIDC_REDIRECT_URL);
    const other = loadConfig({
      ...sso,
      OIDC_ISSUER: 'https://idp.ale.se/realms/kommun',
      OIDC_GROUPS_CLAIM: 'roles',
      OIDC_SCOPES: ' openid  groups ',
    }).oidc;
    expect(other).toMatchObject({
      providerName: 'idp.ale.se',
      groupsClaim: 'roles',
      scopes: 'openid groups',
    });
    expect(loadConfig({ ...sso, OIDC_PROVIDER_NAME: 'Ale kommun' }).oidc?.providerName).toBe('Ale kommun');
  });

  it('names every missing setting when only some are given', () => {
    const { OIDC_CLIENT_SECRET: _secret, OIDC_REDIRECT_URL: _redirect, ...partial } = sso;
    expect(() => loadConfig(partial)).toThrow(ConfigError);
    expect(() => loadConfig(partial)).toThrow(/OIDC_CLIENT_SECRET: required for single sign-on/);
    expect(() => loadConfig(partial)).toThrow(/OIDC_REDIRECT_URL: required for single sign-on/);
  });

  it('refuses bad values with a message naming the variable', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ ...sso, OIDC_ISSUER: 'login.microsoftonline.com' }, /OIDC_ISSUER: an http\(s\) URL/],
      [{ ...sso, OIDC_ISSUER: 'http://idp.ale.se' }, /OIDC_ISSUER: must be an https:\/\/ URL/],
      [
        { ...sso, OIDC_REDIRECT_URL: 'https://foljsam.ale.se/callback' },
        /OIDC_REDIRECT_URL: must end in \/api\/auth\/oidc\/callback/,
      ],
      [{ ...sso, OIDC_SCOPES: 'profile email' }, /OIDC_SCOPES: a space-separated list that includes openid/],
      [{ ...sso, LOCAL_PASSWORDS: 'no' }, /LOCAL_PASSWORDS/],
      [{ LOCAL_PASSWORDS: 'off' }, /LOCAL_PASSWORDS: off needs single sign-on/],
    ];
    for (const [env, message] of bad) expect(() => loadConfig(env), JSON.stringify(env)).toThrow(message);
  });

  it('allows a plain http issuer on loopback only (tests, a developer machine)', () => {
    for (const host of ['127.0.0.1:4000', 'localhost:4000', '[::1]:4000']) {
      expect(loadConfig({ ...sso, OIDC_ISSUER: `http://${host}` }).oidc?.issuer.protocol).toBe('http:');
    }
  });
});
