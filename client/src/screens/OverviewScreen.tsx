/** The overview screen. Not built yet: the workspace issue fills it in. */
import type { JSX } from 'solid-js';
import { t } from '../i18n';

export function OverviewScreen(): JSX.Element {
  return (
    <section aria-labelledby="overview-heading">
      <h1 id="overview-heading" tabindex="-1">
        {t().overview.heading}
      </h1>
    </section>
  );
}
