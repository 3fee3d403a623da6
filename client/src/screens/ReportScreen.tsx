/**
 * One department's report for a period (`report:<periodId>:<departmentId>`), co-edited live: a
 * monthly report (månadsrapport), a tertial report (tertialrapport per april, delårsrapport per
 * augusti) or the year-end report (verksamhetsberättelse). For each goal, indicator, initiative
 * and council assignment the department owns: its status, an indicator's outcome against the
 * year's target, and the analysis and actions as collaborative rich text; then the budget part.
 * A tertial or year-end report also shows the covered months' outcomes and the latest monthly
 * budget figures, and can fill its empty fields from them. Others' presence is shown per field,
 * never locked. Route: `/rapport/:month?/:departmentId?`, where `month` is a period id (a month
 * `YYYY-MM`, or `YYYY-T1`, `YYYY-T2`, `YYYY-VB`).
 */
import {
  type Author,
  accessTo,
  assignmentsDocumentName,
  coveredMonthOutcomes,
  type Department,
  type DepartmentReport,
  departmentPlanItems,
  type FieldConflict,
  type FillCounts,
  fillFromMonths,
  latestMonthlyBudget,
  observeReport,
  observeReportMeta,
  type Plan,
  parseDocumentName,
  periodsOfYear,
  type ReportItemKey,
  readReport,
  readReportConflicts,
  reportDocumentName,
  reportDocumentRef,
  reportedItemKeys,
  reportPeriod,
  resolveReportConflict,
} from '@foljsam/domain';
import { useNavigate, useParams } from '@solidjs/router';
import {
  type Accessor,
  createEffect,
  createMemo,
  createRoot,
  createSignal,
  For,
  type JSX,
  on,
  onCleanup,
  Show,
  untrack,
} from 'solid-js';
import type { SessionUser } from '../api';
import type { FieldMerges } from '../components/ConflictMarker';
import { ConnectionBadge } from '../components/ConnectionBadge';
import { PresenceList } from '../components/PresenceList';
import { BudgetSection } from '../components/report/BudgetSection';
import { type CopyCounts, copyFromPrevious, previousMonth } from '../components/report/copyFromPrevious';
import { ReportItem, type ReportItemModel } from '../components/report/ReportItem';
import { reportFieldLabel, WorkflowPanel } from '../components/report/WorkflowPanel';
import { SyncDeniedBanner } from '../components/SyncDeniedBanner';
import { formatMonth, formatPeriod, t } from '../i18n';
import { type DocumentAccess, fetchAccess, type ReadOnlyReason } from '../rolesApi';
import { createAssignments } from '../sync/createAssignments';
import { createPlan } from '../sync/createPlan';
import { createReports } from '../sync/createReports';
import { createSyncedDoc, type SyncedDoc } from '../sync/createSyncedDoc';
import { colorFor, createPresence } from '../sync/presence';
import { useWorkspace } from '../workspace';
import './report.css';

export function ReportScreen(): JSX.Element {
  const { user, year, defaultMonth } = useWorkspace();
  const params = useParams<{ month?: string; departmentId?: string }>();
  const navigate = useNavigate();
  const { plan } = createPlan(year);
  // The editor's chunk is fetched and compiled while the plan and the report sync, not after
  // the report has arrived and its text fields mount (RichTextEditor imports it then).
  void import('../components/report/tiptap').catch(() => undefined);
  // The months and, in their place in the year, the tertial and year-end reports.
  const periods = periodsOfYear(year).map((period) => period.id);

  const month = () => (params.month && periods.includes(params.month) ? params.month : defaultMonth);
  const departmentId = () => params.departmentId || user.departmentId || null;
  const department = () => {
    const id = departmentId();
    return id ? (plan()?.departments.find((candidate) => candidate.id === id) ?? null) : null;
  };

  const go = (nextMonth: string, nextDepartment: string | null, replace = false) =>
    navigate(nextDepartment ? `/rapport/${nextMonth}/${nextDepartment}` : `/rapport/${nextMonth}`, {
      replace,
    });

  // Put the month and department on show into the URL, so it can be shared and reloaded.
  createEffect(() => {
    const id = departmentId();
    if (params.month !== month() || (id && params.departmentId !== id)) go(month(), id, true);
  });

  const reportKey = createMemo(() => {
    const current = department();
    return current ? `${month()}|${current.id}` : null;
  });

  // The report and the assignments open with the plan, not after it: the URL names the report,
  // and waiting for the plan first put both behind the documents the app keeps offline (a
  // browser opens one websocket to a host at a time). A name the plan turns out not to know
  // only costs an empty document, closed with the screen or the next choice.
  const assignmentsDoc = createSyncedDoc(assignmentsDocumentName(year));
  const openReport = createMemo(
    on(
      () => {
        const id = departmentId();
        return id ? `${month()}|${id}` : null;
      },
      (key) => {
        if (!key) return null;
        const [period, id] = key.split('|') as [string, string];
        const name = reportDocumentName(period, id);
        // A department id no document can have waits for the plan (which will not know it either).
        return parseDocumentName(name) ? { key, synced: createSyncedDoc(name) } : null;
      },
    ),
  );

  return (
    <section class="report" aria-labelledby="report-heading">
      <h1 id="report-heading" tabindex="-1">
        {department()
          ? reportPeriod(month()).kind === 'month'
            ? t().report.headingFor(department()?.name ?? '', formatMonth(month()))
            : t().report.headingForPeriod(department()?.name ?? '', formatPeriod(month()))
          : t().report.heading}
      </h1>

      <form
        class="report__pickers"
        aria-label={t().report.pickers}
        onSubmit={(event) => event.preventDefault()}
      >
        <div class="report__picker">
          <label for="report-month">{t().report.month}</label>
          <select
            id="report-month"
            data-testid="report-month"
            onChange={(event) => go(event.currentTarget.value, departmentId())}
          >
            <For each={periods}>
              {(candidate) => (
                <option value={candidate} selected={candidate === month()}>
                  {formatPeriod(candidate)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="report__picker">
          <label for="report-department">{t().report.department}</label>
          <select
            id="report-department"
            data-testid="report-department"
            onChange={(event) => go(month(), event.currentTarget.value || null)}
          >
            <Show when={!departmentId()}>
              <option value="" selected>
                {t().report.chooseDepartment}
              </option>
            </Show>
            <For each={plan()?.departments ?? []}>
              {(candidate) => (
                <option value={candidate.id} selected={candidate.id === departmentId()}>
                  {candidate.name}
                </option>
              )}
            </For>
          </select>
        </div>
      </form>

      <Show when={plan()} fallback={<p class="loading">{t().report.loadingPlan}</p>}>
        {(currentPlan) => (
          <Show
            when={reportKey()}
            keyed
            fallback={
              <p class="notice">
                {departmentId()
                  ? t().report.unknownDepartment(departmentId() ?? '')
                  : t().report.noDepartmentChosen}
              </p>
            }
          >
            {(key) => {
              const [reportMonth, reportDepartmentId] = key.split('|') as [string, string];
              const reportDepartment = currentPlan().departments.find(
                (candidate) => candidate.id === reportDepartmentId,
              ) as Department;
              const opened = untrack(openReport);
              return (
                <ReportDocument
                  period={reportMonth}
                  department={reportDepartment}
                  plan={currentPlan}
                  user={user}
                  year={year}
                  synced={opened?.key === key ? opened.synced : undefined}
                  assignmentsDoc={assignmentsDoc}
                />
              );
            }}
          </Show>
        )}
      </Show>
    </section>
  );
}

interface ReportDocumentProps {
  /** The period id: `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
  period: string;
  department: Department;
  plan: Accessor<Plan>;
  user: SessionUser;
  year: number;
  /** The report's document, when the screen has opened it already. */
  synced?: SyncedDoc;
  /** The year's assignments document (the department's assignments are reported on too). */
  assignmentsDoc: SyncedDoc;
}

/** Opens a synced document outside the component tree until `dispose` is called. */
function openDocumentUntilSynced(
  docName: string,
  timeoutMs = 15_000,
): Promise<{ synced: SyncedDoc; dispose(): void }> {
  return createRoot(
    (dispose) =>
      new Promise((resolve, reject) => {
        const synced = createSyncedDoc(docName);
        if (synced.provider.synced) {
          resolve({ synced, dispose });
          return;
        }
        const timer = setTimeout(() => {
          synced.provider.off('sync', onSync);
          dispose();
          reject(new Error(`no sync of ${docName}`));
        }, timeoutMs);
        const onSync = (isSynced: boolean) => {
          if (!isSynced) return;
          clearTimeout(timer);
          synced.provider.off('sync', onSync);
          resolve({ synced, dispose });
        };
        synced.provider.on('sync', onSync);
      }),
  );
}

function ReportDocument(props: ReportDocumentProps): JSX.Element {
  const departmentId = props.department.id;
  const docName = reportDocumentName(props.period, departmentId);
  const synced = props.synced ?? createSyncedDoc(docName);
  const assignments = createAssignments(props.assignmentsDoc.doc);
  const presence = createPresence(synced.provider, props.user);
  const caretUser = { id: props.user.id, name: props.user.displayName, color: colorFor(props.user.id) };

  const author: Author = { username: props.user.username, displayName: props.user.displayName };

  const period = reportPeriod(props.period);
  const read = () => readReport(synced.doc, props.period, departmentId);
  const [report, setReport] = createSignal<DepartmentReport>(read());
  // Fields two people changed while apart (ändrades samtidigt), re-read with the report.
  const [conflicts, setConflicts] = createSignal<FieldConflict[]>(readReportConflicts(synced.doc));
  onCleanup(
    observeReport(synced.doc, () => {
      setReport(read());
      setConflicts(readReportConflicts(synced.doc));
    }),
  );
  const merges: FieldMerges = {
    conflictOf: (field) => conflicts().find((conflict) => conflict.field === field),
    choose: (field, value) => resolveReportConflict(synced.doc, field, value, author),
  };

  // The server writes the workflow's fields into `meta` (clients may not): each change there
  // means the workflow and the access rights are fetched again. A reconnect does the same,
  // since a step may have happened while this page was away.
  const [metaRevision, setMetaRevision] = createSignal(0);
  const bump = () => setMetaRevision((n) => n + 1);
  onCleanup(observeReportMeta(synced.doc, bump));
  createEffect(on(synced.synced, (isSynced, wasSynced) => isSynced && wasSynced === false && bump()));

  const [access, setAccess] = createSignal<DocumentAccess | null>(null);
  let accessRequest = 0;
  createEffect(
    on(metaRevision, async () => {
      const mine = ++accessRequest;
      const result = await fetchAccess(docName);
      if (mine === accessRequest && result.ok) setAccess(result.value);
    }),
  );

  /** Until the server has answered, the domain's rule for the role and status (the server decides anyway). */
  const guessedReason = (): ReadOnlyReason =>
    accessTo(props.user, reportDocumentRef(props.period, departmentId), {
      approved: report().status === 'godkand',
    }).readOnlyReason;
  const readOnlyReason = (): ReadOnlyReason => {
    const known = access();
    // The live status outruns the access answer: an approval seen in the document counts at once.
    if (report().status === 'godkand') return 'approved';
    if (!known) return guessedReason();
    return known.write ? null : (known.readOnlyReason ?? 'role');
  };
  const readOnly = () => readOnlyReason() !== null || synced.denied() !== null;

  // Items by key; the lists below iterate over keys (strings), so a re-read plan never
  // recreates an item and its editors.
  // The domain says what the department reports on this month (archived items only where
  // this report already has content for them; indicators only in the months they are due).
  const planItems = createMemo(() =>
    departmentPlanItems(props.plan(), departmentId, props.period, new Set(reportedItemKeys(report()))),
  );
  const goals = createMemo(() =>
    planItems().goals.map<ReportItemModel>((goal) => ({
      key: `goal:${goal.id}` as ReportItemKey,
      label: t().report.goalNumber(goal.number),
      title: goal.title,
      statusKind: 'goal',
    })),
  );
  const indicators = createMemo(() =>
    planItems().indicators.map<ReportItemModel>((indicator) => ({
      key: `indicator:${indicator.id}` as ReportItemKey,
      title: indicator.name,
      statusKind: 'goal',
      indicator,
    })),
  );
  const initiatives = createMemo(() =>
    planItems().initiatives.map<ReportItemModel>((initiative) => ({
      key: `initiative:${initiative.id}` as ReportItemKey,
      label: t().report.initiativeNumber(initiative.number),
      title: initiative.title,
      statusKind: 'progress',
    })),
  );
  const ownAssignments = createMemo(() =>
    assignments
      .filter((assignment) => assignment.departmentId === departmentId)
      .map<ReportItemModel>((assignment) => ({
        key: `assignment:${assignment.id}` as ReportItemKey,
        title: assignment.title,
        statusKind: 'progress',
      })),
  );
  const allItems = createMemo(() => [...goals(), ...indicators(), ...initiatives(), ...ownAssignments()]);
  const itemsByKey = createMemo(() => new Map(allItems().map((item) => [item.key, item])));

  // A tertial or year-end report draws on the monthly reports of the months it covers (read-only).
  const monthReports =
    period.kind === 'month' ? [] : createReports(period.months.map((month) => ({ month, departmentId })));
  const monthsLoaded = () => monthReports.every((live) => live.loaded());
  const monthData = () => monthReports.map((live) => live.report());
  const coveredOutcomes = (indicatorId: string) =>
    period.kind === 'month' ? undefined : coveredMonthOutcomes(props.period, monthData(), indicatorId);
  const budgetReference = () =>
    period.kind === 'month' ? null : latestMonthlyBudget(props.period, monthData());
  const [fillResult, setFillResult] = createSignal<FillCounts | null>(null);
  const fill = () =>
    setFillResult(
      fillFromMonths(
        synced.doc,
        props.period,
        departmentId,
        monthData(),
        indicators().flatMap((item) => (item.indicator ? [item.indicator.id] : [])),
        author,
      ),
    );
  const fillMessage = () => {
    const result = fillResult();
    if (result === null) return monthsLoaded() ? '' : t().report.fromMonths.loading;
    if (result.outcomes + result.budget === 0) return t().report.fromMonths.nothing;
    return t().report.fromMonths.done(result.outcomes, result.budget);
  };

  const [copyOutcomes, setCopyOutcomes] = createSignal(false);
  const [copying, setCopying] = createSignal(false);
  const [copyResult, setCopyResult] = createSignal<CopyCounts | 'failed' | null>(null);
  const fromMonth = period.kind === 'month' ? previousMonth(props.period) : period.endMonth;

  const copy = async () => {
    setCopying(true);
    setCopyResult(null);
    try {
      const previous = await openDocumentUntilSynced(reportDocumentName(fromMonth, departmentId));
      try {
        const counts = copyFromPrevious(
          { doc: previous.synced.doc, month: fromMonth },
          { doc: synced.doc, month: props.period, departmentId },
          allItems().map((item) => item.key),
          indicators().flatMap((item) => (item.indicator ? [item.indicator.id] : [])),
          { outcomes: copyOutcomes() },
          author,
        );
        setCopyResult(counts);
      } finally {
        previous.dispose();
      }
    } catch {
      setCopyResult('failed');
    } finally {
      setCopying(false);
    }
  };

  const copyMessage = () => {
    const result = copyResult();
    if (result === null) return '';
    if (result === 'failed') return t().report.copy.failed;
    if (result.statuses + result.texts + result.outcomes === 0) return t().report.copy.nothing;
    return t().report.copy.done(result.statuses, result.texts, result.outcomes);
  };

  const Section = (sectionProps: { id: string; heading: string; items: Accessor<ReportItemModel[]> }) => (
    <section class="report-section" aria-labelledby={`report-${sectionProps.id}-heading`}>
      <h2 id={`report-${sectionProps.id}-heading`}>{sectionProps.heading}</h2>
      <Show
        when={sectionProps.items().length > 0}
        fallback={<p class="report-section__empty">{t().report.noItems}</p>}
      >
        <For each={sectionProps.items().map((item) => item.key)}>
          {(key) => (
            <Show when={itemsByKey().get(key)}>
              {(item) => (
                <ReportItem
                  item={item()}
                  report={report()}
                  doc={synced.doc}
                  provider={synced.provider}
                  presence={presence}
                  user={caretUser}
                  author={author}
                  merges={merges}
                  year={props.year}
                  readOnly={readOnly()}
                  docName={docName}
                  coveredOutcomes={item().indicator ? coveredOutcomes(item().indicator?.id ?? '') : undefined}
                />
              )}
            </Show>
          )}
        </For>
      </Show>
    </section>
  );

  return (
    <div class="report__document" data-report={reportDocumentName(props.period, departmentId)}>
      <div class="report__bar">
        <ConnectionBadge status={synced.status()} />
        <PresenceList presence={presence} />
      </div>
      <WorkflowPanel
        month={props.period}
        departmentId={departmentId}
        status={report().status}
        revision={metaRevision()}
        doc={synced.doc}
        fieldLabel={(field) =>
          reportFieldLabel(field, (key) => itemsByKey().get(key as ReportItemKey)?.title)
        }
      />
      <Show when={report().status === 'aterremitterad' && report().returnComment}>
        <p class="notice report__return-comment" data-testid="report-return-comment">
          {t().workflow.returnComment(report().returnComment)}
        </p>
      </Show>
      <SyncDeniedBanner reason={synced.denied()} />
      <Show when={readOnlyReason()}>
        {(reason) => (
          <p class="notice" data-testid="report-read-only" data-reason={reason()}>
            <span aria-hidden="true">⊘ </span>
            {t().workflow.readOnly[reason()]}
          </p>
        )}
      </Show>

      <Show when={synced.loaded()} fallback={<p class="loading">{t().report.loadingReport}</p>}>
        <Show when={!readOnly() && period.kind !== 'month'}>
          <div class="report-copy">
            <button
              type="button"
              class="button"
              data-testid="report-fill-from-months"
              disabled={!monthsLoaded()}
              aria-describedby="report-fill-hint"
              onClick={fill}
            >
              {t().report.fromMonths.button}
            </button>
            <p id="report-fill-hint" class="report-copy__hint">
              {t().report.fromMonths.hint}
            </p>
            <p class="report-copy__result" role="status" data-testid="report-fill-result">
              {fillMessage()}
            </p>
          </div>
        </Show>
        <Show when={!readOnly() && period.kind === 'month'}>
          <div class="report-copy">
            <button
              type="button"
              class="button"
              data-testid="report-copy"
              disabled={copying()}
              aria-describedby="report-copy-hint"
              onClick={() => void copy()}
            >
              {t().report.copy.button}
            </button>
            <label class="report-copy__option">
              <input
                type="checkbox"
                checked={copyOutcomes()}
                onChange={(event) => setCopyOutcomes(event.currentTarget.checked)}
              />
              {t().report.copy.includeOutcomes}
            </label>
            <p id="report-copy-hint" class="report-copy__hint">
              {t().report.copy.hint(formatMonth(fromMonth))}
            </p>
            <p class="report-copy__result" role="status" data-testid="report-copy-result">
              {copying() ? t().report.copy.loading : copyMessage()}
            </p>
          </div>
        </Show>

        <Section id="goals" heading={t().report.sections.goals} items={goals} />
        <Section id="indicators" heading={t().report.sections.indicators} items={indicators} />
        <Section id="initiatives" heading={t().report.sections.initiatives} items={initiatives} />
        <Section id="assignments" heading={t().report.sections.assignments} items={ownAssignments} />
        <BudgetSection
          report={report()}
          budgetTkr={props.department.budgetTkr}
          doc={synced.doc}
          presence={presence}
          author={author}
          merges={merges}
          readOnly={readOnly()}
          docName={docName}
          provider={synced.provider}
          user={caretUser}
          reference={budgetReference()}
        />
      </Show>
    </div>
  );
}
