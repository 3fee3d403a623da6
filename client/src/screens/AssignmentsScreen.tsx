/**
 * "Uppdrag från fullmäktige <year>": the council's assignments of one year, live from the
 * `assignments:<year>` doc. Changing a status writes it to the doc with the user's name;
 * everyone else sees it at once.
 */
import {
  assignmentsDocumentName,
  type CouncilAssignment,
  InvalidChangeError,
  type ProgressStatus,
  setAssignmentStatus,
} from '@foljsam/domain';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { fetchDepartments, type SessionUser } from '../api';
import { ConnectionBadge } from '../components/ConnectionBadge';
import { StatusSelect } from '../components/StatusSelect';
import { formatDate, t } from '../i18n';
import { createAssignments } from '../sync/createAssignments';
import { createSyncedDoc } from '../sync/createSyncedDoc';

export interface AssignmentsScreenProps {
  user: SessionUser;
  year: number;
}

export function AssignmentsScreen(props: AssignmentsScreenProps) {
  // The year is fixed for the screen's life: a new year means a new screen and a new doc.
  const year = props.year;
  const synced = createSyncedDoc(assignmentsDocumentName(year));
  const assignments = createAssignments(synced.doc);
  const [departments] = createResource(fetchDepartments);
  const [changeFailed, setChangeFailed] = createSignal(false);

  const departmentNames = createMemo(() => new Map((departments() ?? []).map((d) => [d.id, d.name])));
  const departmentName = (assignment: CouncilAssignment) => {
    if (assignment.departmentId === null) return t().assignments.noDepartment;
    return departmentNames().get(assignment.departmentId) ?? assignment.departmentId;
  };
  const readOnly = () => props.user.role === 'lasare';

  const changeStatus = (id: string, status: ProgressStatus) => {
    try {
      setAssignmentStatus(synced.doc, id, status, props.user.username);
      setChangeFailed(false);
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setChangeFailed(true);
    }
  };

  return (
    <section class="assignments" aria-labelledby="assignments-heading">
      <div class="assignments__top">
        <h1 id="assignments-heading" tabindex="-1">
          {t().assignments.heading(year)}
        </h1>
        <ConnectionBadge status={synced.status()} />
      </div>
      <Show when={readOnly()}>
        <p class="notice">{t().assignments.readOnly}</p>
      </Show>
      <Show when={changeFailed()}>
        <p class="form-error" role="alert">
          {t().assignments.changeFailed}
        </p>
      </Show>
      <Show
        when={synced.loaded()}
        fallback={
          <p class="loading" role="status" data-testid="assignments-loading">
            {t().assignments.loading}
          </p>
        }
      >
        <Show when={assignments.length > 0} fallback={<p>{t().assignments.empty}</p>}>
          <p class="assignments__count">{t().assignments.count(assignments.length)}</p>
          {/* Focusable, so a keyboard can scroll the table sideways on a narrow screen. */}
          <section class="table-scroll" aria-labelledby="assignments-heading" tabindex="0">
            <table class="assignments-table" aria-labelledby="assignments-heading">
              <thead>
                <tr>
                  <th scope="col">{t().assignments.columns.title}</th>
                  <th scope="col">{t().assignments.columns.department}</th>
                  <th scope="col">{t().assignments.columns.startDate}</th>
                  <th scope="col">{t().assignments.columns.endDate}</th>
                  <th scope="col">{t().assignments.columns.status}</th>
                </tr>
              </thead>
              <tbody>
                <For each={assignments}>
                  {(assignment) => (
                    <tr data-assignment-id={assignment.id} data-status={assignment.status}>
                      <th scope="row" class="assignments-table__title">
                        {assignment.title}
                      </th>
                      <td>{departmentName(assignment)}</td>
                      <td class="assignments-table__date">
                        <time datetime={assignment.startDate}>{formatDate(assignment.startDate)}</time>
                      </td>
                      <td class="assignments-table__date">
                        <time datetime={assignment.endDate}>{formatDate(assignment.endDate)}</time>
                      </td>
                      <td>
                        <StatusSelect
                          value={assignment.status}
                          label={t().assignments.statusFor(assignment.title)}
                          testId={`status-${assignment.id}`}
                          disabled={readOnly()}
                          onChange={(status) => changeStatus(assignment.id, status)}
                        />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </section>
        </Show>
      </Show>
    </section>
  );
}
