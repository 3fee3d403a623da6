/** The board's filters, search, sort and grouping: every control labelled, the state in the URL. */
import { type ProgressStatus, progressStatus } from '@foljsam/domain';
import { createEffect, createUniqueId, For, type JSX } from 'solid-js';
import type { DepartmentSummary } from '../../api';
import { t } from '../../i18n';
import {
  type BoardView,
  type DueFilter,
  type GroupKey,
  SORT_KEYS,
  type SortKey,
  UNASSIGNED,
} from './boardView';

export interface BoardControlsProps {
  view: BoardView;
  departments: readonly DepartmentSummary[];
  onChange: (change: Partial<BoardView>) => void;
  onClear: () => void;
}

const SORT_LABELS = (): Record<SortKey, string> => ({
  slutdatum: t().assignments.filters.sortEndDate,
  titel: t().assignments.filters.sortTitle,
  avdelning: t().assignments.filters.sortDepartment,
  status: t().assignments.filters.sortStatus,
});

export function BoardControls(props: BoardControlsProps): JSX.Element {
  const uid = createUniqueId();
  const id = (name: string) => `board-${name}-${uid}`;
  const f = () => t().assignments.filters;
  // The search field is not driven by the URL while someone types in it (the URL follows the
  // field; writing the URL's value back mid-typing could drop keystrokes).
  let searchInput: HTMLInputElement | undefined;
  createEffect(() => {
    const search = props.view.search;
    if (searchInput && document.activeElement !== searchInput && searchInput.value !== search) {
      searchInput.value = search;
    }
  });
  return (
    <section class="board-controls" aria-labelledby={id('heading')}>
      <h2 id={id('heading')} class="board-controls__heading">
        {f().heading}
      </h2>
      <div class="board-controls__row">
        <div class="board-control board-control--search">
          <label for={id('search')}>{f().search}</label>
          <input
            ref={(el) => {
              searchInput = el;
              el.value = props.view.search;
            }}
            id={id('search')}
            type="search"
            aria-describedby={id('search-hint')}
            onInput={(event) => props.onChange({ search: event.currentTarget.value })}
          />
          <span id={id('search-hint')} class="board-control__hint">
            {f().searchHint}
          </span>
        </div>
        <div class="board-control">
          <label for={id('department')}>{f().department}</label>
          <select
            id={id('department')}
            onChange={(event) => props.onChange({ department: event.currentTarget.value || null })}
          >
            <option value="" selected={props.view.department === null}>
              {f().allDepartments}
            </option>
            <For each={props.departments}>
              {(department) => (
                <option value={department.id} selected={props.view.department === department.id}>
                  {department.name}
                </option>
              )}
            </For>
            <option value={UNASSIGNED} selected={props.view.department === UNASSIGNED}>
              {t().assignments.noDepartment}
            </option>
          </select>
        </div>
        <div class="board-control">
          <label for={id('status')}>{f().status}</label>
          <select
            id={id('status')}
            onChange={(event) =>
              props.onChange({ status: (event.currentTarget.value || null) as ProgressStatus | null })
            }
          >
            <option value="" selected={props.view.status === null}>
              {f().allStatuses}
            </option>
            <For each={progressStatus.options}>
              {(status) => (
                <option value={status} selected={props.view.status === status}>
                  {t().status[status]}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="board-control">
          <label for={id('due')}>{f().due}</label>
          <select
            id={id('due')}
            onChange={(event) =>
              props.onChange({ due: (event.currentTarget.value || null) as DueFilter | null })
            }
          >
            <option value="" selected={props.view.due === null}>
              {f().dueAll}
            </option>
            <option value="forsenade" selected={props.view.due === 'forsenade'}>
              {f().dueOverdue}
            </option>
            <option value="snart" selected={props.view.due === 'snart'}>
              {f().dueSoon}
            </option>
          </select>
        </div>
      </div>
      <div class="board-controls__row">
        <div class="board-control">
          <label for={id('sort')}>{f().sort}</label>
          <select
            id={id('sort')}
            onChange={(event) =>
              props.onChange({ sort: (event.currentTarget.value || null) as SortKey | null })
            }
          >
            <option value="" selected={props.view.sort === null}>
              {f().sortPlan}
            </option>
            <For each={SORT_KEYS}>
              {(key) => (
                <option value={key} selected={props.view.sort === key}>
                  {SORT_LABELS()[key]}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="board-control">
          <label for={id('direction')}>{f().direction}</label>
          <select
            id={id('direction')}
            disabled={props.view.sort === null}
            onChange={(event) => props.onChange({ descending: event.currentTarget.value === 'fallande' })}
          >
            <option value="stigande" selected={!props.view.descending}>
              {f().ascending}
            </option>
            <option value="fallande" selected={props.view.descending}>
              {f().descending}
            </option>
          </select>
        </div>
        <div class="board-control">
          <label for={id('group')}>{f().group}</label>
          <select
            id={id('group')}
            onChange={(event) =>
              props.onChange({ group: (event.currentTarget.value || null) as GroupKey | null })
            }
          >
            <option value="" selected={props.view.group === null}>
              {f().groupNone}
            </option>
            <option value="avdelning" selected={props.view.group === 'avdelning'}>
              {f().groupDepartment}
            </option>
            <option value="status" selected={props.view.group === 'status'}>
              {f().groupStatus}
            </option>
          </select>
        </div>
        <div class="board-control board-control--button">
          <button type="button" class="button button--small" onClick={() => props.onClear()}>
            {f().clear}
          </button>
        </div>
      </div>
    </section>
  );
}
