/**
 * One item of a report (monthly, tertial or year-end) (a goal, an indicator, an initiative or an assignment): its
 * status, for an indicator the month's outcome against the year's target, and the analysis
 * and actions as collaborative rich text.
 */
import {
  type Author,
  type DepartmentReport,
  type Indicator,
  type MonthOutcome,
  type ReportItemKey,
  reportText,
  setIndicatorOutcome,
  setItemStatus,
  targetForYear,
} from '@foljsam/domain';
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { formatInUnit, formatMonth, t } from '../../i18n';
import type { Presence } from '../../sync/presence';
import { ConflictMarker, type FieldMerges } from '../ConflictMarker';
import { HistoryButton } from '../history/HistoryButton';
import { FieldPresence } from '../PresenceList';
import { ItemStatusSelect, type StatusKind, statusLabel } from './ItemStatusSelect';
import { NumberField } from './NumberField';
import { parseOutcome } from './numbers';
import { type CaretUser, RichTextEditor } from './RichTextEditor';

export interface ReportItemModel {
  key: ReportItemKey;
  /** What the item is called in the report, e.g. "Mål 6.1.4.1". */
  label?: string;
  title: string;
  statusKind: StatusKind;
  indicator?: Indicator;
}

export interface ReportItemProps {
  item: ReportItemModel;
  report: DepartmentReport;
  doc: Y.Doc;
  provider: WebsocketProvider;
  presence: Presence;
  user: CaretUser;
  /** Who writes (recorded with every status and outcome). */
  author: Author;
  /** Concurrent changes of the item's status and outcome, and the choice between values. */
  merges: FieldMerges;
  year: number;
  readOnly: boolean;
  /** The report's document name, for the history of its fields. */
  docName: string;
  /**
   * In a tertial or year-end report, an indicator's outcome in each month it covers (from those
   * months' reports, read-only); absent in a monthly report.
   */
  coveredOutcomes?: MonthOutcome[] | undefined;
}

export function ReportItem(props: ReportItemProps): JSX.Element {
  const headingId = createUniqueId();
  const key = () => props.item.key;
  const field = (part: string) => `${key()}:${part}`;
  const statusName = (value: unknown) => {
    if (typeof value !== 'string') return '';
    const names: Record<string, string> = { ...t().report.goalStatus, ...t().status };
    return names[value] ?? value;
  };
  const focus = (part: string) => (focused: boolean) => props.presence.setField(focused ? field(part) : null);

  const TextField = (textProps: { kind: 'analysis' | 'actions' }) => {
    const label = () =>
      textProps.kind === 'analysis'
        ? t().report.analysisFor(props.item.title)
        : t().report.actionsFor(props.item.title);
    return (
      <div class="report-item__text">
        <div class="report-item__text-label">
          <span aria-hidden="true">
            {textProps.kind === 'analysis' ? t().report.analysis : t().report.actions}
          </span>
          <FieldPresence presence={props.presence} field={field(textProps.kind)} />
          <HistoryButton
            docName={props.docName}
            field={`${textProps.kind}:${key()}`}
            label={label()}
            canRestore={!props.readOnly}
          />
        </div>
        <RichTextEditor
          fragment={reportText(props.doc, textProps.kind, key())}
          provider={props.provider}
          user={props.user}
          label={label()}
          editable={!props.readOnly}
          testId={`${textProps.kind}-${key()}`}
          onFocusChange={focus(textProps.kind)}
        />
      </div>
    );
  };

  return (
    <article class="report-item" aria-labelledby={headingId} data-item-key={key()}>
      <header class="report-item__header">
        <h3 id={headingId} class="report-item__title">
          <Show when={props.item.label}>
            <span class="report-item__number">{props.item.label} </span>
          </Show>
          {props.item.title}
        </h3>
        <div class="report-item__status">
          <span class="report-item__status-label" aria-hidden="true">
            {t().report.itemStatus}
          </span>
          <ItemStatusSelect
            kind={props.item.statusKind}
            value={props.report.itemStatuses[key()]}
            label={t().report.statusFor(props.item.title)}
            disabled={props.readOnly}
            testId={`status-${key()}`}
            onFocusChange={focus('status')}
            onChange={(status) => setItemStatus(props.doc, key(), status, props.author)}
          />
          <FieldPresence presence={props.presence} field={field('status')} />
          <ConflictMarker
            conflict={props.merges.conflictOf(`itemStatuses/${key()}`)}
            fieldLabel={t().report.statusFor(props.item.title)}
            format={(value) => statusLabel(String(value))}
            onChoose={(value) => props.merges.choose(`itemStatuses/${key()}`, value)}
            readOnly={props.readOnly}
            testId={`conflict-status-${key()}`}
          />
          <HistoryButton
            docName={props.docName}
            field={`itemStatuses/${key()}`}
            label={t().report.statusFor(props.item.title)}
            format={statusName}
            canRestore={!props.readOnly}
          />
        </div>
      </header>
      <Show when={props.item.indicator}>
        {(indicator) => {
          const target = () => targetForYear(indicator().targetPath, props.year);
          const outcomeField = () => `indicatorOutcomes/${indicator().id}`;
          return (
            <div class="report-item__outcome">
              <NumberField
                label={`${t().report.outcome} (${t().units[indicator().unit]})`}
                accessibleName={t().report.outcomeFor(props.item.title)}
                value={props.report.indicatorOutcomes[indicator().id] ?? null}
                parse={(text) => parseOutcome(text, indicator().unit)}
                onCommit={(value) => setIndicatorOutcome(props.doc, indicator().id, value, props.author)}
                readOnly={props.readOnly}
                unit={t().units[indicator().unit]}
                description={(() => {
                  const value = target();
                  return value === null
                    ? t().report.noTarget
                    : t().report.target(formatInUnit(value, indicator().unit));
                })()}
                presence={props.presence}
                field={field('outcome')}
                testId={`outcome-${indicator().id}`}
              />
              <ConflictMarker
                conflict={props.merges.conflictOf(outcomeField())}
                fieldLabel={t().report.outcomeFor(props.item.title)}
                format={(value) =>
                  typeof value === 'number' ? formatInUnit(value, indicator().unit) : String(value)
                }
                onChoose={(value) => props.merges.choose(outcomeField(), value)}
                readOnly={props.readOnly}
                testId={`conflict-outcome-${indicator().id}`}
              />
              <HistoryButton
                docName={props.docName}
                field={`indicatorOutcomes/${indicator().id}`}
                label={t().report.outcomeFor(props.item.title)}
                format={(value) => (typeof value === 'number' ? formatInUnit(value, indicator().unit) : '')}
                canRestore={!props.readOnly}
              />
              <Show when={props.coveredOutcomes}>
                {(outcomes) => (
                  <section
                    class="report-item__months"
                    aria-label={t().report.monthOutcomesFor(props.item.title)}
                    data-testid={`month-outcomes-${indicator().id}`}
                  >
                    <h4 class="report-item__months-heading">{t().report.monthOutcomes}</h4>
                    <dl class="report-item__months-list">
                      <For each={outcomes()}>
                        {(outcome) => (
                          <div data-month={outcome.month}>
                            <dt>{formatMonth(outcome.month)}</dt>
                            <dd>
                              {outcome.value === null
                                ? t().report.noMonthOutcome
                                : formatInUnit(outcome.value, indicator().unit)}
                            </dd>
                          </div>
                        )}
                      </For>
                    </dl>
                  </section>
                )}
              </Show>
            </div>
          );
        }}
      </Show>
      <div class="report-item__texts">
        <TextField kind="analysis" />
        <TextField kind="actions" />
      </div>
    </article>
  );
}
