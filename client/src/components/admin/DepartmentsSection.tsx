/**
 * The administration's departments (`/admin`, section "Avdelningar"): number, name, whether it
 * is active or archived and the users who belong to it; renaming and renumbering inline,
 * archiving and restoring, and adding a department. The server decides and answers with the
 * department as stored; the list shown is the parent's, updated from those answers.
 */
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import {
  type ApiResult,
  createDepartment,
  type ManagedDepartment,
  type ManagedUser,
  updateDepartment,
} from '../../rolesApi';

/** The server's rule (routes/departments.ts): digits separated by dots. */
const NUMBER = /^\d{1,4}(\.\d{1,4}){0,5}$/;

type Message = { kind: 'ok' | 'error'; text: string };

function failure(result: Extract<ApiResult<unknown>, { ok: false }>): string {
  const errors = t().admin.errors;
  if (result.status === 0) return errors.unreachable;
  if (result.status === 403) return errors.forbidden;
  if (result.status === 404) return t().admin.departments.errors.notFound;
  if (result.status === 409) return t().admin.departments.errors.numberTaken;
  return errors.failed(result.message);
}

/** Why a name and number cannot be sent, or null when they can. */
function invalid(name: string, number: string): string | null {
  if (name === '') return t().admin.departments.errors.nameRequired;
  if (!NUMBER.test(number)) return t().admin.departments.errors.numberInvalid;
  return null;
}

export function DepartmentsSection(props: {
  departments: readonly ManagedDepartment[] | undefined;
  loadFailed: boolean;
  users: readonly ManagedUser[];
  /** A department the server created or changed. */
  onChanged: (department: ManagedDepartment) => void;
  onMessage: (message: Message) => void;
}): JSX.Element {
  const uid = createUniqueId();
  const [editing, setEditing] = createSignal<string | null>(null);
  const membersOf = (id: string) => props.users.filter((user) => user.departmentId === id);

  return (
    <section aria-labelledby={`departments-heading-${uid}`} data-testid="departments">
      <h2 id={`departments-heading-${uid}`}>{t().admin.departments.heading}</h2>
      <p>{t().admin.departments.intro}</p>
      <Show when={!props.loadFailed} fallback={<p class="form-error">{t().admin.departments.loadFailed}</p>}>
        <Show when={props.departments} fallback={<p class="loading">{t().admin.departments.loading}</p>}>
          {(list) => (
            <div class="table-scroll">
              <table
                class="admin-table"
                data-testid="departments-table"
                aria-labelledby={`departments-heading-${uid}`}
              >
                <thead>
                  <tr>
                    <th scope="col">{t().admin.departments.columns.number}</th>
                    <th scope="col">{t().admin.departments.columns.name}</th>
                    <th scope="col">{t().admin.departments.columns.state}</th>
                    <th scope="col">{t().admin.departments.columns.users}</th>
                    <th scope="col">{t().admin.departments.columns.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(department) => (
                      <DepartmentRow
                        department={department}
                        members={membersOf(department.id)}
                        editing={editing() === department.id}
                        onEdit={(on) => setEditing(on ? department.id : null)}
                        onChanged={props.onChanged}
                        onMessage={props.onMessage}
                      />
                    )}
                  </For>
                </tbody>
              </table>
              <p class="admin-count">{t().admin.departments.count(list().length)}</p>
            </div>
          )}
        </Show>
      </Show>
      <CreateDepartment
        onCreated={(created) => {
          props.onChanged(created);
          props.onMessage({ kind: 'ok', text: t().admin.departments.create.created(created.name) });
        }}
      />
    </section>
  );
}

function DepartmentRow(props: {
  department: ManagedDepartment;
  members: readonly ManagedUser[];
  editing: boolean;
  onEdit: (on: boolean) => void;
  onChanged: (department: ManagedDepartment) => void;
  onMessage: (message: Message) => void;
}): JSX.Element {
  const [name, setName] = createSignal('');
  const [number, setNumber] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const label = () => props.department.name;

  const send = async (
    patch: Parameters<typeof updateDepartment>[1],
    done: (d: ManagedDepartment) => string,
  ) => {
    setBusy(true);
    const result = await updateDepartment(props.department.id, patch);
    setBusy(false);
    if (!result.ok) {
      props.onMessage({ kind: 'error', text: failure(result) });
      return false;
    }
    props.onChanged(result.value);
    props.onMessage({ kind: 'ok', text: done(result.value) });
    return true;
  };

  const startEditing = () => {
    setName(props.department.name);
    setNumber(props.department.number);
    props.onEdit(true);
  };
  const stopEditing = () => {
    const id = props.department.id;
    props.onEdit(false);
    // Back to where the person was, so a keyboard user does not start over at the top. Looked up
    // afresh: a saved change replaces the department, and with it this row.
    queueMicrotask(() =>
      document.querySelector<HTMLElement>(`[data-testid="edit-department-${CSS.escape(id)}"]`)?.focus(),
    );
  };
  const save = async () => {
    const nextName = name().trim();
    const nextNumber = number().trim();
    const problem = invalid(nextName, nextNumber);
    if (problem) {
      props.onMessage({ kind: 'error', text: problem });
      return;
    }
    const patch = {
      ...(nextName !== props.department.name ? { name: nextName } : {}),
      ...(nextNumber !== props.department.number ? { number: nextNumber } : {}),
    };
    if (Object.keys(patch).length === 0) {
      stopEditing();
      return;
    }
    if (await send(patch, (d) => t().admin.departments.saved(d.name))) stopEditing();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') stopEditing();
  };

  return (
    <tr data-department={props.department.id} data-archived={props.department.archived ? 'true' : 'false'}>
      <Show
        when={props.editing}
        fallback={
          <>
            <td data-testid={`department-number-${props.department.id}`}>{props.department.number}</td>
            <th scope="row" data-testid={`department-name-${props.department.id}`}>
              {props.department.name}
            </th>
          </>
        }
      >
        <td>
          <input
            aria-label={t().admin.departments.numberFor(label())}
            data-testid="department-edit-number"
            size={8}
            value={number()}
            onInput={(event) => setNumber(event.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
        </td>
        <th scope="row">
          <input
            aria-label={t().admin.departments.nameFor(label())}
            data-testid="department-edit-name"
            maxLength={200}
            value={name()}
            onInput={(event) => setName(event.currentTarget.value)}
            onKeyDown={onKeyDown}
            ref={(input) => queueMicrotask(() => input.focus())}
          />
        </th>
      </Show>
      <td class="admin-state" data-testid={`department-state-${props.department.id}`}>
        <span aria-hidden="true">{props.department.archived ? '⊘ ' : '✓ '}</span>
        {props.department.archived ? t().admin.departments.archived : t().admin.departments.active}
      </td>
      <td data-testid={`department-users-${props.department.id}`}>
        {props.members.length === 0
          ? t().admin.departments.noUsers
          : props.members.map((member) => member.displayName).join(', ')}
      </td>
      <td>
        <div class="admin-row-actions">
          <Show
            when={props.editing}
            fallback={
              <button
                type="button"
                class="button button--small"
                aria-label={t().admin.departments.editFor(label())}
                data-testid={`edit-department-${props.department.id}`}
                disabled={busy()}
                onClick={startEditing}
              >
                {t().admin.departments.edit}
              </button>
            }
          >
            <button
              type="button"
              class="button button--small button--primary"
              aria-label={t().admin.departments.saveFor(label())}
              data-testid="department-edit-save"
              disabled={busy()}
              onClick={() => void save()}
            >
              {t().admin.departments.save}
            </button>
            <button type="button" class="button button--small" disabled={busy()} onClick={stopEditing}>
              {t().admin.departments.cancel}
            </button>
          </Show>
          <button
            type="button"
            class="button button--small"
            aria-label={
              props.department.archived
                ? t().admin.departments.restoreFor(label())
                : t().admin.departments.archiveFor(label())
            }
            data-testid={`toggle-department-${props.department.id}`}
            disabled={busy()}
            onClick={() =>
              void send({ archived: !props.department.archived }, (d) =>
                d.archived
                  ? t().admin.departments.archivedDone(d.name)
                  : t().admin.departments.restoredDone(d.name),
              )
            }
          >
            {props.department.archived ? t().admin.departments.restore : t().admin.departments.archive}
          </button>
        </div>
      </td>
    </tr>
  );
}

function CreateDepartment(props: { onCreated: (department: ManagedDepartment) => void }): JSX.Element {
  const uid = createUniqueId();
  const [name, setName] = createSignal('');
  const [number, setNumber] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = { name: name().trim(), number: number().trim() };
    const problem = invalid(input.name, input.number);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await createDepartment(input);
    setBusy(false);
    if (!result.ok) {
      setError(failure(result));
      return;
    }
    setName('');
    setNumber('');
    props.onCreated(result.value);
  };

  return (
    <section aria-labelledby={`create-department-heading-${uid}`}>
      <h3 id={`create-department-heading-${uid}`}>{t().admin.departments.create.heading}</h3>
      <form class="admin-form" onSubmit={submit} novalidate data-testid="create-department">
        <div class="field">
          <label for={`new-department-${uid}-name`}>{t().admin.departments.create.name}</label>
          <input
            id={`new-department-${uid}-name`}
            data-testid="new-department-name"
            required
            maxLength={200}
            value={name()}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`new-department-${uid}-number`}>{t().admin.departments.create.number}</label>
          <input
            id={`new-department-${uid}-number`}
            data-testid="new-department-number"
            required
            inputmode="decimal"
            aria-describedby={`new-department-${uid}-number-hint`}
            value={number()}
            onInput={(event) => setNumber(event.currentTarget.value)}
          />
          <span id={`new-department-${uid}-number-hint`} class="workflow__hint">
            {t().admin.departments.create.numberHint}
          </span>
        </div>
        <button
          type="submit"
          class="button button--primary"
          data-testid="new-department-submit"
          disabled={busy()}
        >
          {t().admin.departments.create.submit}
        </button>
      </form>
      <Show when={error()}>
        <p class="form-error" role="alert" data-testid="create-department-error">
          {error()}
        </p>
      </Show>
    </section>
  );
}
