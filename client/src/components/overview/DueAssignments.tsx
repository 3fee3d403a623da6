/**
 * The council's assignments that are overdue or due soon, derived from their end date and today
 * (never stored). Each links to the assignments board, filtered to find it.
 */
import { type CouncilAssignment, DUE_SOON_DAYS, dueState } from '@foljsam/domain';
import { A } from '@solidjs/router';
import { createMemo, For, type JSX, Show } from 'solid-js';
import { formatDate, t } from '../../i18n';
import { ScrollBox } from '../ScrollBox';
import { DUE_SYMBOLS } from './symbols';

export interface DueAssignmentsProps {
  assignments: readonly CouncilAssignment[];
  /** Today as `YYYY-MM-DD` in Swedish time. */
  today: string;
  loaded: boolean;
  departmentName: (id: string) => string;
}

type Due = 'overdue' | 'due-soon';

export function DueAssignments(props: DueAssignmentsProps): JSX.Element {
  const due = createMemo(() =>
    props.assignments
      .map((assignment) => ({ assignment, due: dueState(assignment, props.today) }))
      .filter(
        (entry): entry is { assignment: CouncilAssignment; due: Due } =>
          entry.due === 'overdue' || entry.due === 'due-soon',
      )
      .sort(
        (a, b) =>
          Number(b.due === 'overdue') - Number(a.due === 'overdue') ||
          a.assignment.endDate.localeCompare(b.assignment.endDate),
      ),
  );
  const label = (state: Due) =>
    state === 'overdue' ? t().overview.assignments.overdue : t().overview.assignments.dueSoon;

  return (
    <section class="overview-panel overview-assignments" aria-labelledby="overview-assignments-heading">
      <div class="overview-panel__top">
        <h2 id="overview-assignments-heading">{t().overview.assignments.heading}</h2>
        <span class="overview-panel__links">
          <A href="/uppdrag?forfall=forsenade" class="overview-panel__more">
            {t().overview.assignments.showOverdue}
          </A>
          <A href="/uppdrag?forfall=snart" class="overview-panel__more">
            {t().overview.assignments.showDueSoon}
          </A>
        </span>
      </div>
      <p class="overview-panel__note">
        {t().overview.assignments.todayIs(formatDate(props.today), DUE_SOON_DAYS)}
      </p>
      <Show when={props.loaded} fallback={<p class="loading">{t().overview.loading}</p>}>
        <Show when={due().length > 0} fallback={<p>{t().overview.assignments.none}</p>}>
          <ScrollBox label={t().overview.assignments.heading}>
            <table
              class="overview-table"
              aria-labelledby="overview-assignments-heading"
              data-testid="due-assignments"
            >
              <thead>
                <tr>
                  <th scope="col">{t().overview.assignments.due}</th>
                  <th scope="col">{t().overview.assignments.title}</th>
                  <th scope="col">{t().overview.assignments.department}</th>
                  <th scope="col">{t().overview.assignments.endDate}</th>
                  <th scope="col">{t().overview.assignments.status}</th>
                </tr>
              </thead>
              <tbody>
                <For each={due()}>
                  {(entry) => (
                    <tr data-assignment-id={entry.assignment.id} data-due={entry.due}>
                      <td>
                        <span class="ov-due" data-due={entry.due}>
                          <span class="ov-due__symbol" aria-hidden="true">
                            {DUE_SYMBOLS[entry.due]}
                          </span>
                          {label(entry.due)}
                        </span>
                      </td>
                      <th scope="row" class="overview-assignments__title">
                        <A href={`/uppdrag?sok=${encodeURIComponent(entry.assignment.title)}`}>
                          {entry.assignment.title}
                        </A>
                      </th>
                      <td>
                        {entry.assignment.departmentId === null
                          ? t().overview.assignments.noDepartment
                          : props.departmentName(entry.assignment.departmentId)}
                      </td>
                      <td class="overview-table__date">
                        <time datetime={entry.assignment.endDate}>
                          {formatDate(entry.assignment.endDate)}
                        </time>
                      </td>
                      <td>{t().status[entry.assignment.status]}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollBox>
        </Show>
      </Show>
    </section>
  );
}
