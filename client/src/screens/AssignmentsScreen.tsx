/**
 * "Uppdrag från fullmäktige <year>": the board of the council's assignments, live from the
 * `assignments:<year>` doc. Every field is edited in place and written on blur or Enter, one
 * field at a time, so two people editing different fields of one assignment both keep their
 * change. Filters, search, sort and grouping live in the URL query (a link reproduces the
 * view); overdue and due-soon flags are derived from the end date and today. Presence shows who
 * else is here and which field they are in; nothing is locked. A reader (läsare) sees it all as
 * text.
 */
import {
  ASSIGNMENT_PROGRESS_FIELDS,
  type Author,
  assignmentsDocumentName,
  type CouncilAssignment,
  deleteAssignment,
  InvalidChangeError,
  type ProgressStatus,
  resolveAssignmentConflict,
  roleScope,
  type StatusChange,
  setAssignmentStatus,
  todayInSweden,
  type WriteScope,
} from '@foljsam/domain';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  createUniqueId,
  For,
  type JSX,
  on,
  onCleanup,
  Show,
} from 'solid-js';
import type { SessionUser } from '../api';
import {
  type AssignmentField,
  AssignmentRow,
  type BoardContext,
} from '../components/assignments/AssignmentRow';
import { BoardControls } from '../components/assignments/BoardControls';
import { applyView, groupRows, UNASSIGNED, type ViewContext } from '../components/assignments/boardView';
import { CreateAssignmentForm } from '../components/assignments/CreateAssignmentForm';
import { createBoardView } from '../components/assignments/createBoardView';
import { createRowCache } from '../components/assignments/createRowCache';
import { createNameDirectory } from '../components/assignments/nameDirectory';
import type { FieldMerges } from '../components/ConflictMarker';
import { ConnectionBadge } from '../components/ConnectionBadge';
import { PresenceList } from '../components/PresenceList';
import { SyncDeniedBanner } from '../components/SyncDeniedBanner';
import { t } from '../i18n';
import { fetchDepartmentsOfflineFirst } from '../local/cachedDepartments';
import { createLocalAssignmentIds } from '../local/createLocalAssignmentIds';
import { fetchAccess } from '../rolesApi';
import { createAssignmentConflicts } from '../sync/createAssignmentConflicts';
import { createAssignments, createStatusHistory } from '../sync/createAssignments';
import { createSyncedDoc } from '../sync/createSyncedDoc';
import { createPresence } from '../sync/presence';
import './assignments.css';
import '../components/roles.css';
import { ScreenMessage, type ScreenNotice } from '../components/ScreenMessage';

export interface AssignmentsScreenProps {
  user: SessionUser;
  year: number;
}

const UNGROUPED = 'alla';

export function AssignmentsScreen(props: AssignmentsScreenProps) {
  // The year and the user are fixed for the screen's life: a new year means a new screen and doc.
  const year = props.year;
  const user = props.user;
  const docName = assignmentsDocumentName(year);
  const synced = createSyncedDoc(docName);
  const assignments = createAssignments(synced.doc);
  const history = createStatusHistory(synced.doc);
  const author: Author = { username: user.username, displayName: user.displayName };
  const conflicts = createAssignmentConflicts(synced.doc);
  const presence = createPresence(synced.provider, user);
  const nameOf = createNameDirectory(synced.provider, user);
  const [departments] = createResource(fetchDepartmentsOfflineFirst);

  // What this user may change, as the server says (GET …/access), fetched again on each
  // reconnect; until it answers, a guess from the role (the server enforces it anyway).
  const [serverScope, setServerScope] = createSignal<WriteScope | null>(null);
  createEffect(
    on(synced.synced, async (isSynced) => {
      if (!isSynced) return;
      const result = await fetchAccess(docName);
      if (result.ok) setServerScope(result.value.write ? result.value.writeScope : 'none');
    }),
  );
  const guessedScope = (): WriteScope => roleScope(user, { kind: 'assignments', year: props.year }).scope;
  /** 'all': everything; 'progress': status and progress note of the own department's ones; 'none'. */
  const scope = (): WriteScope => (synced.denied() !== null ? 'none' : (serverScope() ?? guessedScope()));
  const readOnly = () => scope() === 'none';
  const canManage = () => scope() === 'all';
  const canEdit = (assignment: CouncilAssignment, field: AssignmentField) => {
    const current = scope();
    if (current === 'all') return true;
    if (current === 'none') return false;
    return (
      ASSIGNMENT_PROGRESS_FIELDS.has(field) &&
      user.departmentId !== null &&
      assignment.departmentId === user.departmentId
    );
  };
  const uid = createUniqueId();

  // Today in Swedish time; re-read each minute so a board left open over midnight stays right.
  const [today, setToday] = createSignal(todayInSweden());
  const timer = setInterval(() => setToday(todayInSweden()), 60_000);
  onCleanup(() => clearInterval(timer));

  const departmentList = () => departments() ?? [];
  const departmentNames = createMemo(() => new Map(departmentList().map((d) => [d.id, d.name])));
  const knownDepartments = createMemo(() => new Set(departmentList().map((d) => d.id)));
  const departmentName = (departmentId: string | null) =>
    departmentId === null
      ? t().assignments.noDepartment
      : (departmentNames().get(departmentId) ?? departmentId);

  const historyById = createMemo(() => {
    const byId = new Map<string, StatusChange[]>();
    for (const entry of history()) {
      const list = byId.get(entry.assignmentId);
      if (list) list.push(entry);
      else byId.set(entry.assignmentId, [entry]);
    }
    return byId;
  });

  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(new Set());
  const toggleExpanded = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const [message, setMessage] = createSignal<ScreenNotice>(null);

  const setStatus = (id: string, status: ProgressStatus) => {
    try {
      setAssignmentStatus(synced.doc, id, status, author);
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setMessage({ kind: 'error', text: t().assignments.changeFailed });
    }
  };

  // Deleting asks first, in a modal dialog.
  let dialog: HTMLDialogElement | undefined;
  let cancelDelete: HTMLButtonElement | undefined;
  const [pendingDelete, setPendingDelete] = createSignal<{ id: string; title: string } | null>(null);
  const requestDelete = (assignment: CouncilAssignment) => {
    setPendingDelete({ id: assignment.id, title: assignment.title });
    dialog?.showModal();
    // The safe choice first: a stray Enter does not delete.
    cancelDelete?.focus();
  };
  const confirmDelete = () => {
    const pending = pendingDelete();
    dialog?.close();
    if (!pending) return;
    try {
      deleteAssignment(synced.doc, pending.id);
      setMessage({ kind: 'ok', text: t().assignments.remove.removed(pending.title) });
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setMessage({ kind: 'error', text: t().assignments.changeFailed });
    }
    setPendingDelete(null);
    document.getElementById(`assignments-heading-${uid}`)?.focus();
  };

  const [creating, setCreating] = createSignal(false);
  const closeCreate = () => {
    setCreating(false);
    document.querySelector<HTMLElement>('[data-testid="open-create"]')?.focus();
  };

  // The view (filters, search, sort, grouping) is the URL query, shown before the URL is written.
  const board = createBoardView();
  const view = board.view;

  const viewContext: ViewContext = {
    get today() {
      return today();
    },
    departmentName,
  };
  // Filter, search and the date and status orders come from the local database's live query
  // while its answer is known to match the document (see createLocalAssignmentIds); the
  // Swedish-collated orders (title, department) and the due filter are applied in memory on
  // its answer. Otherwise (not open yet, not caught up, no local database) all in memory.
  const localIds = createLocalAssignmentIds(synced.doc, () => {
    const current = view();
    return {
      year,
      department: current.department,
      status: current.status,
      search: current.search,
      sort: current.sort === 'slutdatum' || current.sort === 'status' ? current.sort : null,
      descending: current.descending,
    };
  });
  const shown = createMemo(() => {
    const ids = localIds();
    if (!ids) return applyView(assignments, view(), viewContext);
    const byId = new Map(assignments.map((assignment) => [assignment.id, assignment]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    const current = view();
    const sortedInSql = current.sort === 'slutdatum' || current.sort === 'status';
    return applyView(
      rows,
      { ...current, department: null, status: null, search: '', sort: sortedInSql ? null : current.sort },
      viewContext,
    );
  });
  const groups = createMemo(() => {
    const group = view().group;
    return group ? groupRows(shown(), group, viewContext) : [{ key: UNGROUPED, rows: shown() }];
  });
  const groupKeys = createMemo(() => groups().map((group) => group.key));
  const rowsOf = (key: string) => groups().find((group) => group.key === key)?.rows ?? [];
  const groupLabel = (key: string) => {
    const [kind, value = ''] = key.split(':');
    if (kind === 'status') return t().status[value as ProgressStatus] ?? value;
    return departmentName(value === UNASSIGNED ? null : value);
  };

  const ctx: BoardContext = {
    doc: synced.doc,
    presence,
    docName,
    canEdit,
    canManage,
    today,
    departments: departmentList,
    knownDepartments,
    departmentName,
    historyOf: (id) => historyById().get(id) ?? [],
    nameOf: (username) => nameOf()(username),
    isExpanded: (id) => expanded().has(id),
    toggleExpanded,
    setStatus,
    requestDelete,
    author,
    merges: {
      conflictOf: (field) => conflicts().find((conflict) => conflict.field === field),
      choose: (field, value) => {
        try {
          resolveAssignmentConflict(synced.doc, field, value, author);
        } catch (error) {
          if (!(error instanceof InvalidChangeError)) throw error;
          setMessage({ kind: 'error', text: t().assignments.changeFailed });
        }
      },
    } satisfies FieldMerges,
  };

  // A filter change moves built rows in and out of the table rather than building them anew.
  const rowCache = createRowCache(
    () => assignments,
    (assignment) => assignment.id,
    (assignment) => <AssignmentRow assignment={assignment} ctx={ctx} />,
  );

  const columns = () => t().assignments.columns;
  const table = (key: string, labelledBy: string): JSX.Element => (
    <div class="table-scroll board-table-scroll">
      <table class="board-table" aria-labelledby={labelledBy}>
        <colgroup>
          <col class="board-col--title" />
          <col class="board-col--department" />
          <col class="board-col--person" />
          <col class="board-col--date" />
          <col class="board-col--date" />
          <col class="board-col--status" />
          <col class="board-col--due" />
          <col class="board-col--actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{columns().title}</th>
            <th scope="col">{columns().department}</th>
            <th scope="col">{columns().person}</th>
            <th scope="col">{columns().startDate}</th>
            <th scope="col">{columns().endDate}</th>
            <th scope="col">{columns().status}</th>
            <th scope="col">{columns().due}</th>
            <th scope="col">
              <span class="visually-hidden">{columns().actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={rowsOf(key)}>{(assignment) => rowCache.row(assignment)}</For>
        </tbody>
      </table>
    </div>
  );

  return (
    <section class="assignments assignments-board" aria-labelledby={`assignments-heading-${uid}`}>
      <div class="assignments__top">
        <h1 id={`assignments-heading-${uid}`} tabindex="-1">
          {t().assignments.heading(year)}
        </h1>
        <div class="assignments__live">
          <PresenceList presence={presence} />
          <ConnectionBadge status={synced.status()} />
        </div>
      </div>
      <p class="assignments__intro">{t().assignments.intro}</p>
      <SyncDeniedBanner reason={synced.denied()} />
      <Show when={readOnly() && synced.denied() === null}>
        <p class="notice" data-testid="read-only-notice">
          <span aria-hidden="true">⊘ </span>
          {t().assignments.readOnly}
        </p>
      </Show>
      <Show when={scope() === 'progress'}>
        <p class="notice" data-testid="progress-scope-notice">
          <span aria-hidden="true">ℹ </span>
          {t().roles.assignments.progressOnly}
        </p>
      </Show>
      <ScreenMessage message={message()} testId="board-message" />
      <Show
        when={synced.loaded()}
        fallback={
          <p class="loading" role="status" data-testid="assignments-loading">
            {t().assignments.loading}
          </p>
        }
      >
        <BoardControls
          view={view()}
          departments={departmentList()}
          onChange={board.change}
          onClear={board.clear}
        />
        <Show when={canManage()}>
          <div class="board-create">
            <Show
              when={creating()}
              fallback={
                <button
                  type="button"
                  class="button button--primary"
                  data-testid="open-create"
                  onClick={() => setCreating(true)}
                >
                  <span aria-hidden="true">+</span>
                  {t().assignments.create.open}
                </button>
              }
            >
              <CreateAssignmentForm
                doc={synced.doc}
                year={year}
                departments={departmentList()}
                onCreated={(assignment) => {
                  setMessage({ kind: 'ok', text: t().assignments.create.created(assignment.title) });
                  closeCreate();
                }}
                onCancel={closeCreate}
              />
            </Show>
          </div>
        </Show>
        <Show when={!readOnly()}>
          <p class="board-hint">{t().assignments.editHint}</p>
        </Show>
        <p
          class="assignments__count"
          role="status"
          data-testid="board-count"
          data-source={localIds() ? 'local-view' : 'document'}
        >
          {t().assignments.showing(shown().length, assignments.length)}
        </p>
        <Show when={assignments.length > 0} fallback={<p>{t().assignments.empty}</p>}>
          <Show
            when={shown().length > 0}
            fallback={<p data-testid="board-no-matches">{t().assignments.noMatches}</p>}
          >
            <For each={groupKeys()}>
              {(key) => {
                const headingId = `board-group-${uid}-${key.replace(/[^a-z0-9_-]/g, '-')}`;
                return (
                  <section class="board-group" data-group={key} aria-labelledby={headingId}>
                    <h2
                      id={headingId}
                      class="board-group__heading"
                      classList={{ 'visually-hidden': key === UNGROUPED }}
                      data-group-heading={key === UNGROUPED ? undefined : key}
                    >
                      {key === UNGROUPED
                        ? t().assignments.listHeading
                        : t().assignments.group.heading(groupLabel(key), rowsOf(key).length)}
                    </h2>
                    {table(key, headingId)}
                  </section>
                );
              }}
            </For>
          </Show>
        </Show>
      </Show>
      <dialog
        ref={dialog}
        class="board-dialog"
        aria-labelledby={`delete-heading-${uid}`}
        onClose={() => setPendingDelete(null)}
      >
        <h2 id={`delete-heading-${uid}`}>{t().assignments.remove.heading}</h2>
        <p>{t().assignments.remove.confirmText(pendingDelete()?.title ?? '')}</p>
        <div class="board-dialog__actions">
          <button
            type="button"
            class="button button--danger-solid"
            data-testid="confirm-delete"
            onClick={confirmDelete}
          >
            {t().assignments.remove.confirm}
          </button>
          <button type="button" class="button" ref={cancelDelete} onClick={() => dialog?.close()}>
            {t().assignments.remove.cancel}
          </button>
        </div>
      </dialog>
    </section>
  );
}
