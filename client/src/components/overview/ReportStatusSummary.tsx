/**
 * Which departments have not started, are drafting, have submitted, are approved or were
 * returned this month: counts per state and a table of the departments, each linking to its report.
 */
import { A } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { ScrollBox } from '../ScrollBox';
import { REPORT_STATE_SYMBOLS, REPORT_STATES, type ReportState } from './reportState';

export interface ReportRow {
  departmentId: string;
  name: string;
  state: ReportState;
  returnComment: string;
}

export function ReportStateLabel(props: { state: ReportState }): JSX.Element {
  return (
    <span class="ov-state" data-report-state={props.state}>
      <span class="ov-state__symbol" aria-hidden="true">
        {REPORT_STATE_SYMBOLS[props.state]}
      </span>
      {t().overview.reports.states[props.state]}
    </span>
  );
}

export function ReportStatusSummary(props: { month: string; rows: ReportRow[] }): JSX.Element {
  const countOf = (state: ReportState) => props.rows.filter((row) => row.state === state).length;
  const submitted = () => countOf('inskickad') + countOf('godkand');
  const loading = () => props.rows.some((row) => row.state === 'loading');

  return (
    <section class="overview-panel overview-reports" aria-labelledby="overview-reports-heading">
      <h2 id="overview-reports-heading">{t().overview.reports.heading}</h2>
      <ul class="ov-summary" aria-label={t().overview.reports.summaryLabel}>
        <For each={REPORT_STATES}>
          {(state) => (
            <li class="ov-summary__item" data-report-state={state} data-testid={`report-count-${state}`}>
              <span class="ov-summary__count">{countOf(state)}</span>
              <ReportStateLabel state={state} />
            </li>
          )}
        </For>
      </ul>
      <p class="overview-panel__note" aria-live="polite">
        <Show when={!loading()} fallback={t().overview.loading}>
          {t().overview.reports.submittedOf(submitted(), props.rows.length)}
        </Show>
      </p>
      <ScrollBox label={t().overview.reports.heading}>
        <table class="overview-table" aria-labelledby="overview-reports-heading">
          <thead>
            <tr>
              <th scope="col">{t().overview.reports.department}</th>
              <th scope="col">{t().overview.reports.status}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr data-department-id={row.departmentId} data-report-state={row.state}>
                  <th scope="row">
                    <A href={`/rapport/${props.month}/${row.departmentId}`}>{row.name}</A>
                  </th>
                  <td>
                    <ReportStateLabel state={row.state} />
                    <Show when={row.state === 'aterremitterad' && row.returnComment}>
                      <p class="overview-reports__comment">
                        <span class="overview-reports__comment-label">{t().overview.reports.comment}:</span>{' '}
                        {row.returnComment}
                      </p>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
