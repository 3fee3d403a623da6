/**
 * The banner: product name, language switch and, when signed in, the user, sign-out and the
 * main navigation. On a narrow screen (phone.css) the user, sign-out and navigation fold into
 * a menu behind a "Meny" button so the banner stays one row; on a wide one the menu is always
 * shown and the button is not. In a workspace (signed in, the year known) the menu also holds
 * the year picker. Beside the user's name, "Påminnelser" opens their reminder choice.
 */
import { createSignal, createUniqueId, type JSX, onCleanup, onMount, Show } from 'solid-js';
import type { SessionUser } from '../api';
import { t } from '../i18n';
import { useOptionalWorkspace } from '../workspace';
import { defaultPlanYear, YEAR_PARAM } from '../workspaceYear';
import { AppNav } from './AppNav';
import { LanguageSwitch } from './LanguageSwitch';
import { NewYearDialog } from './plan/NewYearDialog';
import { ReminderSettingsDialog } from './ReminderSettingsDialog';
import { YearPicker } from './YearPicker';

export interface AppHeaderProps {
  user: SessionUser | null;
  onSignOut: () => void;
  signingOut?: boolean;
}

export function AppHeader(props: AppHeaderProps): JSX.Element {
  const menuId = createUniqueId();
  const [menuOpen, setMenuOpen] = createSignal(false);
  const workspace = useOptionalWorkspace();
  let menuButton: HTMLButtonElement | undefined;

  // Escape closes an open menu and gives focus back to its button, as a disclosure menu does.
  onMount(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !menuOpen()) return;
      event.preventDefault();
      setMenuOpen(false);
      menuButton?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    onCleanup(() => document.removeEventListener('keydown', onKeyDown));
  });

  /**
   * A year other than the one the app opens on rides along in the navigation's links, so a
   * link copied from any screen opens that year.
   */
  const navSearch = () => {
    if (!workspace) return '';
    const opensOn = defaultPlanYear(workspace.plans.map((plan) => plan.year));
    return opensOn === null || opensOn === workspace.year ? '' : `?${YEAR_PARAM}=${workspace.year}`;
  };

  return (
    <header
      class="app-header"
      data-signed-in={props.user ? 'true' : 'false'}
      data-menu-open={menuOpen() ? 'true' : 'false'}
    >
      <div class="app-header__brand">
        <span class="app-header__name">{t().app.name}</span>
        <span class="app-header__tagline">{t().app.tagline}</span>
      </div>
      <div class="app-header__actions">
        <LanguageSwitch />
        <Show when={props.user}>
          <button
            ref={menuButton}
            type="button"
            class="button app-header__menu-button"
            aria-expanded={menuOpen() ? 'true' : 'false'}
            aria-controls={menuId}
            onClick={() => setMenuOpen(!menuOpen())}
          >
            <span aria-hidden="true">☰</span> {t().nav.menu}
          </button>
        </Show>
      </div>
      <Show when={props.user}>
        {(user) => (
          <div class="app-header__menu" id={menuId}>
            <Show when={workspace}>
              <div class="app-header__year">
                <YearPicker onChosen={() => setMenuOpen(false)} />
                <NewYearDialog />
              </div>
            </Show>
            <div class="app-header__account">
              <span class="app-header__user">{t().session.signedInAs(user().displayName)}</span>
              <ReminderSettingsDialog />
              <button
                type="button"
                class="button"
                onClick={() => props.onSignOut()}
                disabled={props.signingOut}
              >
                {t().session.signOut}
              </button>
            </div>
            {/* A chosen screen closes the menu: the person came for that screen, not the menu. */}
            <AppNav role={user().role} search={navSearch()} onNavigate={() => setMenuOpen(false)} />
          </div>
        )}
      </Show>
    </header>
  );
}
