/**
 * "Styrelserapport": the board's report of a reporting period (a month, a tertial report
 * `YYYY-T1`/`YYYY-T2` or the year-end report `YYYY-VB`), compiled on the server from the
 * approved department reports (`GET /api/board-report/:period`, built by the domain's
 * `compileBoardReport`, the same data the PDF and the XLSX are made from). At the top, the
 * kommunchef's summary (`boardSummary:<periodId>`), co-edited live; the others read it live.
 * Print-ready: the print styles lay it out on A4 without the app's navigation. The period is in
 * the URL (`/styrelserapport/2015-02`, `/styrelserapport/2015-T1`).
 */
import {
  accessTo,
  type BoardReport,
  type BoardTexts,
  boardSummaryDocumentName,
  boardSummaryText,
  type GoalStatus,
  type Indicator,
  parseDocumentName,
  parseReportPeriod,
  periodsOfYear,
} from '@foljsam/domain';
import { useNavigate, useParams } from '@solidjs/router';
import { createResource, For, type JSX, Show } from 'solid-js';
import { IndicatorChart } from '../components/goals/IndicatorChart';
import { REPORT_STATE_SYMBOLS } from '../components/overview/reportState';
import { DUE_SYMBOLS, GOAL_STATUS_SYMBOLS } from '../components/overview/symbols';
import { RichTextEditor } from '../components/report/RichTextEditor';
import { formatDate, formatInUnit, formatMonth, formatPeriod, formatTkr, locale, t } from '../i18n';
import { monthsOf } from '../sync/createReports';
import { createSyncedDoc } from '../sync/createSyncedDoc';
import { colorFor, createPresence } from '../sync/presence';
import { useWorkspace } from '../workspace';
import './board.css';
import type { SessionUser } from '../api';
import { ScrollBox } from '../components/ScrollBox';

async function fetchBoardReport(period: string): Promise<BoardReport> {
  const response = await fetch(`/api/board-report/${period}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`GET /api/board-report/${period} answered ${response.status}`);
  return (await response.json()) as BoardReport;
}

/** Which of the report names a period has: a month, the tertials (T1, T2) or the year-end (VB). */
const periodPart = (period: string): 'month' | 'T1' | 'T2' | 'VB' => {
  const part = period.slice(5);
  return part === 'T1' || part === 'T2' || part === 'VB' ? part : 'month';
};

/** "mars 2015", "januari–april 2015", "2015". */
function periodText(period: string): string {
  const part = periodPart(period);
  return part === 'month' ? formatMonth(period) : t().board.periodSpan[part](Number(period.slice(0, 4)));
}

function GoalLight(props: { status: GoalStatus | null }): JSX.Element {
  return (
    <span class={`boardrep-status boardrep-status--${props.status ?? 'none'}`}>
      <span aria-hidden="true">{props.status ? GOAL_STATUS_SYMBOLS[props.status] : '○'}</span>{' '}
      {props.status ? t().board.goalStatuses[props.status] : t().board.noStatus}
    </span>
  );
}

/** A department's analysis and actions on an item, each labelled; nothing when there are none. */
function Texts(props: { texts: BoardTexts | null; withDepartment?: boolean }): JSX.Element {
  return (
    <Show when={props.texts}>
      {(texts) => (
        <div class="boardrep-texts" data-department-id={texts().departmentId}>
          <Show when={texts().analysis}>
            <p>
              <Show when={props.withDepartment !== false}>
                <strong>{texts().departmentName}</strong>:{' '}
              </Show>
              {texts().analysis}
            </p>
          </Show>
          <Show when={texts().actions}>
            <p>
              <Show when={props.withDepartment !== false && !texts().analysis}>
                <strong>{texts().departmentName}</strong>:{' '}
              </Show>
              <span class="boardrep-label">{t().board.actions}:</span> {texts().actions}
            </p>
          </Show>
        </div>
      )}
    </Show>
  );
}

const tkr = (value: number | null) => (value === null ? '–' : formatTkr(value));

/**
 * The kommunchef's summary of the period, a live shared text: kommunchef and admin write it (the
 * server refuses anyone else's change), everyone else reads it as it is written.
 */
function BoardSummary(props: { period: string; user: SessionUser }): JSX.Element {
  const docName = boardSummaryDocumentName(props.period);
  const ref = parseDocumentName(docName);
  const editable = ref !== null && accessTo(props.user, ref).write;
  const synced = createSyncedDoc(docName);
  const presence = createPresence(synced.provider, props.user);
  const caretUser = { id: props.user.id, name: props.user.displayName, color: colorFor(props.user.id) };
  const editors = () =>
    presence
      .editorsOf('summary')
      .map((peer) => peer.user.name)
      .join(', ');
  return (
    <section class="boardrep-summary" aria-labelledby="board-summary">
      <h2 id="board-summary">{t().board.summary.heading}</h2>
      <p class="boardrep__muted no-print">{editable ? t().board.summary.hint : t().board.summary.readOnly}</p>
      <Show when={editors()}>
        <p class="boardrep__muted no-print" role="status">
          {t().board.summary.editing(editors())}
        </p>
      </Show>
      <Show when={synced.denied()}>
        <p class="form-error" role="alert">
          {t().board.summary.denied}
        </p>
      </Show>
      <RichTextEditor
        fragment={boardSummaryText(synced.doc)}
        provider={synced.provider}
        user={caretUser}
        label={t().board.summary.label}
        editable={editable}
        testId="board-summary"
        onFocusChange={(focused) => presence.setField(focused ? 'summary' : null)}
      />
    </section>
  );
}

export function BoardReportScreen(): JSX.Element {
  const workspace = useWorkspace();
  const params = useParams<{ period?: string }>();
  const navigate = useNavigate();
  const periods = () => periodsOfYear(workspace.year).map((p) => p.id);
  const period = () => {
    const wanted = params.period;
    return wanted && parseReportPeriod(wanted) && periods().includes(wanted)
      ? wanted
      : workspace.defaultMonth;
  };
  const [report] = createResource(period, fetchBoardReport);
  /** The PDF and the XLSX in the UI's language, under the name the server gives them. */
  const exportHref = (ext: 'pdf' | 'xlsx') => `/api/board-report/${period()}/${ext}?lang=${locale()}`;
  const fileStems = {
    sv: { month: 'manadsrapport', T1: 'tertialrapport', T2: 'delarsrapport', VB: 'verksamhetsberattelse' },
    en: { month: 'monthly-report', T1: 'tertial-report', T2: 'interim-report', VB: 'annual-report' },
  } as const;
  const exportName = (ext: 'pdf' | 'xlsx') =>
    `${fileStems[locale() === 'en' ? 'en' : 'sv'][periodPart(period())]}-${period()}.${ext}`;

  return (
    <div class="boardrep">
      <div class="boardrep__top no-print">
        <label class="boardrep__month">
          {t().board.monthLabel}{' '}
          <select value={period()} onChange={(e) => navigate(`/styrelserapport/${e.currentTarget.value}`)}>
            <For each={periods()}>{(p) => <option value={p}>{formatPeriod(p)}</option>}</For>
          </select>
        </label>
        <div class="boardrep__downloads">
          <a class="button" href={exportHref('pdf')} download={exportName('pdf')}>
            {t().board.downloadPdf}
          </a>
          <a class="button" href={exportHref('xlsx')} download={exportName('xlsx')}>
            {t().board.downloadXlsx}
          </a>
          <button type="button" class="button" onClick={() => window.print()}>
            {t().board.print}
          </button>
        </div>
      </div>
      <h1 tabindex="-1">
        {t().board.heading(periodText(period()), t().board.reportNames[periodPart(period())])}
      </h1>
      <Show when={period()} keyed>
        {(current) => <BoardSummary period={current} user={workspace.user} />}
      </Show>
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
                          <li data-department-id={a.departmentId}>
                            <strong>{a.departmentName}</strong> <GoalLight status={a.status} />:{' '}
                            {a.analysis || '–'}
                            <Show when={a.actions}>
                              <br />
                              <span class="boardrep-label">{t().board.actions}:</span> {a.actions}
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <Show when={goal.initiatives.length > 0}>
                    <ScrollBox label={t().board.initiatives.initiative}>
                      <table class="boardrep-table">
                        <thead>
                          <tr>
                            <th scope="col">{t().board.initiatives.initiative}</th>
                            <th scope="col">{t().board.initiatives.department}</th>
                            <th scope="col">{t().board.initiatives.status}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={goal.initiatives}>
                            {(i) => (
                              <tr>
                                <th scope="row">
                                  {i.number} {i.title}
                                  <Texts texts={i.texts} withDepartment={false} />
                                </th>
                                <td>{i.ownerDepartmentName}</td>
                                <td>{i.status ? t().status[i.status] : t().board.noStatus}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </ScrollBox>
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
                                  <th scope="col">{t().board.indicators.unit}</th>
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
                                  <td>{t().board.units[indicator.unit]}</td>
                                  <td class="num">
                                    {indicator.outcome === null
                                      ? '–'
                                      : formatInUnit(indicator.outcome, indicator.unit)}
                                  </td>
                                  <td class="num">
                                    {indicator.yearTarget === null
                                      ? '–'
                                      : formatInUnit(indicator.yearTarget, indicator.unit)}
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
                          <Texts texts={indicator.texts} />
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
                <th scope="col">{t().board.assignments.texts}</th>
              </tr>
            </thead>
            <tbody>
              <For each={r().assignments}>
                {(a) => (
                  <tr classList={{ 'boardrep-overdue': a.overdue }} data-assignment-id={a.id}>
                    <th scope="row">{a.title}</th>
                    <td>{a.departmentName || t().board.assignments.noDepartment}</td>
                    <td>{formatDate(a.endDate)}</td>
                    <td>
                      {t().status[a.status]}
                      <Show when={a.statusSource === 'board'}>
                        <span class="boardrep-board-status">({t().board.assignments.fromBoard})</span>
                      </Show>
                      <Show when={a.statusDiffers}>
                        <span class="boardrep-board-status">
                          {t().board.assignments.boardStatus(t().status[a.boardStatus])}
                        </span>
                      </Show>
                    </td>
                    <td>
                      <Show when={a.dueState === 'overdue' || a.dueState === 'due-soon'}>
                        <span aria-hidden="true">{DUE_SYMBOLS[a.dueState as 'overdue' | 'due-soon']} </span>
                      </Show>
                      {a.overdue
                        ? t().board.assignments.overdueAsOf(formatDate(r().asOf))
                        : t().board.assignments.dueStates[a.dueState]}
                    </td>
                    <td>
                      <Texts texts={a.texts} withDepartment={false} />
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
              <tr data-testid="board-budget-total">
                <th scope="row">
                  {t().board.budget.totalOf(r().budget.total.includedCount, r().budget.rows.length)}
                </th>
                <td class="num">{tkr(r().budget.total.budgetTkr)}</td>
                <td class="num">{tkr(r().budget.total.outcomeToDateTkr)}</td>
                <td class="num">{tkr(r().budget.total.forecastTkr)}</td>
                <td class="num">{tkr(r().budget.total.deviationTkr)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </ScrollBox>
        <Show when={r().budget.total.missingDepartmentNames.length > 0}>
          <p class="boardrep-total-missing" data-testid="board-budget-missing">
            {t().board.budget.missingFromTotal(r().budget.total.missingDepartmentNames.join(', '))}
          </p>
        </Show>
        <p class="boardrep__muted">{t().board.budget.note}</p>
        <Show when={r().budget.rows.some((row) => row.comment)}>
          <h3>{t().board.budget.comments}</h3>
          <For each={r().budget.rows.filter((row) => row.comment)}>
            {(row) => <Texts texts={row.comment} />}
          </For>
        </Show>
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
