/**
 * One inline-edited text field of an assignment: shows the document's value, and while the
 * person types keeps their draft (a remote change to the same field does not yank the text
 * away). The draft is written on blur or Enter (Ctrl+Enter in a multi-line field); Escape
 * restores the document's value. A refused value stays in the field with a message beside it
 * and nothing is written. Others see who is in the field (presence); nothing is ever locked.
 */
import { createEffect, createSignal, createUniqueId, type JSX, onCleanup, Show } from 'solid-js';
import type { Presence } from '../../sync/presence';
import { FieldPresence } from '../PresenceList';

export interface InlineFieldProps {
  /** The document's current value. */
  value: string;
  /** Accessible name, e.g. "Titel för <title>". */
  label: string;
  /** Presence key, e.g. `assignment:ka-2015-1:title`. */
  field: string;
  presence: Presence;
  /** Writes the value; returns an error message when it was refused (nothing written). */
  commit: (value: string) => string | null;
  /** A textarea instead of an input. */
  multiline?: boolean;
  /** In a textarea, Enter writes (a long single-line text such as a title); newlines are dropped. */
  enterCommits?: boolean;
  rows?: number;
  placeholder?: string;
  /** Extra help text read after the label. */
  hint?: string;
  class?: string;
  inputMode?: 'text' | 'numeric';
}

export function InlineField(props: InlineFieldProps): JSX.Element {
  let element: HTMLInputElement | HTMLTextAreaElement | undefined;
  const [focused, setFocused] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const errorId = createUniqueId();
  const hintId = createUniqueId();

  // Typed into since the last write: only then is there a draft to keep and to write. A field
  // that was merely visited follows the document (and never writes a stale value back).
  const [dirty, setDirty] = createSignal(false);

  // Follow the document unless the person has a draft (or a refused value) in the field.
  createEffect(() => {
    const value = props.value;
    if (element && !dirty() && element.value !== value) element.value = value;
  });

  const draft = () => {
    const value = element?.value ?? '';
    return props.enterCommits ? value.replace(/\s*\n\s*/g, ' ') : value;
  };

  const commit = () => {
    if (!element || !dirty()) return;
    const value = draft();
    const refused = value === props.value ? null : props.commit(value);
    setError(refused);
    if (refused === null) setDirty(false);
  };

  const revert = () => {
    if (!element) return;
    element.value = props.value;
    setError(null);
    setDirty(false);
  };

  // Leaving the screen while typing (no blur on removal): keep the draft if it is valid.
  onCleanup(() => {
    if (dirty() && draft() !== props.value) props.commit(draft());
    if (focused()) props.presence.setField(null);
  });

  const describedBy = () =>
    [error() !== null ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const onFocus = () => {
    setFocused(true);
    props.presence.setField(props.field);
  };
  const onBlur = () => {
    commit();
    setFocused(false);
    props.presence.setField(null);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      revert();
    } else if (
      event.key === 'Enter' &&
      (!props.multiline || props.enterCommits || event.ctrlKey || event.metaKey)
    ) {
      event.preventDefault();
      commit();
    }
  };

  return (
    <div
      class={`board-field ${props.class ?? ''}`}
      classList={{ 'board-field--others': props.presence.editorsOf(props.field).length > 0 }}
      style={{ '--peer-color': props.presence.editorsOf(props.field)[0]?.user.color }}
      data-field={props.field}
    >
      <Show
        when={props.multiline}
        fallback={
          <input
            ref={(el) => {
              element = el;
              el.value = props.value;
            }}
            type="text"
            class="board-field__input"
            inputMode={props.inputMode}
            aria-label={props.label}
            aria-invalid={error() !== null ? 'true' : undefined}
            aria-describedby={describedBy()}
            placeholder={props.placeholder}
            onFocus={onFocus}
            onBlur={onBlur}
            onKeyDown={onKeyDown}
            onInput={() => setDirty(true)}
          />
        }
      >
        <textarea
          ref={(el) => {
            element = el;
            el.value = props.value;
          }}
          class="board-field__input board-field__input--multiline"
          rows={props.rows ?? 3}
          aria-label={props.label}
          aria-invalid={error() !== null ? 'true' : undefined}
          aria-describedby={describedBy()}
          placeholder={props.placeholder}
          onFocus={onFocus}
          onBlur={onBlur}
          onKeyDown={onKeyDown}
          onInput={() => setDirty(true)}
        />
      </Show>
      <Show when={props.hint}>
        <span id={hintId} class="visually-hidden">
          {props.hint}
        </span>
      </Show>
      <FieldPresence presence={props.presence} field={props.field} />
      <Show when={error()}>
        {(message) => (
          <p id={errorId} class="board-field__error" role="alert" data-testid="field-error">
            <span aria-hidden="true">⚠ </span>
            {message()}
          </p>
        )}
      </Show>
    </div>
  );
}
