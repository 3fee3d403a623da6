/**
 * The administration's single sign-on groups (`/admin`, section "Enkel inloggning"): which
 * group at the identity provider gives which role and department. The server applies the
 * mapping at each sign-in (docs/sso.md); this section lists, saves and removes mappings.
 */
import { createResource, createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { type DepartmentSummary, fetchSignInOptions } from '../../api';
import { t } from '../../i18n';
import {
  type ApiResult,
  listSsoGroups,
  type Role,
  removeSsoGroup,
  type SsoGroupMapping,
  saveSsoGroup,
} from '../../rolesApi';
import { RoleFields } from './RoleFields';

type Message = { kind: 'ok' | 'error'; text: string };

function failure(result: Extract<ApiResult<unknown>, { ok: false }>): string {
  const errors = t().admin.errors;
  if (result.status === 0) return errors.unreachable;
  if (result.status === 403) return errors.forbidden;
  return errors.failed(result.message);
}

export function SsoGroupsSection(props: {
  /** The departments a department head may be given (active ones). */
  departments: readonly DepartmentSummary[];
  onMessage: (message: Message) => void;
}): JSX.Element {
  const uid = createUniqueId();
  const [options] = createResource(fetchSignInOptions);
  const [mappings, { mutate }] = createResource(async () => {
    const result = await listSsoGroups();
    if (!result.ok) throw new Error(failure(result));
    return result.value;
  });
  const [groupId, setGroupId] = createSignal('');
  const [label, setLabel] = createSignal('');
  const [role, setRole] = createSignal<Role>('lasare');
  const [departmentId, setDepartmentId] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const departmentName = (id: string | null) =>
    id === null ? t().admin.users.noDepartment : (props.departments.find((d) => d.id === id)?.name ?? id);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const mapping: SsoGroupMapping = {
      groupId: groupId().trim(),
      label: label().trim(),
      role: role(),
      departmentId: role() === 'avdelningschef' ? departmentId() : null,
    };
    if (mapping.groupId === '') {
      props.onMessage({ kind: 'error', text: t().admin.sso.groupRequired });
      return;
    }
    if (mapping.role === 'avdelningschef' && mapping.departmentId === null) {
      props.onMessage({ kind: 'error', text: t().admin.errors.departmentRequired });
      return;
    }
    setBusy(true);
    const result = await saveSsoGroup(mapping);
    setBusy(false);
    if (!result.ok) {
      props.onMessage({ kind: 'error', text: failure(result) });
      return;
    }
    const saved = result.value;
    mutate((current = []) =>
      [...current.filter((m) => m.groupId !== saved.groupId), saved].sort((a, b) =>
        a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0,
      ),
    );
    setGroupId('');
    setLabel('');
    props.onMessage({ kind: 'ok', text: t().admin.sso.saved(saved.label || saved.groupId) });
  };

  const remove = async (mapping: SsoGroupMapping) => {
    setBusy(true);
    const result = await removeSsoGroup(mapping.groupId);
    setBusy(false);
    if (!result.ok) {
      props.onMessage({ kind: 'error', text: failure(result) });
      return;
    }
    mutate((current = []) => current.filter((m) => m.groupId !== mapping.groupId));
    props.onMessage({ kind: 'ok', text: t().admin.sso.removed(mapping.label || mapping.groupId) });
  };

  return (
    <section aria-labelledby={`sso-heading-${uid}`} data-testid="sso-groups">
      <h2 id={`sso-heading-${uid}`}>{t().admin.sso.heading}</h2>
      <p>{t().admin.sso.intro}</p>
      <Show when={options()}>
        {(current) => (
          <p class="notice" data-testid="sso-state">
            {current().sso ? t().admin.sso.on(current().sso?.name ?? '') : t().admin.sso.off}
          </p>
        )}
      </Show>
      <Show when={!mappings.error} fallback={<p class="form-error">{t().admin.sso.loadFailed}</p>}>
        <Show when={mappings()} fallback={<p class="loading">{t().admin.sso.loading}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{t().admin.sso.empty}</p>}>
              <div class="table-scroll">
                <table
                  class="admin-table"
                  data-testid="sso-groups-table"
                  aria-labelledby={`sso-heading-${uid}`}
                >
                  <thead>
                    <tr>
                      <th scope="col">{t().admin.sso.columns.group}</th>
                      <th scope="col">{t().admin.sso.columns.label}</th>
                      <th scope="col">{t().admin.sso.columns.role}</th>
                      <th scope="col">{t().admin.sso.columns.department}</th>
                      <th scope="col">{t().admin.sso.columns.actions}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(mapping) => (
                        <tr data-group={mapping.groupId}>
                          <th scope="row">{mapping.groupId}</th>
                          <td>{mapping.label}</td>
                          <td>{t().roles.names[mapping.role]}</td>
                          <td>{departmentName(mapping.departmentId)}</td>
                          <td>
                            <button
                              type="button"
                              class="button button--small"
                              aria-label={t().admin.sso.removeFor(mapping.label || mapping.groupId)}
                              disabled={busy()}
                              onClick={() => void remove(mapping)}
                            >
                              {t().admin.sso.remove}
                            </button>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
      <h3>{t().admin.sso.addHeading}</h3>
      <form class="admin-form" onSubmit={save} novalidate data-testid="sso-group-form">
        <div class="field">
          <label for={`sso-${uid}-group`}>{t().admin.sso.groupId}</label>
          <input
            id={`sso-${uid}-group`}
            autocomplete="off"
            spellcheck={false}
            required
            maxLength={256}
            aria-describedby={`sso-${uid}-group-hint`}
            value={groupId()}
            onInput={(event) => setGroupId(event.currentTarget.value)}
          />
          <span id={`sso-${uid}-group-hint`} class="workflow__hint">
            {t().admin.sso.groupIdHint}
          </span>
        </div>
        <div class="field">
          <label for={`sso-${uid}-label`}>{t().admin.sso.label}</label>
          <input
            id={`sso-${uid}-label`}
            maxLength={200}
            value={label()}
            onInput={(event) => setLabel(event.currentTarget.value)}
          />
        </div>
        <RoleFields
          idPrefix={`sso-${uid}`}
          role={role()}
          departmentId={departmentId()}
          departments={props.departments}
          onRole={setRole}
          onDepartment={setDepartmentId}
        />
        <button type="submit" class="button button--primary" disabled={busy()}>
          {t().admin.sso.save}
        </button>
      </form>
    </section>
  );
}
