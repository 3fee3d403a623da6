/**
 * Administration (`/admin`, administrators only): the users with their roles and departments;
 * adding a user; changing a user's name, role or department; disabling; a new password; signing
 * a user out everywhere; the e-mail address reminders go to; the departments (DepartmentsSection);
 * the mapping of single sign-on groups to roles (SsoGroupsSection); the mail log of reminders
 * (MailLogSection); and the audit log export. The server decides (every call is admin-only
 * there too); this screen only offers what it will accept. Names are shown as text, so a
 * display name holding markup shows those characters and runs nothing.
 */
import { createResource, createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { type DepartmentSummary, fetchDepartments } from '../api';
import { CalendarSection } from '../components/admin/CalendarSection';
import { DepartmentsSection } from '../components/admin/DepartmentsSection';
import { EmailField, looksLikeEmail } from '../components/admin/EmailField';
import { MailLogSection } from '../components/admin/MailLogSection';
import { RoleFields } from '../components/admin/RoleFields';
import { SsoGroupsSection } from '../components/admin/SsoGroupsSection';
import { t } from '../i18n';
import {
  type ApiResult,
  createUser,
  listUsers,
  type ManagedUser,
  type Role,
  resetPassword,
  revokeSessions,
  updateUser,
} from '../rolesApi';
import { useWorkspace } from '../workspace';
import '../components/roles.css';

const MIN_PASSWORD = 8;

type Message = { kind: 'ok' | 'error'; text: string };

function failure(result: Extract<ApiResult<unknown>, { ok: false }>): string {
  if (result.status === 0) return t().admin.errors.unreachable;
  if (result.status === 403) return t().admin.errors.forbidden;
  if (result.status === 409) return t().admin.errors.exists;
  return t().admin.errors.failed(result.message);
}

/** The route's screen: the administration for an admin, otherwise a plain refusal. */
export function AdminScreen(): JSX.Element {
  const { user } = useWorkspace();
  return (
    <Show
      when={user.role === 'admin'}
      fallback={
        <section class="admin" aria-labelledby="admin-heading">
          <h1 id="admin-heading" tabindex="-1">
            {t().admin.heading}
          </h1>
          <p class="notice" data-testid="admin-only">
            {t().admin.adminOnly}
          </p>
        </section>
      }
    >
      <Administration />
    </Show>
  );
}

function Administration(): JSX.Element {
  const workspace = useWorkspace();
  const uid = createUniqueId();
  const [users, { refetch, mutate }] = createResource(async () => {
    const result = await listUsers();
    if (!result.ok) throw new Error(failure(result));
    return result.value;
  });
  const [departments, { mutate: mutateDepartments }] = createResource(fetchDepartments);
  const [message, setMessage] = createSignal<Message | null>(null);
  const [editing, setEditing] = createSignal<string | null>(null);

  const departmentList = () => departments() ?? [];
  /** What new work may be given to: archived departments are not offered (the server refuses them). */
  const activeDepartments = () => departmentList().filter((department) => !department.archived);
  /** A department the server created or changed, put in place in section order. */
  const departmentChanged = (changed: DepartmentSummary) =>
    mutateDepartments((current = []) =>
      [...current.filter((department) => department.id !== changed.id), changed].sort((a, b) =>
        a.number.localeCompare(b.number, 'sv', { numeric: true }),
      ),
    );
  const departmentName = (id: string | null) =>
    id === null ? t().admin.users.noDepartment : (departmentList().find((d) => d.id === id)?.name ?? id);

  /** Puts a changed user in place in the list (the server's answer is the truth). */
  const replace = (changed: ManagedUser) =>
    mutate((current) => current?.map((candidate) => (candidate.id === changed.id ? changed : candidate)));

  const editedUser = () => users()?.find((candidate) => candidate.id === editing()) ?? null;

  return (
    <section class="admin" aria-labelledby={`admin-heading-${uid}`}>
      <h1 id={`admin-heading-${uid}`} tabindex="-1">
        {t().admin.heading}
      </h1>
      <p>{t().admin.intro}</p>
      <p
        class={message()?.kind === 'error' ? 'form-error' : 'notice workflow__message'}
        role={message()?.kind === 'error' ? 'alert' : 'status'}
        data-testid="admin-message"
      >
        {message()?.text ?? ''}
      </p>

      <section aria-labelledby={`users-heading-${uid}`}>
        <h2 id={`users-heading-${uid}`}>{t().admin.users.heading}</h2>
        <Show when={!users.error} fallback={<p class="form-error">{t().admin.users.loadFailed}</p>}>
          <Show when={users()} fallback={<p class="loading">{t().admin.users.loading}</p>}>
            {(list) => (
              <div class="table-scroll">
                <table class="admin-table" data-testid="users-table" aria-labelledby={`users-heading-${uid}`}>
                  <thead>
                    <tr>
                      <th scope="col">{t().admin.users.columns.username}</th>
                      <th scope="col">{t().admin.users.columns.displayName}</th>
                      <th scope="col">{t().admin.users.columns.role}</th>
                      <th scope="col">{t().admin.users.columns.department}</th>
                      <th scope="col">{t().admin.users.columns.state}</th>
                      <th scope="col">{t().admin.users.columns.actions}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(managed) => (
                        <tr data-user={managed.username}>
                          <th scope="row">{managed.username}</th>
                          <td data-testid={`user-name-${managed.username}`}>{managed.displayName}</td>
                          <td>{t().roles.names[managed.role]}</td>
                          <td>{departmentName(managed.departmentId)}</td>
                          <td class="admin-state" data-disabled={managed.disabled ? 'true' : 'false'}>
                            <span aria-hidden="true">{managed.disabled ? '⊘ ' : '✓ '}</span>
                            {managed.disabled ? t().admin.users.disabled : t().admin.users.active}
                            {managed.sso ? ` · ${t().admin.sso.ssoUser}` : ''}
                          </td>
                          <td>
                            <button
                              type="button"
                              class="button button--small"
                              aria-label={t().admin.users.editFor(managed.displayName)}
                              aria-expanded={editing() === managed.id ? 'true' : 'false'}
                              aria-controls={`admin-edit-${uid}`}
                              data-testid={`edit-user-${managed.username}`}
                              onClick={() => {
                                setEditing(editing() === managed.id ? null : managed.id);
                                setMessage(null);
                              }}
                            >
                              {t().admin.users.edit}
                            </button>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <p class="admin-count">{t().admin.users.count(list().length)}</p>
              </div>
            )}
          </Show>
        </Show>
        <Show when={editedUser()} keyed>
          {(edited) => (
            <EditUser
              id={`admin-edit-${uid}`}
              user={edited}
              departments={departmentList().filter(
                (department) => !department.archived || department.id === edited.departmentId,
              )}
              onChanged={(changed, text) => {
                replace(changed);
                setMessage({ kind: 'ok', text });
              }}
              onMessage={setMessage}
              onClose={() => {
                setEditing(null);
                document.querySelector<HTMLElement>(`[data-testid="edit-user-${edited.username}"]`)?.focus();
              }}
            />
          )}
        </Show>
      </section>

      <CreateUser
        departments={activeDepartments()}
        onCreated={(created) => {
          void refetch();
          setMessage({ kind: 'ok', text: t().admin.create.created(created.displayName) });
        }}
      />

      <DepartmentsSection
        departments={departments()}
        loadFailed={Boolean(departments.error)}
        users={users() ?? []}
        onChanged={departmentChanged}
        onMessage={setMessage}
      />

      <SsoGroupsSection departments={activeDepartments()} onMessage={setMessage} />

      <CalendarSection year={workspace.year} />

      <MailLogSection />
    </section>
  );
}

function CreateUser(props: {
  departments: readonly DepartmentSummary[];
  onCreated: (user: ManagedUser) => void;
}): JSX.Element {
  const uid = createUniqueId();
  const [username, setUsername] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [role, setRole] = createSignal<Role>('lasare');
  const [departmentId, setDepartmentId] = createSignal<string | null>(null);
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = {
      username: username().trim(),
      displayName: displayName().trim(),
      role: role(),
      departmentId: role() === 'avdelningschef' ? departmentId() : null,
      email: email().trim() === '' ? null : email().trim(),
      password: password(),
    };
    const invalid =
      input.username === ''
        ? t().admin.errors.usernameRequired
        : input.displayName === ''
          ? t().admin.errors.displayNameRequired
          : input.role === 'avdelningschef' && input.departmentId === null
            ? t().admin.errors.departmentRequired
            : input.password.length < MIN_PASSWORD
              ? t().admin.errors.passwordTooShort
              : input.email !== null && !looksLikeEmail(input.email)
                ? t().reminders.emailInvalid
                : null;
    if (invalid) {
      setError(invalid);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await createUser(input);
    setBusy(false);
    if (!result.ok) {
      setError(failure(result));
      return;
    }
    setUsername('');
    setDisplayName('');
    setEmail('');
    setPassword('');
    props.onCreated(result.value);
  };

  return (
    <section aria-labelledby={`create-heading-${uid}`}>
      <h2 id={`create-heading-${uid}`}>{t().admin.create.heading}</h2>
      <form class="admin-form" onSubmit={submit} novalidate data-testid="create-user">
        <div class="field">
          <label for={`new-user-${uid}-username`}>{t().admin.form.username}</label>
          <input
            id={`new-user-${uid}-username`}
            data-testid="new-user-username"
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            required
            value={username()}
            onInput={(event) => setUsername(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`new-user-${uid}-name`}>{t().admin.form.displayName}</label>
          <input
            id={`new-user-${uid}-name`}
            data-testid="new-user-name"
            required
            maxLength={200}
            value={displayName()}
            onInput={(event) => setDisplayName(event.currentTarget.value)}
          />
        </div>
        <RoleFields
          idPrefix={`new-user-${uid}`}
          role={role()}
          departmentId={departmentId()}
          departments={props.departments}
          onRole={setRole}
          onDepartment={setDepartmentId}
        />
        <EmailField idPrefix={`new-user-${uid}`} testId="new-user-email" value={email()} onInput={setEmail} />
        <div class="field">
          <label for={`new-user-${uid}-password`}>{t().admin.form.password}</label>
          <input
            id={`new-user-${uid}-password`}
            data-testid="new-user-password"
            type="password"
            autocomplete="new-password"
            required
            minLength={MIN_PASSWORD}
            aria-describedby={`new-user-${uid}-password-hint`}
            value={password()}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
          <span id={`new-user-${uid}-password-hint`} class="workflow__hint">
            {t().admin.form.passwordHint}
          </span>
        </div>
        <button type="submit" class="button button--primary" data-testid="new-user-submit" disabled={busy()}>
          {t().admin.create.submit}
        </button>
      </form>
      <Show when={error()}>
        <p class="form-error" role="alert" data-testid="create-user-error">
          {error()}
        </p>
      </Show>
    </section>
  );
}

function EditUser(props: {
  id: string;
  user: ManagedUser;
  departments: readonly DepartmentSummary[];
  onChanged: (user: ManagedUser, message: string) => void;
  onMessage: (message: Message) => void;
  onClose: () => void;
}): JSX.Element {
  const uid = createUniqueId();
  const [displayName, setDisplayName] = createSignal(props.user.displayName);
  const [role, setRole] = createSignal<Role>(props.user.role);
  const [departmentId, setDepartmentId] = createSignal<string | null>(props.user.departmentId);
  const [email, setEmail] = createSignal(props.user.email ?? '');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const name = () => props.user.displayName;

  const patch = async (change: Parameters<typeof updateUser>[1], done: (user: ManagedUser) => string) => {
    setBusy(true);
    const result = await updateUser(props.user.id, change);
    setBusy(false);
    if (result.ok) props.onChanged(result.value, done(result.value));
    else props.onMessage({ kind: 'error', text: failure(result) });
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const nextName = displayName().trim();
    if (nextName === '') {
      props.onMessage({ kind: 'error', text: t().admin.errors.displayNameRequired });
      return;
    }
    const nextDepartment = role() === 'avdelningschef' ? departmentId() : null;
    if (role() === 'avdelningschef' && nextDepartment === null) {
      props.onMessage({ kind: 'error', text: t().admin.errors.departmentRequired });
      return;
    }
    const nextEmail = email().trim() === '' ? null : email().trim();
    if (nextEmail !== null && !looksLikeEmail(nextEmail)) {
      props.onMessage({ kind: 'error', text: t().reminders.emailInvalid });
      return;
    }
    void patch(
      { displayName: nextName, role: role(), departmentId: nextDepartment, email: nextEmail },
      (user) => t().admin.editPanel.saved(user.displayName),
    );
  };

  const setNewPassword = async (event: SubmitEvent) => {
    event.preventDefault();
    if (password().length < MIN_PASSWORD) {
      props.onMessage({ kind: 'error', text: t().admin.errors.passwordTooShort });
      return;
    }
    setBusy(true);
    const result = await resetPassword(props.user.id, password());
    setBusy(false);
    if (result.ok) {
      setPassword('');
      props.onMessage({ kind: 'ok', text: t().admin.editPanel.passwordDone(name()) });
    } else props.onMessage({ kind: 'error', text: failure(result) });
  };

  const revoke = async () => {
    setBusy(true);
    const result = await revokeSessions(props.user.id);
    setBusy(false);
    props.onMessage(
      result.ok
        ? { kind: 'ok', text: t().admin.editPanel.revokeDone(name()) }
        : { kind: 'error', text: failure(result) },
    );
  };

  return (
    <section
      id={props.id}
      class="admin-edit"
      aria-labelledby={`edit-heading-${uid}`}
      data-testid="edit-user"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <h3 id={`edit-heading-${uid}`}>{t().admin.editPanel.heading(name())}</h3>
      <form class="admin-form" onSubmit={save} novalidate>
        <div class="field">
          <label for={`edit-${uid}-name`}>{t().admin.form.displayName}</label>
          <input
            id={`edit-${uid}-name`}
            data-testid="edit-user-name"
            required
            maxLength={200}
            value={displayName()}
            onInput={(event) => setDisplayName(event.currentTarget.value)}
          />
        </div>
        <RoleFields
          idPrefix={`edit-${uid}`}
          role={role()}
          departmentId={departmentId()}
          departments={props.departments}
          onRole={setRole}
          onDepartment={setDepartmentId}
        />
        <EmailField idPrefix={`edit-${uid}`} testId="edit-user-email" value={email()} onInput={setEmail} />
        <button type="submit" class="button button--primary" data-testid="edit-user-save" disabled={busy()}>
          {t().admin.editPanel.save}
        </button>
      </form>
      <form class="admin-form" onSubmit={setNewPassword} novalidate>
        <div class="field">
          <label for={`edit-${uid}-password`}>{t().admin.editPanel.newPassword}</label>
          <input
            id={`edit-${uid}-password`}
            type="password"
            autocomplete="new-password"
            minLength={MIN_PASSWORD}
            data-testid="edit-user-password"
            value={password()}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button" disabled={busy()}>
          {t().admin.editPanel.setPassword}
        </button>
      </form>
      <div class="admin-form">
        <button
          type="button"
          class="button"
          data-testid="edit-user-toggle-disabled"
          disabled={busy()}
          onClick={() =>
            void patch({ disabled: !props.user.disabled }, (user) =>
              user.disabled
                ? t().admin.editPanel.disabledDone(user.displayName)
                : t().admin.editPanel.enabledDone(user.displayName),
            )
          }
        >
          {props.user.disabled ? t().admin.editPanel.enable : t().admin.editPanel.disable}
        </button>
        <button
          type="button"
          class="button"
          data-testid="edit-user-revoke"
          disabled={busy()}
          onClick={() => void revoke()}
        >
          {t().admin.editPanel.revoke}
        </button>
        <button type="button" class="button" onClick={() => props.onClose()}>
          {t().admin.editPanel.close}
        </button>
      </div>
    </section>
  );
}
