/**
 * "Att göra" at the top of the overview: what the signed-in user has to do about the reporting
 * calendar (`GET /api/todo`, judged by the server against today in Sweden). A department head
 * sees their reports to write; the kommunchef and the administrator the reports to review and
 * the departments that are late, per period. Each links to its report (a late period to where
 * its missing departments are seen together); lateness is said in words
 * ("försenad 3 dagar"), with a symbol, colour only as a second cue.
 */
import { parseReportPeriod } from '@foljsam/domain';
import { A } from '@solidjs/router';
import { createResource, For, type JSX, Match, onCleanup, Show, Switch } from 'solid-js';
import { fetchTodo, type TodoItem } from '../../calendarApi';
import { formatDate, formatMonth, t } from '../../i18n';
import { formatDateTime } from '../../i18n/dateTime';
import { DUE_SYMBOLS } from './symbols';

/** Refresh now and then: deadlines move into reach and reports get submitted. */
const REFRESH_MS = 60_000;

/** A period by name: "Månadsrapport mars 2015", "Delårsrapport augusti 2015". */
export function periodName(periodId: string): string {
  const period = parseReportPeriod(periodId);
  const names = t().calendar.period;
  if (!period) return periodId;
  if (period.kind === 'month') return names.month(formatMonth(periodId));
  const part = periodId.slice(5) as 'T1' | 'T2' | 'VB';
  return names[part](period.year);
}

const reportHref = (periodId: string, departmentId: string) => `/rapport/${periodId}/${departmentId}`;

/**
 * Where the late departments of a period are seen together: the overview of a month, the board
 * report of a tertial or year-end report (it lists the departments still missing). One link per
 * period rather than one per department keeps a late year readable and every target large.
 */
const overdueHref = (periodId: string) =>
  parseReportPeriod(periodId)?.kind === 'month'
    ? `/oversikt?manad=${periodId}`
    : `/styrelserapport/${periodId}`;

function Due(props: { daysLeft: number; deadline: string }): JSX.Element {
  const texts = () => t().calendar.todo;
  const overdue = () => props.daysLeft < 0;
  return (
    <span class="todo__due">
      <span>{texts().deadline(formatDate(props.deadline))}</span>{' '}
      <span class="ov-due" data-due={overdue() ? 'overdue' : 'due-soon'} data-testid="todo-due">
        <Show when={overdue()}>
          <span aria-hidden="true">{DUE_SYMBOLS.overdue}</span>
        </Show>
        {overdue() ? texts().overdue(-props.daysLeft) : texts().daysLeft(props.daysLeft)}
      </span>
    </span>
  );
}

function Item(props: { item: TodoItem }): JSX.Element {
  const texts = () => t().calendar.todo;
  return (
    <li class="todo__item" data-kind={props.item.kind} data-period={props.item.periodId}>
      <Switch>
        <Match when={props.item.kind === 'overdue' && props.item}>
          {(item) => {
            const group = item() as Extract<TodoItem, { kind: 'overdue' }>;
            return (
              <>
                <A class="todo__what" href={overdueHref(group.periodId)}>
                  {periodName(group.periodId)}: {texts().overdueGroup(group.departments.length)}
                </A>{' '}
                <span class="todo__note" data-testid="todo-late-departments">
                  {group.departments.map((department) => department.name).join(', ')}
                </span>{' '}
                <Due daysLeft={group.daysLeft} deadline={group.deadline} />
              </>
            );
          }}
        </Match>
        <Match when={props.item.kind !== 'overdue' && props.item}>
          {(item) => {
            const one = item() as Exclude<TodoItem, { kind: 'overdue' }>;
            return (
              <>
                <A class="todo__what" href={reportHref(one.periodId, one.department.id)}>
                  {periodName(one.periodId)}:{' '}
                  {one.kind === 'review'
                    ? texts().review(one.department.name)
                    : texts().submit(one.department.name)}
                </A>{' '}
                <Show when={one.kind === 'submit' && one.department.status === 'aterremitterad'}>
                  <span class="todo__note">{texts().returned}</span>{' '}
                </Show>
                <Show when={one.kind === 'review' && one.submittedAt}>
                  {(at) => <span class="todo__note">{texts().submittedAt(formatDateTime(at()))}</span>}
                </Show>{' '}
                <Due daysLeft={one.daysLeft} deadline={one.deadline} />
              </>
            );
          }}
        </Match>
      </Switch>
    </li>
  );
}

/** The section; `year` is the plan year on show (last year and this year are always included). */
export function TodoList(props: { year: number }): JSX.Element {
  const [todo, { refetch }] = createResource(
    () => props.year,
    async (year) => {
      const result = await fetchTodo(year);
      if (!result.ok) throw new Error(result.message || String(result.status));
      return result.value;
    },
  );
  const timer = setInterval(() => void refetch(), REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const texts = () => t().calendar.todo;

  return (
    <section class="overview-panel todo" aria-labelledby="todo-heading" data-testid="todo">
      <h2 id="todo-heading">{texts().heading}</h2>
      <Switch fallback={<p class="loading">{texts().loading}</p>}>
        <Match when={todo.error && !todo.latest}>
          <p class="form-error">{texts().failed}</p>
        </Match>
        <Match when={todo.latest}>
          {(answer) => (
            <>
              <p class="overview-panel__note">{texts().intro(formatDate(answer().today))}</p>
              <Show when={answer().items.length > 0} fallback={<p data-testid="todo-none">{texts().none}</p>}>
                <ul class="todo__list">
                  <For each={answer().items}>{(item) => <Item item={item} />}</For>
                </ul>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
