/**
 * One assignment on the board: a table row with every short field edited in place, and an
 * expandable details row with the long texts (description, council decision, progress note)
 * and the status history. For a reader (läsare) the same row shows plain text.
 */
import {
  type Author,
  assignmentField,
  type CouncilAssignment,
  type DueState,
  dueState,
  type ProgressStatus,
  type StatusChange,
} from '@foljsam/domain';
import { For, type JSX, Show } from 'solid-js';
import type * as Y from 'yjs';
import type { DepartmentSummary } from '../../api';
import { formatDate, formatNumber, t } from '../../i18n';
import { formatDateTime } from '../../i18n/dateTime';
import type { Presence } from '../../sync/presence';
import { ConflictMarker, type FieldMerges } from '../ConflictMarker';
import { HistoryButton } from '../history/HistoryButton';
import { StatusSelect } from '../StatusSelect';
import { daysUntil } from './boardView';
import { commitField, type EditableField } from './edits';
import { FieldFrame } from './FieldFrame';
import { InlineField } from './InlineField';

/** A field of an assignment that can be edited (or restored from its history). */
export type AssignmentField = Exclude<keyof CouncilAssignment, 'id' | 'carriedFrom'>;

/** The fields whose history the details row offers, in the order shown. */
const HISTORY_FIELDS: AssignmentField[] = [
  'title',
  'status',
  'progressNote',
  'departmentId',
  'responsiblePerson',
  'startDate',
  'endDate',
  'description',
  'decisionRef',
];

/** Columns of the board's table (for the details row's colspan). */
export const BOARD_COLUMNS = 8;

/** What every row of the board shares. */
export interface BoardContext {
  doc: Y.Doc;
  presence: Presence;
  /** The assignments document's name, for the history of its fields. */
  docName: string;
  /** Whether this user may change `field` of `assignment` (the server's rule, see docs/protocol.md). */
  canEdit: (assignment: CouncilAssignment, field: AssignmentField) => boolean;
  /** Whether this user may create, delete and reassign assignments (kommunchef, admin). */
  canManage: () => boolean;
  today: () => string;
  departments: () => readonly DepartmentSummary[];
  knownDepartments: () => ReadonlySet<string>;
  departmentName: (departmentId: string | null) => string;
  historyOf: (assignmentId: string) => StatusChange[];
  nameOf: (username: string) => string;
  isExpanded: (assignmentId: string) => boolean;
  toggleExpanded: (assignmentId: string) => void;
  setStatus: (assignmentId: string, status: ProgressStatus) => void;
  requestDelete: (assignment: CouncilAssignment) => void;
  /** Who writes (recorded with every change). */
  author: Author;
  /** Fields changed concurrently (paths `assignments/<id>/<field>`) and the choice of a value. */
  merges: FieldMerges;
}

const DUE_ICONS: Record<DueState, string> = {
  overdue: '⚠',
  'due-soon': '⏰',
  'on-track': '○',
  done: '✓',
};

export function DueFlag(props: { assignment: CouncilAssignment; today: string }): JSX.Element {
  const state = () => dueState(props.assignment, props.today);
  const days = () => daysUntil(props.assignment.endDate, props.today);
  const detail = () => {
    const s = state();
    if (s === 'overdue') {
      // An assignment of a year gone by is not "3 993 days late": it passed its end date.
      const pastYear = props.assignment.endDate.slice(0, 4) < props.today.slice(0, 4);
      return t().assignments.due.overdueBy(
        -days(),
        formatNumber(-days(), 0),
        formatDate(props.assignment.endDate),
        pastYear,
      );
    }
    if (s === 'due-soon' || s === 'on-track')
      return t().assignments.due.daysLeft(days(), formatNumber(days(), 0));
    return '';
  };
  return (
    <span class="board-due" data-due={state()} title={t().assignments.due.judgedOn(formatDate(props.today))}>
      <span class="board-due__label">
        <span class="board-due__icon" aria-hidden="true">
          {DUE_ICONS[state()]}
        </span>{' '}
        {t().assignments.due[state()]}
      </span>
      <Show when={detail()}>
        <span class="board-due__detail">{detail()}</span>
      </Show>
    </span>
  );
}

export function AssignmentRow(props: { assignment: CouncilAssignment; ctx: BoardContext }): JSX.Element {
  const a = () => props.assignment;
  const ctx = props.ctx;
  const id = props.assignment.id;
  const key = (field: string) => `assignment:${id}:${field}`;
  const detailsId = `assignment-details-${id}`;
  const commit = (field: EditableField) => (value: string) =>
    commitField(ctx.doc, id, field, value, ctx.knownDepartments(), ctx.author);

  /** A field's value as the board shows it, for the concurrent-change panel. */
  const formatValue = (field: EditableField | 'status', value: unknown): string => {
    if (field === 'status') return t().status[value as ProgressStatus] ?? String(value);
    if (field === 'startDate' || field === 'endDate') return formatDate(String(value));
    if (field === 'departmentId') return ctx.departmentName(typeof value === 'string' ? value : null);
    return String(value);
  };
  const marker = (field: EditableField | 'status', label: string) => (
    <ConflictMarker
      conflict={ctx.merges.conflictOf(assignmentField(id, field))}
      fieldLabel={label}
      format={(value) => formatValue(field, value)}
      onChoose={(value) => ctx.merges.choose(assignmentField(id, field), value)}
      readOnly={!ctx.canEdit(a(), field)}
      testId={`conflict-${field}-${id}`}
    />
  );

  const historyLabel = (field: AssignmentField) =>
    field === 'status' ? t().assignments.statusFor(a().title) : t().assignments.fieldFor[field](a().title);
  const fieldName = (field: AssignmentField): string => {
    const names = t().assignments.fields;
    if (field === 'departmentId') return names.department;
    if (field === 'responsiblePerson') return names.person;
    return names[field as Exclude<AssignmentField, 'departmentId' | 'responsiblePerson'>];
  };
  const historyValue = (field: AssignmentField) => (value: unknown) => {
    if (field === 'status' && typeof value === 'string') return t().status[value as ProgressStatus] ?? value;
    if (field === 'departmentId') return typeof value === 'string' ? ctx.departmentName(value) : '';
    if ((field === 'startDate' || field === 'endDate') && typeof value === 'string') return formatDate(value);
    return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  };

  const text = (
    field: EditableField,
    options: {
      multiline?: boolean;
      enterCommits?: boolean;
      rows?: number;
      hint?: string;
      placeholder?: string;
      inputMode?: 'numeric';
    } = {},
  ) => (
    <>
      <Show
        when={ctx.canEdit(a(), field)}
        fallback={
          <span
            class="board-text"
            classList={{ 'board-text--multiline': options.multiline && !options.enterCommits }}
          >
            {(a()[field] as string | null) || t().assignments.noValue}
          </span>
        }
      >
        <InlineField
          value={(a()[field] as string | null) ?? ''}
          label={t().assignments.fieldFor[field](a().title)}
          field={key(field)}
          presence={ctx.presence}
          commit={commit(field)}
          multiline={options.multiline}
          enterCommits={options.enterCommits}
          rows={options.rows}
          hint={options.hint}
          placeholder={options.placeholder}
          inputMode={options.inputMode}
          class={`board-field--${field}`}
        />
      </Show>
      {marker(field, t().assignments.fieldFor[field](a().title))}
    </>
  );

  const dateCell = (field: 'startDate' | 'endDate') => (
    <Show
      when={ctx.canEdit(a(), field)}
      fallback={
        <>
          <time datetime={a()[field]}>{formatDate(a()[field])}</time>
          {marker(field, t().assignments.fieldFor[field](a().title))}
        </>
      }
    >
      {text(field, {
        hint: t().assignments.fields.dateHint,
        placeholder: t().assignments.fields.dateHint,
        inputMode: 'numeric',
      })}
    </Show>
  );

  return (
    <>
      <tr
        data-assignment-id={id}
        data-status={a().status}
        data-due={dueState(a(), ctx.today())}
        class="board-row"
        classList={{ 'board-row--expanded': ctx.isExpanded(id) }}
      >
        <th scope="row" class="board-row__title">
          {text('title', { multiline: true, enterCommits: true, rows: 2 })}
          <Show when={a().carriedFrom}>
            {(from) => (
              <span class="board-row__carried" data-testid={`carried-${id}`}>
                {t().years.carriedFrom(from().year)}
              </span>
            )}
          </Show>
        </th>
        <td>
          <Show
            when={ctx.canEdit(a(), 'departmentId')}
            fallback={<span>{ctx.departmentName(a().departmentId)}</span>}
          >
            <FieldFrame presence={ctx.presence} field={key('departmentId')}>
              <select
                class="board-select"
                aria-label={t().assignments.fieldFor.departmentId(a().title)}
                data-testid={`department-${id}`}
                onChange={(event) => {
                  const select = event.currentTarget;
                  commit('departmentId')(select.value);
                  select.value = a().departmentId ?? '';
                }}
              >
                <option value="" selected={a().departmentId === null}>
                  {t().assignments.noDepartment}
                </option>
                {/* An archived department is offered only to the assignment that already has it. */}
                <For each={ctx.departments().filter((d) => !d.archived || d.id === a().departmentId)}>
                  {(department) => (
                    <option value={department.id} selected={department.id === a().departmentId}>
                      {department.name}
                    </option>
                  )}
                </For>
                <Show when={a().departmentId !== null && !ctx.knownDepartments().has(a().departmentId ?? '')}>
                  <option value={a().departmentId ?? ''} selected>
                    {a().departmentId}
                  </option>
                </Show>
              </select>
            </FieldFrame>
          </Show>
          {marker('departmentId', t().assignments.fieldFor.departmentId(a().title))}
        </td>
        <td>{text('responsiblePerson')}</td>
        <td class="board-row__date">{dateCell('startDate')}</td>
        <td class="board-row__date">{dateCell('endDate')}</td>
        <td>
          <Show
            when={ctx.canEdit(a(), 'status')}
            fallback={
              <span class="board-status-text" data-status={a().status}>
                {t().status[a().status]}
              </span>
            }
          >
            <FieldFrame presence={ctx.presence} field={key('status')}>
              <StatusSelect
                value={a().status}
                label={t().assignments.statusFor(a().title)}
                testId={`status-${id}`}
                onChange={(status) => ctx.setStatus(id, status)}
              />
            </FieldFrame>
          </Show>
          {marker('status', t().assignments.statusFor(a().title))}
        </td>
        <td>
          <DueFlag assignment={a()} today={ctx.today()} />
        </td>
        <td>
          <div class="board-row__actions">
            <button
              type="button"
              class="button button--small"
              aria-expanded={ctx.isExpanded(id) ? 'true' : 'false'}
              aria-controls={detailsId}
              aria-label={
                ctx.isExpanded(id)
                  ? t().assignments.details.hide(a().title)
                  : t().assignments.details.show(a().title)
              }
              data-testid={`details-toggle-${id}`}
              onClick={() => ctx.toggleExpanded(id)}
            >
              <span aria-hidden="true">{ctx.isExpanded(id) ? '▾' : '▸'}</span>
              {ctx.isExpanded(id) ? t().assignments.details.hideShort : t().assignments.details.showShort}
            </button>
            <Show when={ctx.canManage()}>
              <button
                type="button"
                class="button button--small button--danger"
                aria-label={t().assignments.remove.buttonFor(a().title)}
                data-testid={`delete-${id}`}
                onClick={() => ctx.requestDelete(a())}
              >
                {t().assignments.remove.button}
              </button>
            </Show>
          </div>
        </td>
      </tr>
      <tr id={detailsId} class="board-details" data-details-for={id} hidden={!ctx.isExpanded(id)}>
        <td colSpan={BOARD_COLUMNS}>
          <Show when={ctx.isExpanded(id)}>
            <div class="board-details__grid">
              <div class="board-details__field">
                <span class="board-details__label" aria-hidden="true">
                  {t().assignments.fields.description}
                </span>
                {text('description', { multiline: true, rows: 4 })}
              </div>
              <div class="board-details__field">
                <span class="board-details__label" aria-hidden="true">
                  {t().assignments.fields.decisionRef}
                </span>
                {text('decisionRef', { placeholder: t().assignments.fields.decisionRefHint })}
                <span class="board-details__label board-details__label--spaced" aria-hidden="true">
                  {t().assignments.fields.progressNote}
                </span>
                {text('progressNote', { multiline: true, rows: 4 })}
              </div>
              <section class="board-history-fields" aria-label={t().history.heading(a().title)}>
                <span class="board-details__label" aria-hidden="true">
                  {t().history.button}:
                </span>
                <For each={HISTORY_FIELDS}>
                  {(field) => (
                    <HistoryButton
                      docName={ctx.docName}
                      field={`assignments/${id}/${field}`}
                      label={historyLabel(field)}
                      format={historyValue(field)}
                      canRestore={ctx.canEdit(a(), field)}
                      text={field === 'status' ? t().assignments.fields.status : fieldName(field)}
                      testId={`history-${id}-${field}`}
                    />
                  )}
                </For>
              </section>
              <section class="board-history" aria-labelledby={`history-${id}`} data-testid={`history-${id}`}>
                <h3 id={`history-${id}`} class="board-history__heading">
                  {t().assignments.history.heading}
                </h3>
                <Show
                  when={ctx.historyOf(id).length > 0}
                  fallback={<p class="board-history__empty">{t().assignments.history.empty}</p>}
                >
                  <ol class="board-history__list">
                    <For each={[...ctx.historyOf(id)].reverse()}>
                      {(entry) => (
                        <li class="board-history__entry" data-history-entry>
                          <time datetime={entry.at}>{formatDateTime(entry.at)}</time>{' '}
                          <span class="board-history__change">
                            {t().assignments.history.entry(
                              entry.from ? t().status[entry.from] : t().assignments.history.created,
                              t().status[entry.to],
                            )}
                          </span>{' '}
                          <span class="board-history__by">
                            {t().assignments.history.by(ctx.nameOf(entry.by))}
                          </span>
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>
              </section>
            </div>
          </Show>
        </td>
      </tr>
    </>
  );
}
