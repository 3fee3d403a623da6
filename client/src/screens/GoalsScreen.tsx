/**
 * "Mål och mått": the goal tree of the year's plan by perspective and focus area, live from
 * the `plan:<year>` document. Each strategic goal shows its indicators, each with its status
 * for the latest reported month and a chart of the monthly outcomes against the target path,
 * and its initiatives with owner and latest reported status. Outcomes and statuses come from
 * the owner departments' `report:<YYYY-MM>:<departmentId>` documents, opened when needed.
 */
import { type FocusArea, type OfficialValue, type Plan, readOfficialValues } from '@foljsam/domain';
import { createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import { ConnectionBadge } from '../components/ConnectionBadge';
import { createDepartmentReports } from '../components/goals/departmentReports';
import { GoalCard } from '../components/goals/GoalCard';
import { OfficialValuesContext } from '../components/goals/officialValues';
import { PresenceList } from '../components/PresenceList';
import { t } from '../i18n';
import { createPlan } from '../sync/createPlan';
import { monthsOf } from '../sync/createReports';
import { createPresence } from '../sync/presence';
import { useWorkspace } from '../workspace';
import './goals.css';

export function GoalsScreen(): JSX.Element {
  const { year, user } = useWorkspace();
  const { synced, plan } = createPlan(year);
  // Presence on the plan: who else is looking at the goals and the economy right now.
  const presence = createPresence(synced.provider, user);
  const reports = createDepartmentReports(year);
  const months = monthsOf(year);
  // Official yearly figures (Kolada) live in the plan document; re-read on every change.
  const [official, setOfficial] = createSignal<readonly OfficialValue[]>(readOfficialValues(synced.doc));
  const refreshOfficial = () => setOfficial(readOfficialValues(synced.doc));
  synced.doc.on('afterTransaction', refreshOfficial);
  onCleanup(() => synced.doc.off('afterTransaction', refreshOfficial));

  return (
    <section class="goals" aria-labelledby="goals-heading">
      <div class="goals__top">
        <h1 id="goals-heading" tabindex="-1">
          {t().goals.heading} {year}
        </h1>
        <ConnectionBadge status={synced.status()} />
      </div>
      <PresenceList presence={presence} />
      <p class="goals__intro">{t().goals.intro(year)}</p>
      <Show
        when={plan()}
        fallback={
          <p class="loading" role="status" data-testid="goals-loading">
            {synced.loaded() ? t().goals.noPlan(year) : t().goals.loading}
          </p>
        }
      >
        {(current) => (
          <OfficialValuesContext.Provider value={official}>
            <GoalTree plan={current()} year={year} months={months} reports={reports} />
          </OfficialValuesContext.Provider>
        )}
      </Show>
    </section>
  );
}

function GoalTree(props: {
  plan: Plan;
  year: number;
  months: readonly string[];
  reports: ReturnType<typeof createDepartmentReports>;
}): JSX.Element {
  const departmentNames = createMemo(() => new Map(props.plan.departments.map((d) => [d.id, d.name])));
  const departmentName = (id: string) => departmentNames().get(id) ?? id;
  const focusAreasOf = (perspectiveId: string): FocusArea[] =>
    props.plan.focusAreas.filter((area) => area.perspectiveId === perspectiveId);
  const goalsOf = (focusAreaId: string) =>
    props.plan.goals.filter((goal) => goal.focusAreaId === focusAreaId);

  return (
    <div class="goal-tree">
      <nav class="goal-tree__toc" aria-label={t().goals.perspective}>
        <ul>
          <For each={props.plan.perspectives}>
            {(perspective) => (
              <li>
                <a href={`#perspective-${perspective.id}`}>{perspective.name}</a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <For each={props.plan.perspectives}>
        {(perspective) => (
          <section
            class="perspective"
            id={`perspective-${perspective.id}`}
            aria-labelledby={`perspective-heading-${perspective.id}`}
            data-perspective-id={perspective.id}
          >
            <h2 id={`perspective-heading-${perspective.id}`}>
              <span class="perspective__kind">{t().goals.perspective}:</span> {perspective.name}
            </h2>
            <Show
              when={focusAreasOf(perspective.id).length > 0}
              fallback={<p class="muted">{t().goals.noFocusAreas}</p>}
            >
              <For each={focusAreasOf(perspective.id)}>
                {(area) => (
                  <section
                    class="focus-area"
                    aria-labelledby={`focus-area-${area.id}`}
                    data-focus-area-id={area.id}
                  >
                    <h3 id={`focus-area-${area.id}`}>
                      <span class="focus-area__number">{area.number}</span> {area.name}
                    </h3>
                    <p class="focus-area__count">{t().goals.goalCount(goalsOf(area.id).length)}</p>
                    <For each={goalsOf(area.id)}>
                      {(goal) => (
                        <GoalCard
                          goal={goal}
                          indicators={props.plan.indicators.filter((i) => i.goalId === goal.id)}
                          initiatives={props.plan.initiatives.filter((i) => i.goalId === goal.id)}
                          year={props.year}
                          months={props.months}
                          reports={props.reports}
                          departmentName={departmentName}
                        />
                      )}
                    </For>
                  </section>
                )}
              </For>
            </Show>
          </section>
        )}
      </For>
    </div>
  );
}
