/** The report screen. Not built yet: the workspace issue fills it in. */
import type { JSX } from 'solid-js';
import { t } from '../i18n';

export function ReportScreen(): JSX.Element {
  return (
    <section aria-labelledby="report-heading">
      <h1 id="report-heading" tabindex="-1">
        {t().report.heading}
      </h1>
    </section>
  );
}
