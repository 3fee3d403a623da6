/**
 * End to end: single sign-on with OpenID Connect against a real provider (oidc-provider) on
 * loopback, with password sign-in turned off (LOCAL_PASSWORDS=off). The first administrator's
 * group is mapped with `pnpm admin map-group` before the server starts (the documented way in
 * when there are no passwords); she signs in through the provider's login and consent pages in
 * Chromium, maps a department heads' group on the Administration screen, and signs out, also at
 * the provider. A member of that group then lands as head of that department; someone whose
 * groups map to nothing gets the clear refusal page. One provider, one server, one Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { appUnderTest, goInApp } from '../support/appUnderTest';
import { describeViolations, wcagViolations } from '../support/axe';
import { freshDataDir } from '../support/dataDir';
import { runAdmin } from '../support/firstRun';
import {
  freePort,
  startOidcProvider,
  type TestAccount,
  type TestOidcProvider,
} from '../support/oidcProvider';
import { startServerProcess } from '../support/serverProcess';

const PROVIDER_NAME = 'Ale kommuns inloggning';
const CLIENT = { clientId: 'foljsam', clientSecret: 'a secret shared with the test provider' };
const ACCOUNTS: Record<string, TestAccount> = {
  'anna.admin': {
    name: 'Anna Admin',
    email: 'anna.admin@ale.se',
    groups: ['alla-anstallda', 'foljsam-admins'],
  },
  'harald.hr': {
    name: 'Harald Hansson',
    email: 'harald.hansson@ale.se',
    groups: ['alla-anstallda', 'hr-chefer'],
  },
  'okand.person': { name: 'Olle Okänd', email: 'olle.okand@ale.se', groups: ['alla-anstallda'] },
};

let provider: TestOidcProvider | undefined;
const app = appUnderTest({
  contextOptions: { viewport: { width: 1300, height: 1000 } },
  closeContextsAfterEachTest: true,
  startServer: async (clientDist) => {
    // The provider must know the app's callback before the app knows the provider: fix the port.
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      ...CLIENT,
      redirectUri: `${origin}/api/auth/oidc/callback`,
      postLogoutRedirectUri: `${origin}/`,
      accounts: ACCOUNTS,
    });
    const dataDir = freshDataDir();
    const mapped = await runAdmin({ dataDir, env: {} }, [
      'map-group',
      '--group',
      'foljsam-admins',
      '--role',
      'admin',
      '--label',
      'Följsams administratörer',
    ]);
    if (mapped.code !== 0) throw new Error(`pnpm admin map-group failed: ${mapped.err}`);
    return startServerProcess({
      dataDir,
      port,
      env: {
        CLIENT_DIST: clientDist,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT.clientId,
        OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        OIDC_REDIRECT_URL: `${origin}/api/auth/oidc/callback`,
        OIDC_PROVIDER_NAME: PROVIDER_NAME,
        LOCAL_PASSWORDS: 'off',
      },
    });
  },
});
// Registered after appUnderTest(): afterAll hooks run in reverse, so the provider stops first.
afterAll(async () => {
  await provider?.close();
});

/** Who the app's session says is signed in (null: nobody). */
async function me(
  page: Page,
): Promise<{ username: string; role: string; departmentId: string | null } | null> {
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/me');
    return response.ok ? (await response.json()).user : null;
  });
}

/**
 * A new person on the sign-in screen, through "Logga in med …" and the provider's login and
 * consent pages (its development pages take any password). Resolves on the page the provider
 * sent the browser back to.
 */
async function signInAtProvider(login: string): Promise<Page> {
  const page = await (await app.newContext()).newPage();
  await page.goto('/');
  await page.getByRole('link', { name: `Logga in med ${PROVIDER_NAME}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password will do');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === app.server.url);
  return page;
}

describe('single sign-on with OpenID Connect', () => {
  it('offers only the provider when passwords are off, and the server refuses a password', async () => {
    const page = await (await app.newContext()).newPage();
    await page.goto('/');
    await page.getByRole('link', { name: `Logga in med ${PROVIDER_NAME}` }).waitFor();
    expect(await page.getByLabel('Lösenord', { exact: true }).count()).toBe(0);
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'demo' }),
      });
      return response.status;
    });
    expect(refused).toBe(403);
  });

  it('signs the first administrator in through the provider; she maps a group and signs out there too', async () => {
    const page = await signInAtProvider('anna.admin');
    await page.locator('main h1').first().waitFor();
    expect(await me(page)).toMatchObject({
      username: 'anna.admin@ale.se',
      role: 'admin',
      departmentId: null,
    });

    await goInApp(page, '/admin');
    const section = page.getByTestId('sso-groups');
    await expect.poll(() => section.getByTestId('sso-state').textContent()).toContain(PROVIDER_NAME);
    await section.locator('tr[data-group="foljsam-admins"]').waitFor();
    const form = section.getByTestId('sso-group-form');
    await form.getByLabel('Grupp-id').fill('hr-chefer');
    await form.getByLabel('Beskrivning (valfri)').fill('Personalchefer');
    await form.getByLabel('Roll').selectOption('avdelningschef');
    await form.getByLabel('Avdelning').selectOption('hr');
    await form.getByRole('button', { name: 'Spara koppling' }).click();
    await expect
      .poll(() => page.getByTestId('admin-message').textContent())
      .toBe('Gruppen Personalchefer är kopplad.');
    await section.locator('tr[data-group="hr-chefer"]').waitFor();
    // The new section meets WCAG 2.1 AA like the rest of the screen.
    const violations = await wcagViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // Her own row shows that she signs in through single sign-on.
    await expect
      .poll(() => page.locator('tr[data-user="anna.admin@ale.se"] .admin-state').textContent())
      .toContain('enkel inloggning');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    // The provider asks before it ends its own session, then sends the browser back.
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${app.server.url}/`);
    await page.getByRole('link', { name: `Logga in med ${PROVIDER_NAME}` }).waitFor();
    expect(await me(page)).toBeNull();
  });

  it('lands a member of a mapped group with the role and department of the group', async () => {
    const page = await signInAtProvider('harald.hr');
    await page.locator('main h1').first().waitFor();
    expect(await me(page)).toMatchObject({
      username: 'harald.hansson@ale.se',
      role: 'avdelningschef',
      departmentId: 'hr',
    });
  });

  it('refuses someone whose groups map to nothing with a clear page, Swedish first', async () => {
    const page = await signInAtProvider('okand.person');
    const refusal = page.getByTestId('sso-problem');
    await refusal.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Du har ingen behörighet till Följsam');
    expect(await refusal.textContent()).toContain(
      `Du loggade in med ${PROVIDER_NAME}, men ingen av dina grupper`,
    );
    expect(await page.locator('section[lang="en"] h2').textContent()).toBe('You have no access to Följsam');
    expect(await me(page)).toBeNull();
  });
});
