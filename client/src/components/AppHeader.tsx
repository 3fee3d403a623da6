/** The banner: product name, language switch and, when signed in, the user and sign-out. */
import { type JSX, Show } from 'solid-js';
import type { SessionUser } from '../api';
import { t } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

export interface AppHeaderProps {
  user: SessionUser | null;
  onSignOut: () => void;
  signingOut?: boolean;
}

export function AppHeader(props: AppHeaderProps): JSX.Element {
  return (
    <header class="app-header">
      <div class="app-header__brand">
        <span class="app-header__name">{t().app.name}</span>
        <span class="app-header__tagline">{t().app.tagline}</span>
      </div>
      <div class="app-header__actions">
        <LanguageSwitch />
        <Show when={props.user}>
          {(user) => (
            <>
              <span class="app-header__user">{t().session.signedInAs(user().displayName)}</span>
              <button
                type="button"
                class="button"
                onClick={() => props.onSignOut()}
                disabled={props.signingOut}
              >
                {t().session.signOut}
              </button>
            </>
          )}
        </Show>
      </div>
    </header>
  );
}
