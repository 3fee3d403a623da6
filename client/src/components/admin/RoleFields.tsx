/** Role and department pickers shared by the user forms and the single sign-on group mapping. */
import { For, type JSX } from 'solid-js';
import type { DepartmentSummary } from '../../api';
import { t } from '../../i18n';
import type { Role } from '../../rolesApi';

export const ROLES: readonly Role[] = ['admin', 'kommunchef', 'avdelningschef', 'lasare'];

export function RoleFields(props: {
  idPrefix: string;
  role: Role;
  departmentId: string | null;
  departments: readonly DepartmentSummary[];
  onRole: (role: Role) => void;
  onDepartment: (departmentId: string | null) => void;
}): JSX.Element {
  return (
    <>
      <div class="field">
        <label for={`${props.idPrefix}-role`}>{t().admin.form.role}</label>
        <select
          id={`${props.idPrefix}-role`}
          data-testid={`${props.idPrefix}-role`}
          onChange={(event) => props.onRole(event.currentTarget.value as Role)}
        >
          <For each={ROLES}>
            {(role) => (
              <option value={role} selected={role === props.role}>
                {t().roles.names[role]}
              </option>
            )}
          </For>
        </select>
      </div>
      <div class="field">
        <label for={`${props.idPrefix}-department`}>{t().admin.form.department}</label>
        <select
          id={`${props.idPrefix}-department`}
          data-testid={`${props.idPrefix}-department`}
          aria-describedby={`${props.idPrefix}-department-hint`}
          onChange={(event) => props.onDepartment(event.currentTarget.value || null)}
        >
          <option value="" selected={props.departmentId === null}>
            {t().admin.form.noDepartment}
          </option>
          <For each={props.departments}>
            {(department) => (
              <option value={department.id} selected={department.id === props.departmentId}>
                {department.name}
              </option>
            )}
          </For>
        </select>
        <span id={`${props.idPrefix}-department-hint`} class="workflow__hint">
          {t().admin.form.departmentHint}
        </span>
      </div>
    </>
  );
}
