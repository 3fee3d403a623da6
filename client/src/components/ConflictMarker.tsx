/**
 * The mark of a field that two people changed while apart (ändrades samtidigt): a button with
 * an icon and text (never colour alone) that opens a small panel with the value kept and the
 * value that lost, who wrote each and when, and a button to keep either. Choosing writes the
 * value with an edit that supersedes both, so the mark disappears for everyone.
 * See packages/domain/src/documents/fieldEdits.ts.
 */
import type { FieldConflict, FieldEdit } from '@foljsam/domain';
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/dateTime';
import './conflictMarker.css';

/** What a screen gives its fields: the conflict of a field path, and the choice of a value. */
export interface FieldMerges {
  conflictOf(field: string): FieldConflict | undefined;
  choose(field: string, value: unknown): void;
}

export interface ConflictMarkerProps {
  /** The field's conflict, or undefined when it has none (nothing is shown). */
  conflict: FieldConflict | undefined;
  /** The field's name for screen readers, e.g. "Utfall för Andel heltidsanställda". */
  fieldLabel: string;
  /** A value as the field shows it ("78 %", "Pågår"); null is shown as empty. */
  format: (value: unknown) => string;
  /** Keeps `value` (one of the conflict's values). */
  onChoose: (value: unknown) => void;
  readOnly: boolean;
  testId: string;
}

export function ConflictMarker(props: ConflictMarkerProps): JSX.Element {
  const panelId = createUniqueId();
  const headingId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const show = (value: unknown) =>
    value === null || value === undefined ? t().merges.empty : props.format(value);
  const author = (edit: FieldEdit | undefined) =>
    edit ? t().merges.by(edit.byName || edit.by, formatDateTime(edit.at)) : t().merges.byUnknown;
  const choose = (value: unknown) => {
    setOpen(false);
    props.onChoose(value);
  };

  return (
    <Show when={props.conflict}>
      {(conflict) => (
        <span class="conflict" data-testid={props.testId} data-field={conflict().field}>
          <button
            type="button"
            class="conflict__marker"
            aria-expanded={open() ? 'true' : 'false'}
            aria-controls={panelId}
            aria-label={t().merges.markerFor(props.fieldLabel)}
            data-testid={`${props.testId}-toggle`}
            onClick={() => setOpen(!open())}
          >
            <span class="conflict__icon" aria-hidden="true">
              ⇄
            </span>
            {t().merges.marker}
          </button>
          <Show when={open()}>
            <section
              id={panelId}
              class="conflict__panel"
              aria-labelledby={headingId}
              data-testid={`${props.testId}-panel`}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setOpen(false);
              }}
            >
              <h4 id={headingId} class="conflict__heading">
                {t().merges.heading}
              </h4>
              <p class="conflict__intro">{t().merges.intro}</p>
              <dl class="conflict__values">
                <div class="conflict__value" data-testid={`${props.testId}-kept`}>
                  <dt>{t().merges.kept}</dt>
                  <dd>
                    <strong class="conflict__figure">{show(conflict().kept.value)}</strong>{' '}
                    <span class="conflict__by">{author(conflict().kept.edit)}</span>
                    <Show when={!props.readOnly}>
                      <button
                        type="button"
                        class="button button--small"
                        data-testid={`${props.testId}-keep`}
                        onClick={() => choose(conflict().kept.value)}
                      >
                        {t().merges.keep(show(conflict().kept.value))}
                      </button>
                    </Show>
                  </dd>
                </div>
                <For each={conflict().others}>
                  {(other) => (
                    <div class="conflict__value" data-testid={`${props.testId}-other`}>
                      <dt>{t().merges.other}</dt>
                      <dd>
                        <strong class="conflict__figure">{show(other.value)}</strong>{' '}
                        <span class="conflict__by">{author(other)}</span>
                        <Show when={!props.readOnly}>
                          <button
                            type="button"
                            class="button button--small"
                            data-testid={`${props.testId}-use`}
                            onClick={() => choose(other.value)}
                          >
                            {t().merges.use(show(other.value))}
                          </button>
                        </Show>
                      </dd>
                    </div>
                  )}
                </For>
              </dl>
              <Show when={props.readOnly}>
                <p class="conflict__read-only">{t().merges.readOnly}</p>
              </Show>
              <button type="button" class="button button--small" onClick={() => setOpen(false)}>
                {t().merges.close}
              </button>
            </section>
          </Show>
        </span>
      )}
    </Show>
  );
}
