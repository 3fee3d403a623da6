/** "Revisioner": the changes made to the plan after it was adopted: who, when, why and which fields. */
import type { Plan, PlanRevision } from '@foljsam/domain';
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/dateTime';

/** A field path of the plan in words: `goals/<id>/title` → "mål 1.1 Öka …: titel". */
export function describePlanField(path: string, plan: Plan): string {
  const words = t().plan.fieldWords;
  const [root, id, field] = path.split('/');
  if (root === 'meta' && id) return words.meta[id] ?? id;
  if (!root || !id) return path;
  const collection = words.collections[root] ?? root;
  const entity = (() => {
    switch (root) {
      case 'perspectives':
        return plan.perspectives.find((item) => item.id === id)?.name;
      case 'focusAreas': {
        const area = plan.focusAreas.find((item) => item.id === id);
        return area && `${area.number} ${area.name}`;
      }
      case 'goals': {
        const goal = plan.goals.find((item) => item.id === id);
        return goal && `${goal.number} ${goal.title}`;
      }
      case 'indicators':
        return plan.indicators.find((item) => item.id === id)?.name;
      case 'initiatives': {
        const initiative = plan.initiatives.find((item) => item.id === id);
        return initiative && `${initiative.number} ${initiative.title}`;
      }
      case 'departments':
        return plan.departments.find((item) => item.id === id)?.name;
      default:
        return undefined;
    }
  })();
  const what = `${collection} ${entity ?? id}`;
  return field ? `${what}: ${words.fields[field] ?? field}` : what;
}

export function Revisions(props: { revisions: PlanRevision[]; plan: Plan }): JSX.Element {
  const uid = createUniqueId();
  const words = () => t().plan.revisions;
  // Newest first: the latest change is the one people look for.
  const newestFirst = () => [...props.revisions].reverse();
  return (
    <section class="plan-section" aria-labelledby={`plan-revisions-${uid}`} data-testid="plan-revisions">
      <h2 id={`plan-revisions-${uid}`}>{words().heading}</h2>
      <Show when={props.revisions.length > 0} fallback={<p>{words().empty}</p>}>
        <ol class="plan-revisions">
          <For each={newestFirst()}>
            {(revision) => (
              <li class="plan-revisions__entry" data-revision-id={revision.id} data-by={revision.by}>
                <p class="plan-revisions__who">
                  <strong>{revision.byName || revision.by}</strong>,{' '}
                  <time datetime={revision.at}>{formatDateTime(revision.at)}</time>
                </p>
                <p class="plan-revisions__why">
                  {words().why}: {revision.reason}
                </p>
                <p class="plan-revisions__fields">
                  {words().fields}:{' '}
                  {[...new Set(revision.fields.map((field) => describePlanField(field, props.plan)))].join(
                    ', ',
                  )}
                </p>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
