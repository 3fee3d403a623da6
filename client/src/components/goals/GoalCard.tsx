/**
 * One strategic goal: its number and title, who reports on it, its indicators (status and
 * chart) and its initiatives (owner and latest reported status). The owner departments'
 * reports are opened when the card comes near the viewport.
 */
import { type Indicator, type Initiative, progressStatus, type StrategicGoal } from '@foljsam/domain';
import { For, type JSX, onMount, Show } from 'solid-js';
import { formatMonth, t } from '../../i18n';
import { ScrollBox } from '../ScrollBox';
import type { DepartmentReports } from './departmentReports';
import { IndicatorChart } from './IndicatorChart';
import { IndicatorStatus } from './IndicatorStatus';

export interface GoalCardProps {
  goal: StrategicGoal;
  indicators: readonly Indicator[];
  initiatives: readonly Initiative[];
  year: number;
  months: readonly string[];
  reports: DepartmentReports;
  departmentName: (departmentId: string) => string;
}

export function GoalCard(props: GoalCardProps): JSX.Element {
  let card!: HTMLElement;
  const ownerIds = () =>
    new Set([
      ...props.indicators.map((indicator) => indicator.ownerDepartmentId),
      ...props.initiatives.map((initiative) => initiative.ownerDepartmentId),
    ]);
  onMount(() => props.reports.openWhenVisible(card, ownerIds));

  const headingId = () => `goal-${props.goal.id}`;
  return (
    <article class="goal-card" aria-labelledby={headingId()} data-goal-id={props.goal.id} ref={card}>
      <h4 id={headingId()} class="goal-card__title">
        <span class="goal-card__number">{props.goal.number}</span> {props.goal.title}
      </h4>
      <Show when={props.goal.description}>
        <p class="goal-card__description">{props.goal.description}</p>
      </Show>
      <Show when={props.goal.ownerDepartmentIds.length > 0}>
        <p class="goal-card__owners">
          <span class="goal-card__label">{t().goals.owners}:</span>{' '}
          {props.goal.ownerDepartmentIds.map(props.departmentName).join(', ')}
        </p>
      </Show>

      <section class="goal-card__section" aria-label={`${t().goals.indicators}: ${props.goal.number}`}>
        <h5>{t().goals.indicators}</h5>
        <Show when={props.indicators.length > 0} fallback={<p class="muted">{t().goals.noIndicators}</p>}>
          <ul class="indicator-list">
            <For each={props.indicators}>
              {(indicator) => (
                <IndicatorItem
                  indicator={indicator}
                  year={props.year}
                  months={props.months}
                  reports={props.reports}
                  departmentName={props.departmentName}
                />
              )}
            </For>
          </ul>
        </Show>
      </section>

      <section class="goal-card__section" aria-label={`${t().goals.initiatives}: ${props.goal.number}`}>
        <h5>{t().goals.initiatives}</h5>
        <Show when={props.initiatives.length > 0} fallback={<p class="muted">{t().goals.noInitiatives}</p>}>
          <ScrollBox label={`${t().goals.initiatives}: ${props.goal.number}`}>
            <table class="initiative-table">
              <thead>
                <tr>
                  <th scope="col">{t().goals.initiatives}</th>
                  <th scope="col">{t().goals.initiativeOwner}</th>
                  <th scope="col">{t().goals.initiativeStatus}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.initiatives}>
                  {(initiative) => (
                    <InitiativeRow
                      initiative={initiative}
                      months={props.months}
                      reports={props.reports}
                      departmentName={props.departmentName}
                    />
                  )}
                </For>
              </tbody>
            </table>
          </ScrollBox>
        </Show>
      </section>
    </article>
  );
}

function IndicatorItem(props: {
  indicator: Indicator;
  year: number;
  months: readonly string[];
  reports: DepartmentReports;
  departmentName: (departmentId: string) => string;
}): JSX.Element {
  const reports = () => props.reports.of(props.indicator.ownerDepartmentId);
  const outcomes = (): (number | null)[] => {
    const open = reports();
    if (!open) return props.months.map(() => null);
    return open.map((live) => live.report().indicatorOutcomes[props.indicator.id] ?? null);
  };
  const loaded = () => reports()?.every((live) => live.loaded()) ?? false;
  return (
    <li class="indicator" data-indicator={props.indicator.id}>
      <h6 class="indicator__name">{props.indicator.name}</h6>
      <p class="indicator__meta">
        <span>
          {t().goals.unitLabel}: {t().goals.unit[props.indicator.unit]}
        </span>
        <span>
          {t().goals.owner}: {props.departmentName(props.indicator.ownerDepartmentId)}
        </span>
      </p>
      <Show
        when={loaded()}
        fallback={
          <p class="loading" role="status">
            {t().goals.loadingOutcomes}
          </p>
        }
      >
        <IndicatorStatus
          indicator={props.indicator}
          year={props.year}
          months={props.months}
          outcomes={outcomes()}
        />
      </Show>
      <IndicatorChart
        indicator={props.indicator}
        year={props.year}
        months={props.months}
        outcomes={outcomes()}
        drawWhenNear
      />
    </li>
  );
}

function InitiativeRow(props: {
  initiative: Initiative;
  months: readonly string[];
  reports: DepartmentReports;
  departmentName: (departmentId: string) => string;
}): JSX.Element {
  const latest = () => {
    const open = props.reports.of(props.initiative.ownerDepartmentId);
    if (!open) return null;
    const key = `initiative:${props.initiative.id}`;
    for (let i = open.length - 1; i >= 0; i--) {
      const parsed = progressStatus.safeParse(open[i]?.report().itemStatuses[key]);
      if (parsed.success) return { status: parsed.data, month: open[i]?.month ?? '' };
    }
    return null;
  };
  return (
    <tr data-initiative-id={props.initiative.id}>
      <th scope="row">
        <span class="initiative-table__number">{props.initiative.number}</span> {props.initiative.title}
      </th>
      <td>{props.departmentName(props.initiative.ownerDepartmentId)}</td>
      <td data-testid={`initiative-status-${props.initiative.id}`} data-status={latest()?.status ?? 'none'}>
        <Show when={latest()} fallback={<span class="initiative-status">{t().goals.notReported}</span>}>
          {(current) => (
            <span class="initiative-status">
              {t().goals.statusInMonth(t().status[current().status], formatMonth(current().month))}
            </span>
          )}
        </Show>
      </td>
    </tr>
  );
}
