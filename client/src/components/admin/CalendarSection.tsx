/**
 * The administration's reporting calendar (`/admin`, section "Rapporteringskalender") of the
 * plan year on show: which periods are reported, the rule's working day, each period's deadline
 * by the rule and an optional date of its own. The server validates and computes deadlines
 * (Swedish public holidays); the table shows its answer, and says when a changed rule will be
 * recomputed on save.
 */
import { parseReportPeriod, type ReportingCalendar } from '@foljsam/domain';
import {
  createEffect,
  createResource,
  createSignal,
  createUniqueId,
  For,
  type JSX,
  on,
  Show,
} from 'solid-js';
import { type CalendarAnswer, fetchCalendar, saveCalendar } from '../../calendarApi';
import { formatDate, t } from '../../i18n';
import { periodName } from '../overview/TodoList';

type Message = { kind: 'ok' | 'error'; text: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first day after a period ends (`YYYY-MM-DD`): the earliest deadline the server accepts. */
function firstDayAfter(periodId: string): string | null {
  const end = parseReportPeriod(periodId)?.endMonth;
  if (!end) return null;
  const [year, month] = end.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

export function CalendarSection(props: { year: number }): JSX.Element {
  const uid = createUniqueId();
  const texts = () => t().calendar.settings;
  const [answer, { mutate }] = createResource(
    () => props.year,
    async (year) => {
      const result = await fetchCalendar(year);
      if (!result.ok) throw new Error(result.message || String(result.status));
      return result.value;
    },
  );
  // The form: filled from each answer, sent whole on save.
  const [reported, setReported] = createSignal<ReadonlySet<string>>(new Set());
  const [rule, setRule] = createSignal('10');
  const [overrides, setOverrides] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<Message | null>(null);

  const fill = (value: CalendarAnswer) => {
    setReported(new Set(value.calendar.periods));
    setRule(String(value.calendar.rule.workingDayOfFollowingMonth));
    setOverrides({ ...value.calendar.overrides });
  };
  // Fill the form when an answer arrives (a load or a save), never while the administrator types.
  createEffect(
    on(
      () => answer.latest,
      (value) => {
        if (value) fill(value);
      },
    ),
  );

  const ruleChanged = () => String(answer.latest?.calendar.rule.workingDayOfFollowingMonth) !== rule().trim();

  const toggle = (periodId: string, on: boolean) => {
    const next = new Set(reported());
    if (on) next.add(periodId);
    else next.delete(periodId);
    setReported(next);
  };
  const setOverride = (periodId: string, date: string) => {
    const next = { ...overrides() };
    if (date.trim() === '') delete next[periodId];
    else next[periodId] = date.trim();
    setOverrides(next);
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const current = answer.latest;
    if (!current) return;
    const n = Number(rule().trim());
    if (!Number.isInteger(n) || n < 1 || n > 20) {
      setMessage({ kind: 'error', text: texts().invalidRule });
      return;
    }
    for (const [periodId, date] of Object.entries(overrides())) {
      if (!DATE.test(date)) {
        setMessage({ kind: 'error', text: texts().invalidDate(periodName(periodId)) });
        return;
      }
      const earliest = firstDayAfter(periodId);
      if (earliest && date < earliest) {
        setMessage({ kind: 'error', text: texts().tooEarly(periodName(periodId), formatDate(earliest)) });
        return;
      }
    }
    const order = current.periods.map((period) => period.periodId);
    const calendar: ReportingCalendar = {
      year: props.year,
      periods: order.filter((id) => reported().has(id)),
      rule: { workingDayOfFollowingMonth: n },
      overrides: overrides(),
    };
    setBusy(true);
    setMessage(null);
    const result = await saveCalendar(calendar);
    setBusy(false);
    if (!result.ok) {
      const reason =
        result.status === 0
          ? t().admin.errors.unreachable
          : result.status === 403
            ? t().admin.errors.forbidden
            : result.message;
      setMessage({ kind: 'error', text: texts().failed(reason) });
      return;
    }
    mutate(result.value);
    setMessage({ kind: 'ok', text: texts().saved(props.year) });
  };

  return (
    <section aria-labelledby={`calendar-heading-${uid}`} data-testid="calendar-settings">
      <h2 id={`calendar-heading-${uid}`}>
        {texts().heading} {props.year}
      </h2>
      <p>{texts().intro}</p>
      <Show when={!answer.error || answer.latest} fallback={<p class="form-error">{texts().loadFailed}</p>}>
        <Show when={answer.latest} fallback={<p class="loading">{texts().loading}</p>}>
          {(value) => (
            <form class="calendar-form" onSubmit={save} novalidate>
              <p class="admin-count">{value().stored ? texts().stored : texts().defaults}</p>
              <p class="calendar-form__rule">
                <label for={`calendar-rule-${uid}`}>{texts().rule}</label>{' '}
                <input
                  id={`calendar-rule-${uid}`}
                  type="number"
                  min="1"
                  max="20"
                  step="1"
                  inputmode="numeric"
                  class="calendar-form__number"
                  value={rule()}
                  aria-describedby={`calendar-rule-help-${uid}`}
                  onInput={(event) => setRule(event.currentTarget.value)}
                />{' '}
                <span id={`calendar-rule-help-${uid}`}>{texts().ruleHelp}</span>
              </p>
              <div class="table-scroll">
                <table
                  class="admin-table"
                  data-testid="calendar-table"
                  aria-labelledby={`calendar-heading-${uid}`}
                >
                  <thead>
                    <tr>
                      <th scope="col">{texts().columns.reported}</th>
                      <th scope="col">{texts().columns.period}</th>
                      <th scope="col">{texts().columns.ruleDeadline}</th>
                      <th scope="col">{texts().columns.override}</th>
                      <th scope="col">{texts().columns.deadline}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={value().periods}>
                      {(period) => {
                        const name = periodName(period.periodId);
                        const id = `calendar-${uid}-${period.periodId}`;
                        const override = () => overrides()[period.periodId] ?? '';
                        const byRule = () => (ruleChanged() ? null : period.ruleDeadline);
                        return (
                          <tr data-period={period.periodId}>
                            <td>
                              <label class="calendar__reported">
                                <input
                                  id={`${id}-reported`}
                                  type="checkbox"
                                  checked={reported().has(period.periodId)}
                                  onChange={(event) => toggle(period.periodId, event.currentTarget.checked)}
                                />
                                <span class="visually-hidden">{texts().reportedLabel(name)}</span>
                              </label>
                            </td>
                            <th scope="row">{name}</th>
                            <td data-testid="rule-deadline">
                              {byRule() ? formatDate(byRule() as string) : texts().recomputed}
                            </td>
                            <td>
                              <label for={`${id}-override`} class="visually-hidden">
                                {texts().overrideLabel(name)}
                              </label>
                              <input
                                id={`${id}-override`}
                                type="text"
                                inputmode="numeric"
                                class="calendar-form__date"
                                placeholder={texts().datePlaceholder}
                                pattern="\d{4}-\d{2}-\d{2}"
                                size={10}
                                value={override()}
                                onChange={(event) => setOverride(period.periodId, event.currentTarget.value)}
                              />
                            </td>
                            <td data-testid="deadline">
                              {!reported().has(period.periodId)
                                ? texts().notReported
                                : override()
                                  ? formatDate(override())
                                  : byRule()
                                    ? formatDate(byRule() as string)
                                    : texts().recomputed}
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              </div>
              <p>
                <button type="submit" class="button" disabled={busy()}>
                  {busy() ? texts().saving : texts().save}
                </button>
              </p>
              <p
                class={message()?.kind === 'error' ? 'form-error' : 'notice'}
                role={message()?.kind === 'error' ? 'alert' : 'status'}
                data-testid="calendar-message"
              >
                {message()?.text ?? ''}
              </p>
            </form>
          )}
        </Show>
      </Show>
    </section>
  );
}
