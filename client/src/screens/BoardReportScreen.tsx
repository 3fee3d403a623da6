/**
 * "Styrelserapport": the board's monthly report (månadsrapport till kommunstyrelsen), compiled
 * on the server from the approved department reports (`GET /api/board-report/:month`, built by
 * the domain's `compileBoardReport`, the same data the PDF and the XLSX are made from).
 * Print-ready: the print styles lay it out on A4 without the app's navigation. The month is in
 * the URL (`/styrelserapport/2015-02`).
 */
import type { BoardReport, GoalStatus, Indicator } from '@foljsam/domain';
import { useNavigate, useParams } from '@solidjs/router';
import { createResource, For, type JSX, Show } from 'solid-js';
import { formatIndicatorValue } from '../components/goals/format';
import { IndicatorChart } from '../components/goals/IndicatorChart';
import { REPORT_STATE_SYMBOLS } from '../components/overview/reportState';
import { DUE_SYMBOLS, GOAL_STATUS_SYMBOLS } from '../components/overview/symbols';
import { formatDate, formatMonth, formatTkr, locale, t } from '../i18n';
import { monthsOf } from '../sync/createReports';
import { useWorkspace } from '../workspace';
import './board.css';
import { ScrollBox } from '../components/ScrollBox';

async function fetchBoardReport(month: string): Promise<BoardReport> {
  const response = await fetch(`/api/board-report/${month}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`GET /api/board-report/${month} answered ${response.status}`);
  return (await response.json()) as BoardReport;
}

function GoalLight(props: { status: GoalStatus | null }): JSX.Element {
  return (
    <span class={`boardrep-status boardrep-status--${props.status ?? 'none'}`}>
      <span aria-hidden="true">{props.status ? GOAL_STATUS_SYMBOLS[props.status] : '○'}</span>{' '}
      {props.status ? t().board.goalStatuses[props.status] : t().board.noStatus}
    </span>
  );
}

const tkr = (value: number | null) => (value === null ? '–' : formatTkr(value));

export function BoardReportScreen(): JSX.Element {
  const workspace = useWorkspace();
  const params = useParams<{ month?: string }>();
  const navigate = useNavigate();
  const months = () => monthsOf(workspace.year);
  const month = () => {
    const wanted = params.month;
    return wanted && months().includes(wanted) ? wanted : workspace.defaultMonth;
  };
  const [report] = createResource(month, fetchBoardReport);
  /** The PDF and the XLSX in the UI's language, under the name the server gives them. */
  const exportHref = (ext: 'pdf' | 'xlsx') => `/api/board-report/${month()}/${ext}?lang=${locale()}`;
  const exportName = (ext: 'pdf' | 'xlsx') =>
    `${locale() === 'en' ? 'monthly-report' : 'manadsrapport'}-${month()}.${ext}`;

  return (
    <div class="boardrep">
      <div class="boardrep__top no-print">
        <label class="boardrep__month">
          {t().board.monthLabel}{' '}
          <select value={month()} onChange={(e) => navigate(`/styrelserapport/${e.currentTarget.value}`)}>
            <For each={months()}>{(m) => <option value={m}>{formatMonth(m)}</option>}</For>
          </select>
        </label>
        <div class="boardrep__downloads">
          <a class="button" href={exportHref('pdf')} download={exportName('pdf')}>
            {t().board.downloadPdf}
          </a>
          <a class="button" href={exportHref('xlsx')} download={exportName('xlsx')}>
            {t().board.downloadXlsx}
          </a>
          <button type="button" onClick={() => window.print()}>
            {t().board.print}
          </button>
        </div>
      </div>
      <h1 tabindex="-1">{t().board.heading(formatMonth(month()))}</h1>
      <Show when={report.error}>
        <p class="form-error" role="alert">
          {t().board.failed}
        </p>
      </Show>
      <Show when={report.loading}>
        <p role="status">{t().board.loading}</p>
      </Show>
      <Show when={!report.loading && report()}>{(current) => <BoardReportBody report={current()} />}</Show>
    </div>
  );
}

function BoardReportBody(props: { report: BoardReport }): JSX.Element {
  const r = () => props.report;
  const months = () => monthsOf(r().year);
  return (
    <>
      <p class="boardrep__intro">{t().board.intro(formatDate(r().asOf))}</p>

      <section aria-labelledby="board-departments">
        <h2 id="board-departments">{t().board.departments.heading}</h2>
        <ScrollBox label={t().board.departments.heading}>
          <table class="boardrep-table" data-testid="board-departments">
            <thead>
              <tr>
                <th scope="col">{t().board.departments.department}</th>
                <th scope="col">{t().board.departments.status}</th>
              </tr>
            </thead>
            <tbody>
              <For each={r().departments}>
                {(d) => (
                  <tr>
                    <th scope="row">
                      {d.departmentNumber} {d.departmentName}
                    </th>
                    <td>
                      <span aria-hidden="true">{REPORT_STATE_SYMBOLS[d.state]}</span>{' '}
                      {t().board.states[d.state]}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </ScrollBox>
      </section>

      <For each={r().perspectives}>
        {(perspective) => (
          <section class="boardrep-perspective" aria-labelledby={`boardrep-perspective-${perspective.id}`}>
            <h2 id={`boardrep-perspective-${perspective.id}`}>{t().board.perspective(perspective.name)}</h2>
            <For each={perspective.goals}>
              {(goal) => (
                <article class="boardrep-goal" data-goal-id={goal.id}>
                  <h3>
                    {goal.number} {goal.title} <GoalLight status={goal.status} />
                  </h3>
                  <p class="boardrep__muted">
                    {t().board.focusArea(goal.focusAreaNumber, goal.focusAreaName)}
                  </p>
                  <Show when={goal.analyses.length > 0} fallback={<p>{t().board.noAnalysis}</p>}>
                    <ul class="boardrep-analyses">
                      <For each={goal.analyses}>
                        {(a) => (
                          <li>
                            <strong>{a.departmentName}</strong> <GoalLight status={a.status} />:{' '}
                            {a.text || '–'}
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <For each={goal.indicators}>
                    {(indicator) => {
                      const asIndicator: Indicator = {
                        id: indicator.id,
                        goalId: indicator.goalId,
                        name: indicator.name,
                        unit: indicator.unit,
                        direction: indicator.direction,
                        targetPath: indicator.targetPath,
                        ownerDepartmentId: indicator.ownerDepartmentId,
                        source: indicator.name,
                      };
                      const outcomes = () =>
                        months().map((m) => indicator.series.find((p) => p.month === m)?.value ?? null);
                      return (
                        <div class="boardrep-indicator">
                          <ScrollBox label={indicator.name}>
                            <table class="boardrep-table">
                              <thead>
                                <tr>
                                  <th scope="col">{t().board.indicators.name}</th>
                                  <th scope="col" class="num">
                                    {t().board.indicators.outcome}
                                  </th>
                                  <th scope="col" class="num">
                                    {t().board.indicators.target(r().year)}
                                  </th>
                                  <th scope="col">{t().board.indicators.assessment}</th>
                                  <th scope="col">{t().board.indicators.status}</th>
                                </tr>
                              </thead>
                              <tbody>
                                <tr>
                                  <th scope="row">{indicator.name}</th>
                                  <td class="num">
                                    {indicator.outcome === null
                                      ? '–'
                                      : formatIndicatorValue(indicator.outcome, indicator.unit)}
                                  </td>
                                  <td class="num">
                                    {indicator.yearTarget === null
                                      ? '–'
                                      : formatIndicatorValue(indicator.yearTarget, indicator.unit)}
                                  </td>
                                  <td>
                                    {indicator.meetsTarget === null
                                      ? t().board.indicators.unknown
                                      : indicator.meetsTarget
                                        ? `✔ ${t().board.indicators.meets}`
                                        : `✖ ${t().board.indicators.misses}`}
                                  </td>
                                  <td>
                                    <GoalLight status={indicator.status} />
                                  </td>
                                </tr>
                              </tbody>
                            </table>
                          </ScrollBox>
                          <IndicatorChart
                            indicator={asIndicator}
                            year={r().year}
                            months={months()}
                            outcomes={outcomes()}
                          />
                        </div>
                      );
                    }}
                  </For>
                </article>
              )}
            </For>
          </section>
        )}
      </For>

      <section aria-labelledby="board-assignments">
        <h2 id="board-assignments">{t().board.assignments.heading}</h2>
        <ScrollBox label={t().board.assignments.heading}>
          <table class="boardrep-table" data-testid="board-assignments">
            <thead>
              <tr>
                <th scope="col">{t().board.assignments.title}</th>
                <th scope="col">{t().board.assignments.department}</th>
                <th scope="col">{t().board.assignments.endDate}</th>
                <th scope="col">{t().board.assignments.status}</th>
                <th scope="col">{t().board.assignments.due}</th>
              </tr>
            </thead>
            <tbody>
              <For each={r().assignments}>
                {(a) => (
                  <tr classList={{ 'boardrep-overdue': a.overdue }}>
                    <th scope="row">{a.title}</th>
                    <td>{a.departmentName || t().board.assignments.noDepartment}</td>
                    <td>{formatDate(a.endDate)}</td>
                    <td>{t().status[a.status]}</td>
                    <td>
                      <Show when={a.dueState === 'overdue' || a.dueState === 'due-soon'}>
                        <span aria-hidden="true">{DUE_SYMBOLS[a.dueState as 'overdue' | 'due-soon']} </span>
                      </Show>
                      {t().board.assignments.dueStates[a.dueState]}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </ScrollBox>
      </section>

      <section aria-labelledby="board-budget">
        <h2 id="board-budget">{t().board.budget.heading}</h2>
        <ScrollBox label={t().board.budget.heading}>
          <table class="boardrep-table" data-testid="board-budget">
            <thead>
              <tr>
                <th scope="col">{t().board.budget.department}</th>
                <th scope="col" class="num">
                  {t().board.budget.budget}
                </th>
                <th scope="col" class="num">
                  {t().board.budget.outcome}
                </th>
                <th scope="col" class="num">
                  {t().board.budget.forecast}
                </th>
                <th scope="col" class="num">
                  {t().board.budget.deviation}
                </th>
                <th scope="col">{t().board.budget.report}</th>
              </tr>
            </thead>
            <tbody>
              <For each={r().budget.rows}>
                {(row) => (
                  <tr>
                    <th scope="row">
                      {row.departmentNumber} {row.departmentName}
                    </th>
                    <td class="num">{tkr(row.budgetTkr)}</td>
                    <td class="num">{tkr(row.outcomeToDateTkr)}</td>
                    <td class="num">{tkr(row.forecastTkr)}</td>
                    <td class="num">{tkr(row.deviationTkr)}</td>
                    <td>
                      <span aria-hidden="true">{row.approved ? '✔' : '○'}</span>{' '}
                      {row.approved ? t().board.budget.approved : t().board.budget.missing}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t().board.budget.total}</th>
                <td class="num">{tkr(r().budget.total.budgetTkr)}</td>
                <td class="num">{tkr(r().budget.total.outcomeToDateTkr)}</td>
                <td class="num">{tkr(r().budget.total.forecastTkr)}</td>
                <td class="num">{tkr(r().budget.total.deviationTkr)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </ScrollBox>
        <p class="boardrep__muted">{t().board.budget.note}</p>
      </section>

      <section aria-labelledby="board-missing">
        <h2 id="board-missing">{t().board.missing.heading}</h2>
        <Show when={r().missing.length > 0} fallback={<p>{t().board.missing.none}</p>}>
          <p>{t().board.missing.intro}</p>
          <ul data-testid="board-missing">
            <For each={r().missing}>
              {(d) => (
                <li>
                  {d.departmentNumber} {d.departmentName}:{' '}
                  <span aria-hidden="true">{REPORT_STATE_SYMBOLS[d.state]}</span> {t().board.states[d.state]}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </>
  );
}
