/**
 * Every strategic goal with its traffic light per responsible department: a table with the goals
 * as rows and the departments that own any goal as columns. A cell shows the status the
 * department's report of the month gives the goal ("–" when not reported) and links to that report.
 */
import type { Department, GoalStatus, StrategicGoal } from '@foljsam/domain';
import { A } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { GOAL_STATUS_SYMBOLS } from './symbols';

export interface GoalMatrixProps {
  month: string;
  monthName: string;
  goals: readonly StrategicGoal[];
  departments: readonly Pick<Department, 'id' | 'name'>[];
  /** The status a department's report gives a goal this month; null when not reported. */
  statusOf: (departmentId: string, goalId: string) => GoalStatus | null;
}

export function GoalMatrix(props: GoalMatrixProps): JSX.Element {
  const owners = () =>
    props.departments.filter((department) =>
      props.goals.some((goal) => goal.ownerDepartmentIds.includes(department.id)),
    );

  return (
    <section class="overview-panel overview-goals" aria-labelledby="overview-goals-heading">
      <div class="overview-panel__top">
        <h2 id="overview-goals-heading">{t().overview.goals.heading}</h2>
        <A href="/mal" class="overview-panel__more">
          {t().overview.goals.toGoals}
        </A>
      </div>
      {/* Focusable, so a keyboard can scroll the matrix sideways on a narrow screen. */}
      <section class="overview-scroll" tabindex="0" aria-labelledby="overview-goals-heading">
        <table class="overview-table ov-matrix" data-testid="goal-matrix">
          <caption>{t().overview.goals.caption(props.monthName)}</caption>
          <thead>
            <tr>
              <th scope="col">{t().overview.goals.goal}</th>
              <For each={owners()}>
                {(department) => (
                  <th scope="col" data-department-id={department.id} class="ov-matrix__department">
                    <span class="ov-matrix__department-name">{department.name}</span>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={props.goals}>
              {(goal) => (
                <tr data-goal-id={goal.id}>
                  <th scope="row" class="ov-matrix__goal">
                    <A href={`/mal#${goal.id}`}>
                      <span class="ov-matrix__number">{goal.number}</span> {goal.title}
                    </A>
                  </th>
                  <For each={owners()}>
                    {(department) => (
                      <Show
                        when={goal.ownerDepartmentIds.includes(department.id)}
                        fallback={
                          <td class="ov-matrix__none">
                            <span class="visually-hidden">{t().overview.goals.notOwner}</span>
                          </td>
                        }
                      >
                        <GoalCell
                          month={props.month}
                          departmentId={department.id}
                          status={props.statusOf(department.id, goal.id)}
                        />
                      </Show>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </section>
  );
}

function GoalCell(props: { month: string; departmentId: string; status: GoalStatus | null }): JSX.Element {
  return (
    <td
      class="ov-matrix__cell"
      data-department-id={props.departmentId}
      data-goal-status={props.status ?? 'none'}
    >
      <A href={`/rapport/${props.month}/${props.departmentId}`} class="ov-light">
        <Show
          when={props.status}
          fallback={
            <>
              <span aria-hidden="true">–</span>
              <span class="visually-hidden">{t().overview.goals.notReported}</span>
            </>
          }
        >
          {(status) => (
            <>
              <span class="ov-light__symbol" aria-hidden="true">
                {GOAL_STATUS_SYMBOLS[status()]}
              </span>
              {t().overview.goals.statuses[status()]}
            </>
          )}
        </Show>
      </A>
    </td>
  );
}
