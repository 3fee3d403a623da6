/**
 * The sign-in screen: "Logga in med <provider>" when single sign-on is on, and the password
 * form unless the server turned passwords off. A refused sign-in (401) shows "Fel
 * användarnamn eller lösenord".
 */
import { createResource, createSignal, Show } from 'solid-js';
import { fetchSignInOptions, type SessionUser, signIn } from '../api';
import { t } from '../i18n';

export interface SignInScreenProps {
  onSignedIn: (user: SessionUser) => void;
  /** Why the form shows (say, the server ended the session), above the form. */
  notice?: string;
}

type SignInError =
  | { reason: 'wrong-credentials' | 'failed' }
  | { reason: 'too-many-attempts'; retryAfterSeconds: number };

export function SignInScreen(props: SignInScreenProps) {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [submitting, setSubmitting] = createSignal(false);
  const [error, setError] = createSignal<SignInError | null>(null);
  const [options] = createResource(fetchSignInOptions);
  let passwordInput: HTMLInputElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (submitting()) return;
    setSubmitting(true);
    setError(null);
    const result = await signIn(username().trim(), password());
    setSubmitting(false);
    if (result.ok) {
      props.onSignedIn(result.user);
      return;
    }
    setError(result);
    setPassword('');
    passwordInput?.focus();
  };

  const errorText = () => {
    const current = error();
    if (!current) return '';
    if (current.reason === 'wrong-credentials') return t().signIn.wrongCredentials;
    if (current.reason === 'too-many-attempts') return t().signIn.tooManyAttempts(current.retryAfterSeconds);
    return t().signIn.failed;
  };

  const passwordForm = () => (
    <form class="sign-in__form" onSubmit={submit} aria-describedby="sign-in-error">
      <div class="field">
        <label for="sign-in-username">{t().signIn.username}</label>
        <input
          id="sign-in-username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          aria-invalid={error()?.reason === 'wrong-credentials'}
          value={username()}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="sign-in-password">{t().signIn.password}</label>
        <input
          ref={passwordInput}
          id="sign-in-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          aria-invalid={error()?.reason === 'wrong-credentials'}
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </div>
      <p id="sign-in-error" class="form-error" role="alert" data-testid="sign-in-error">
        <Show when={error()}>{errorText()}</Show>
      </p>
      <button type="submit" class="button button--primary" disabled={submitting()}>
        {submitting() ? t().signIn.submitting : t().signIn.submit}
      </button>
    </form>
  );

  return (
    <section class="sign-in" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" tabindex="-1">
        {t().signIn.heading}
      </h1>
      <Show when={props.notice}>
        <p class="notice" role="status" data-testid="sign-in-notice">
          {props.notice}
        </p>
      </Show>
      <Show when={options()}>
        {(offered) => (
          <>
            <Show when={offered().sso}>
              {(sso) => (
                <>
                  <p>{t().signIn.ssoIntro}</p>
                  <p>
                    {/* A navigation, not a fetch: the provider's pages take over the window. */}
                    <a class="button button--primary" href={sso().startUrl} data-testid="sign-in-sso">
                      {t().signIn.sso(sso().name)}
                    </a>
                  </p>
                </>
              )}
            </Show>
            <Show when={offered().passwords}>
              <p>{offered().sso ? t().signIn.orPassword : t().signIn.intro}</p>
              {passwordForm()}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
