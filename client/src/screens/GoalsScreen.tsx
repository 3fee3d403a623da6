/** The goals screen. Not built yet: the workspace issue fills it in. */
import type { JSX } from 'solid-js';
import { t } from '../i18n';

export function GoalsScreen(): JSX.Element {
  return (
    <section aria-labelledby="goals-heading">
      <h1 id="goals-heading" tabindex="-1">
        {t().goals.heading}
      </h1>
    </section>
  );
}
