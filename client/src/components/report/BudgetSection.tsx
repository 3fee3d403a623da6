/**
 * The budget part of a report: outcome to date and full-year forecast (typed, in tkr), the
 * department's budget from the plan, the deviation computed from them, and the budget analysis
 * (a rich text). A tertial or year-end report also shows the latest monthly report's figures
 * as a reference. Figures are checked against the domain's plausibility rule as they are typed
 * (an implausible one is shown at the field and never written); a forecast far from budget
 * asks for the budget analysis, which submitting requires.
 */
import {
  type Author,
  budgetDeviationTkr,
  type DepartmentReport,
  forecastNeedsComment,
  type LatestFigure,
  type ReportBudget,
  reportBudgetText,
  setReportBudget,
} from '@foljsam/domain';
import { type JSX, Show } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { formatMonth, formatTkr, t } from '../../i18n';
import type { Presence } from '../../sync/presence';
import { ConflictMarker, type FieldMerges } from '../ConflictMarker';
import { HistoryButton } from '../history/HistoryButton';
import { NumberField } from './NumberField';
import { parseBudgetFigure } from './numbers';
import { type CaretUser, RichTextEditor } from './RichTextEditor';

export function BudgetSection(props: {
  report: DepartmentReport;
  /** Null while the plan has no budget figure for the department. */
  budgetTkr: number | null;
  doc: Y.Doc;
  presence: Presence;
  /** Who writes (recorded with every figure). */
  author: Author;
  merges: FieldMerges;
  readOnly: boolean;
  /** The report's document name, for the history of the figures. */
  docName: string;
  /** In a tertial or year-end report: each figure of the latest monthly report that has it. */
  reference?: Record<keyof ReportBudget, LatestFigure | null> | null;
  /** For the budget analysis editor: the document's provider (carets) and who types. */
  provider: WebsocketProvider;
  user: CaretUser;
}): JSX.Element {
  const latest = (figure: LatestFigure | null) =>
    figure
      ? t().report.budget.latestFigure(formatTkr(figure.value), formatMonth(figure.month))
      : t().report.budget.noLatestFigure;
  const needsComment = () =>
    forecastNeedsComment(props.budgetTkr, props.report.budget.forecastTkr) &&
    (props.report.analysis.budget ?? '').trim() === '';
  const marker = (key: 'outcomeToDateTkr' | 'forecastTkr', label: string) => (
    <ConflictMarker
      conflict={props.merges.conflictOf(`budget/${key}`)}
      fieldLabel={label}
      format={(value) => (typeof value === 'number' ? formatTkr(value) : String(value))}
      onChoose={(value) => props.merges.choose(`budget/${key}`, value)}
      readOnly={props.readOnly}
      testId={`conflict-budget-${key}`}
    />
  );
  const history = (field: 'outcomeToDateTkr' | 'forecastTkr', label: string) => (
    <HistoryButton
      docName={props.docName}
      field={`budget/${field}`}
      label={label}
      format={(value) => (typeof value === 'number' ? formatTkr(value) : '')}
      canRestore={!props.readOnly}
    />
  );
  const deviation = () => budgetDeviationTkr(props.budgetTkr, props.report.budget.forecastTkr);
  const direction = () => {
    const value = deviation();
    if (value === null) return '';
    if (value > 0) return t().report.budget.surplus;
    if (value < 0) return t().report.budget.deficit;
    return t().report.budget.balanced;
  };
  return (
    <section class="report-section report-budget" aria-labelledby="report-budget-heading">
      <h2 id="report-budget-heading">{t().report.sections.budget}</h2>
      <dl class="report-budget__figures">
        <div>
          <dt>{t().report.budget.budget}</dt>
          <dd data-testid="budget-tkr">{formatTkr(props.budgetTkr)}</dd>
        </div>
        <div>
          <dt>{t().report.budget.deviation}</dt>
          <dd
            data-testid="budget-deviation"
            data-sign={(() => {
              const value = deviation();
              return value === null ? 'none' : value < 0 ? 'negative' : 'positive';
            })()}
          >
            {(() => {
              const value = deviation();
              return value === null ? t().report.budget.noDeviation : `${formatTkr(value)} (${direction()})`;
            })()}
          </dd>
        </div>
      </dl>
      <Show when={props.reference}>
        {(reference) => (
          <dl class="report-budget__figures report-budget__reference" data-testid="budget-reference">
            <div>
              <dt>{`${t().report.budget.latestMonth}: ${t().report.budget.outcomeToDate}`}</dt>
              <dd data-testid="budget-reference-outcome">{latest(reference().outcomeToDateTkr)}</dd>
            </div>
            <div>
              <dt>{`${t().report.budget.latestMonth}: ${t().report.budget.forecast}`}</dt>
              <dd data-testid="budget-reference-forecast">{latest(reference().forecastTkr)}</dd>
            </div>
          </dl>
        )}
      </Show>
      <div class="report-budget__inputs">
        <div class="report-budget__input">
          <NumberField
            label={t().report.budget.outcomeToDate}
            value={props.report.budget.outcomeToDateTkr}
            parse={(text) => parseBudgetFigure(text, props.budgetTkr, 'outcomeToDateTkr')}
            onCommit={(value) => setReportBudget(props.doc, { outcomeToDateTkr: value }, props.author)}
            readOnly={props.readOnly}
            unit={t().units.tkr}
            presence={props.presence}
            field="budget:outcomeToDate"
            testId="budget-outcome"
          />
          {marker('outcomeToDateTkr', t().report.budget.outcomeToDate)}
          {history('outcomeToDateTkr', t().report.budget.outcomeToDate)}
        </div>
        <div class="report-budget__input">
          <NumberField
            label={t().report.budget.forecast}
            value={props.report.budget.forecastTkr}
            parse={(text) => parseBudgetFigure(text, props.budgetTkr, 'forecastTkr')}
            onCommit={(value) => setReportBudget(props.doc, { forecastTkr: value }, props.author)}
            readOnly={props.readOnly}
            unit={t().units.tkr}
            presence={props.presence}
            field="budget:forecast"
            testId="budget-forecast"
          />
          {marker('forecastTkr', t().report.budget.forecast)}
          {history('forecastTkr', t().report.budget.forecast)}
          <Show when={needsComment()}>
            <p
              class="notice report-budget__comment-required"
              role="status"
              data-testid="budget-comment-required"
            >
              {t().report.budget.commentRequired}
            </p>
          </Show>
        </div>
      </div>
      <div class="report-item__text report-budget__analysis">
        <div class="report-item__text-label">
          <span aria-hidden="true">{t().report.budget.analysis}</span>
          <HistoryButton
            docName={props.docName}
            field="analysis:budget"
            label={t().report.budget.analysis}
            canRestore={!props.readOnly}
          />
        </div>
        <p class="report-number__description">{t().report.budget.analysisHint}</p>
        <RichTextEditor
          fragment={reportBudgetText(props.doc)}
          provider={props.provider}
          user={props.user}
          label={t().report.budget.analysis}
          editable={!props.readOnly}
          testId="analysis-budget"
          onFocusChange={(focused) => props.presence.setField(focused ? 'budget:analysis' : null)}
        />
      </div>
    </section>
  );
}
