/**
 * The pages single sign-on shows when it cannot sign someone in: plain HTML from the server
 * (the app is not loaded on the callback), Swedish first and English second, never a stack trace.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Why a single sign-on ended on a page instead of in the app. */
export type SsoProblem = 'no-access' | 'disabled' | 'failed' | 'unavailable';

interface PageText {
  title: string;
  body: (provider: string) => string;
  back: string;
}

const SWEDISH: Record<SsoProblem, PageText> = {
  'no-access': {
    title: 'Du har ingen behörighet till Följsam',
    body: (provider) =>
      `Du loggade in med ${provider}, men ingen av dina grupper ger behörighet i Följsam. ` +
      'Be kommunens administratör för Följsam att koppla din grupp till en roll.',
    back: 'Till inloggningen',
  },
  disabled: {
    title: 'Ditt konto i Följsam är avstängt',
    body: () => 'En administratör har stängt av ditt konto. Kontakta kommunens administratör för Följsam.',
    back: 'Till inloggningen',
  },
  failed: {
    title: 'Inloggningen kunde inte slutföras',
    body: (provider) =>
      `Svaret från ${provider} kunde inte godtas, eller så tog inloggningen för lång tid. Försök igen.`,
    back: 'Försök igen',
  },
  unavailable: {
    title: 'Inloggningstjänsten svarar inte',
    body: (provider) => `${provider} går inte att nå just nu. Försök igen om en stund.`,
    back: 'Till inloggningen',
  },
};

const ENGLISH: Record<SsoProblem, PageText> = {
  'no-access': {
    title: 'You have no access to Följsam',
    body: (provider) =>
      `You signed in with ${provider}, but none of your groups gives access to Följsam. ` +
      "Ask your municipality's Följsam administrator to map your group to a role.",
    back: 'Back to sign-in',
  },
  disabled: {
    title: 'Your Följsam account is disabled',
    body: () =>
      "An administrator has disabled your account. Contact your municipality's Följsam administrator.",
    back: 'Back to sign-in',
  },
  failed: {
    title: 'Sign-in could not be completed',
    body: (provider) =>
      `The answer from ${provider} could not be accepted, or the sign-in took too long. Try again.`,
    back: 'Try again',
  },
  unavailable: {
    title: 'The sign-in service does not answer',
    body: (provider) => `${provider} cannot be reached right now. Try again in a while.`,
    back: 'Back to sign-in',
  },
};

/** The page for `problem`; `provider` names the identity provider ("Microsoft Entra ID"). */
export function ssoProblemPage(
  problem: SsoProblem,
  provider: string,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  const sv = SWEDISH[problem];
  const en = ENGLISH[problem];
  return html`<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${sv.title} – Följsam</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0; color: #1b1f24; background: #f6f7f9; }
      main { max-width: 36rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 0.5rem; }
      h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
      section { border-top: 1px solid #d0d5dc; margin-top: 2rem; }
      a { color: #0b5cad; }
    </style>
  </head>
  <body>
    <main data-testid="sso-problem" data-problem="${problem}">
      <h1>${sv.title}</h1>
      <p>${sv.body(provider)}</p>
      <p><a href="/">${sv.back}</a></p>
      <section lang="en">
        <h2>${en.title}</h2>
        <p>${en.body(provider)}</p>
        <p><a href="/">${en.back}</a></p>
      </section>
    </main>
  </body>
</html>`;
}
