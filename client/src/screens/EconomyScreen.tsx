/** The economy screen. Not built yet: the workspace issue fills it in. */
import type { JSX } from 'solid-js';
import { t } from '../i18n';

export function EconomyScreen(): JSX.Element {
  return (
    <section aria-labelledby="economy-heading">
      <h1 id="economy-heading" tabindex="-1">
        {t().economy.heading}
      </h1>
    </section>
  );
}
