/**
 * The plan year on show, in the app header on every screen: a labelled select of the plan
 * years ("2016 (utkast)" for a draft). Choosing one goes to the same screen in that year
 * (workspaceYear.ts `urlForYear`: a month route keeps its month, in the new year).
 */
import { useLocation, useNavigate } from '@solidjs/router';
import { createUniqueId, For, type JSX } from 'solid-js';
import { t } from '../i18n';
import { useWorkspace } from '../workspace';
import { urlForYear } from '../workspaceYear';

export function YearPicker(props: { onChosen?: () => void }): JSX.Element {
  const workspace = useWorkspace();
  const location = useLocation();
  const navigate = useNavigate();
  const id = createUniqueId();
  /** The plan years, and the year on show even without a plan (offline, or a year typed in the URL). */
  const options = () => {
    const years = workspace.plans.map((plan) => ({ year: plan.year, draft: plan.status === 'utkast' }));
    if (!years.some((option) => option.year === workspace.year)) {
      years.push({ year: workspace.year, draft: false });
      years.sort((a, b) => a.year - b.year);
    }
    return years;
  };
  const choose = (year: number) => {
    if (year === workspace.year) return;
    navigate(urlForYear(location.pathname, location.search, year));
    props.onChosen?.();
  };
  return (
    <div class="year-picker">
      <label for={id}>{t().years.label}</label>
      <select
        id={id}
        data-testid="year-picker"
        value={String(workspace.year)}
        onChange={(event) => choose(Number(event.currentTarget.value))}
      >
        <For each={options()}>
          {(option) => (
            <option value={String(option.year)} selected={option.year === workspace.year}>
              {option.draft ? t().years.draft(option.year) : String(option.year)}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
