/**
 * The plan editor's fields: each shows its label, the document's value (as an inline field
 * for a writer, as text for a reader), who else is in it, and its history. Text and number
 * fields reuse the assignments board's {@link InlineField} (written on blur or Enter), selects
 * and check boxes its {@link FieldFrame}.
 */
import { MAX_PLAN_LINE_LENGTH } from '@foljsam/domain';
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { formatNumber, t } from '../../i18n';
import { FieldFrame } from '../assignments/FieldFrame';
import { InlineField } from '../assignments/InlineField';
import { HistoryButton } from '../history/HistoryButton';
import { parseNumber } from '../report/numbers';
import { type PlanEditor, presenceKey } from './planEditor';

interface FieldBase {
  editor: PlanEditor;
  /** The visible label. */
  label: string;
  /** The accessible name when the label alone repeats on the page ("Mål, Mål 1.1 …"). */
  accessibleName?: string;
  /** The field path (`goals/<id>/title`, `meta/mission`): presence key and history path. */
  path: string;
  /** The history path when it differs from `path` (a vision's part: `meta/vision`); null for none. */
  historyPath?: string | null;
  class?: string;
  placeholder?: string;
}

/** A history button for a plan field path. */
export function PlanHistory(props: { editor: PlanEditor; path: string; label: string }): JSX.Element {
  return (
    <HistoryButton
      docName={props.editor.docName}
      field={props.path}
      label={props.label}
      // Restoring writes without a revision's reason; offered on drafts only.
      canRestore={props.editor.mayWrite() && props.editor.canWrite() && !isAdopted(props.editor)}
      testId={`history-${props.path}`}
    />
  );
}

const isAdopted = (editor: PlanEditor) => editor.plan().adoptedOn !== null;

export interface PlanTextFieldProps extends FieldBase {
  value: string;
  /** Writes the text; returns a message when refused. */
  commit: (value: string) => string | null;
  /** Empty is refused (a name, a title). */
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  inputMode?: 'text' | 'numeric';
}

/** A labelled text field of the plan. */
export function PlanTextField(props: PlanTextFieldProps): JSX.Element {
  const labelId = createUniqueId();
  const commit = (value: string) => {
    const text = props.multiline ? value : value.trim();
    if (props.required && text.trim() === '') return t().plan.errors.required;
    if (!props.multiline && text.length > MAX_PLAN_LINE_LENGTH) return t().plan.errors.tooLong;
    return props.commit(text);
  };
  const history = () => (props.historyPath === undefined ? props.path : props.historyPath);
  return (
    <div class={`plan-field ${props.class ?? ''}`} data-path={props.path}>
      <div class="plan-field__head">
        <span class="plan-field__label" id={labelId}>
          {props.label}
        </span>
        <Show when={history()}>
          {(path) => (
            <PlanHistory editor={props.editor} path={path()} label={props.accessibleName ?? props.label} />
          )}
        </Show>
      </div>
      <Show
        when={props.editor.canWrite()}
        fallback={
          <p class="plan-field__value" data-testid={`value-${props.path}`}>
            {props.value === '' ? '–' : props.value}
          </p>
        }
      >
        <InlineField
          value={props.value}
          label={props.accessibleName ?? props.label}
          field={presenceKey(props.path)}
          presence={props.editor.presence}
          commit={commit}
          multiline={props.multiline}
          rows={props.rows}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
        />
      </Show>
    </div>
  );
}

/** A number as typed back into a field: Swedish "76,5", at most 2 decimals; empty for none. */
export const numberText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : formatNumber(value, 2);

export interface PlanNumberFieldProps extends FieldBase {
  value: number | null;
  commit: (value: number | null) => string | null;
  /** Empty is refused (else it means "not set"). */
  required?: boolean;
  /** Whole numbers within a range (a year). */
  integer?: { min: number; max: number; message: string };
}

/** A number field in Swedish format (decimal comma, spaces between thousands), validated on commit. */
export function PlanNumberField(props: PlanNumberFieldProps): JSX.Element {
  const commit = (text: string): string | null => {
    const parsed = parseNumber(text);
    if (!parsed.ok) return t().plan.errors.invalidNumber;
    if (parsed.value === null) return props.required ? t().plan.errors.required : props.commit(null);
    if (props.integer) {
      const { min, max, message } = props.integer;
      if (!Number.isInteger(parsed.value) || parsed.value < min || parsed.value > max) return message;
    }
    return props.commit(parsed.value);
  };
  return (
    <PlanTextField
      {...props}
      class={`plan-field--number ${props.class ?? ''}`}
      value={props.integer ? (props.value === null ? '' : String(props.value)) : numberText(props.value)}
      inputMode={props.integer ? 'numeric' : 'text'}
      commit={commit}
    />
  );
}

export interface PlanSelectFieldProps<V extends string> extends FieldBase {
  value: V;
  options: readonly { value: V; label: string }[];
  commit: (value: V) => string | null;
  testId?: string;
}

/** A labelled select of the plan, written on change. */
export function PlanSelectField<V extends string>(props: PlanSelectFieldProps<V>): JSX.Element {
  const id = createUniqueId();
  const [error, setError] = createSignal<string | null>(null);
  const history = () => (props.historyPath === undefined ? props.path : props.historyPath);
  return (
    <div class={`plan-field ${props.class ?? ''}`} data-path={props.path}>
      <div class="plan-field__head">
        <label class="plan-field__label" for={id}>
          {props.label}
        </label>
        <Show when={history()}>
          {(path) => (
            <PlanHistory editor={props.editor} path={path()} label={props.accessibleName ?? props.label} />
          )}
        </Show>
      </div>
      <FieldFrame presence={props.editor.presence} field={presenceKey(props.path)}>
        <select
          id={id}
          class="board-select"
          aria-label={props.accessibleName}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${id}-error` : undefined}
          disabled={!props.editor.canWrite()}
          data-testid={props.testId}
          onChange={(event) => {
            const refused = props.commit(event.currentTarget.value as V);
            setError(refused);
            if (refused) event.currentTarget.value = props.value;
          }}
        >
          <For each={props.options}>
            {(option) => (
              <option value={option.value} selected={option.value === props.value}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      </FieldFrame>
      <Show when={error()}>
        <p id={`${id}-error`} class="board-field__error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}

export interface PlanDepartmentsFieldProps extends FieldBase {
  value: readonly string[];
  commit: (value: string[]) => string | null;
}

/** Several departments: a group of check boxes, one per active department (and any already chosen). */
export function PlanDepartmentsField(props: PlanDepartmentsFieldProps): JSX.Element {
  const [error, setError] = createSignal<string | null>(null);
  const errorId = createUniqueId();
  const choices = () => {
    const active = props.editor.departments().map((department) => department.id);
    return [...active, ...props.value.filter((id) => !active.includes(id))];
  };
  const toggle = (id: string, on: boolean) => {
    const chosen = new Set(props.value);
    if (on) chosen.add(id);
    else chosen.delete(id);
    // In the organisation's order, so the list reads the same for everyone.
    const next = choices().filter((choice) => chosen.has(choice));
    setError(props.commit(next));
  };
  return (
    <div class={`plan-field plan-field--departments ${props.class ?? ''}`} data-path={props.path}>
      <FieldFrame presence={props.editor.presence} field={presenceKey(props.path)}>
        <fieldset class="plan-departments" aria-describedby={error() ? errorId : undefined}>
          <legend class="plan-field__label">
            {props.label}
            <span class="visually-hidden"> {props.accessibleName ?? ''}</span>
          </legend>
          <ul class="plan-departments__list">
            <For each={choices()}>
              {(id) => (
                <li>
                  <label class="plan-check">
                    <input
                      type="checkbox"
                      value={id}
                      checked={props.value.includes(id)}
                      disabled={!props.editor.canWrite()}
                      onChange={(event) => toggle(id, event.currentTarget.checked)}
                    />
                    {props.editor.departmentName(id)}
                  </label>
                </li>
              )}
            </For>
          </ul>
        </fieldset>
      </FieldFrame>
      <div class="plan-field__history">
        <PlanHistory editor={props.editor} path={props.path} label={props.accessibleName ?? props.label} />
      </div>
      <Show when={error()}>
        <p id={errorId} class="board-field__error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}

export interface EntityActionsProps {
  editor: PlanEditor;
  /** What the entity is called, for the buttons' accessible names. */
  label: string;
  index: number;
  count: number;
  move: (toIndex: number) => void;
  remove: () => void;
  testId?: string;
}

/** "Flytta upp", "Flytta ned" and "Ta bort" of an entity in its list (buttons: keyboard accessible). */
export function EntityActions(props: EntityActionsProps): JSX.Element {
  let up: HTMLButtonElement | undefined;
  let down: HTMLButtonElement | undefined;
  // The row moves in the DOM, which takes focus from the button pressed: give it back (or to
  // the other direction once the row reached an end), so moving again is one more key press.
  const move = (toIndex: number, pressed: 'up' | 'down') => {
    props.move(toIndex);
    queueMicrotask(() => {
      const first = pressed === 'up' ? up : down;
      const other = pressed === 'up' ? down : up;
      (first && !first.disabled ? first : other)?.focus();
    });
  };
  return (
    <Show when={props.editor.canWrite()}>
      <div class="plan-actions" data-testid={props.testId}>
        <button
          ref={up}
          type="button"
          class="button button--small"
          aria-label={t().plan.actions.moveUpFor(props.label)}
          disabled={props.index === 0}
          data-action="move-up"
          onClick={() => move(props.index - 1, 'up')}
        >
          <span aria-hidden="true">↑ </span>
          {t().plan.actions.moveUp}
        </button>
        <button
          ref={down}
          type="button"
          class="button button--small"
          aria-label={t().plan.actions.moveDownFor(props.label)}
          disabled={props.index >= props.count - 1}
          data-action="move-down"
          onClick={() => move(props.index + 1, 'down')}
        >
          <span aria-hidden="true">↓ </span>
          {t().plan.actions.moveDown}
        </button>
        <button
          type="button"
          class="button button--small button--danger"
          aria-label={t().plan.actions.removeFor(props.label)}
          data-action="remove"
          onClick={() => props.remove()}
        >
          {t().plan.actions.remove}
        </button>
      </div>
    </Show>
  );
}

export interface AddFormProps {
  editor: PlanEditor;
  /** The input's label, e.g. "Nytt mål". */
  label: string;
  button: string;
  /** Adds with the typed text; returns a message when refused. */
  add: (text: string) => string | null;
  testId?: string;
}

/** One line and a button that adds an entity (a goal by its title, a perspective by its name). */
export function AddForm(props: AddFormProps): JSX.Element {
  const id = createUniqueId();
  const [error, setError] = createSignal<string | null>(null);
  let input: HTMLInputElement | undefined;
  const submit = (event: Event) => {
    event.preventDefault();
    const text = input?.value.trim() ?? '';
    const refused = text === '' ? t().plan.errors.required : props.add(text);
    setError(refused);
    if (refused === null && input) input.value = '';
  };
  return (
    <Show when={props.editor.canWrite()}>
      <form class="plan-add" onSubmit={submit} data-testid={props.testId}>
        <label for={id} class="plan-add__label">
          {props.label}
        </label>
        <div class="plan-add__row">
          <input
            ref={input}
            id={id}
            type="text"
            class="board-field__input"
            maxLength={MAX_PLAN_LINE_LENGTH}
            aria-invalid={error() ? 'true' : undefined}
            aria-describedby={error() ? `${id}-error` : undefined}
          />
          <button type="submit" class="button">
            <span aria-hidden="true">+ </span>
            {props.button}
          </button>
        </div>
        <Show when={error()}>
          <p id={`${id}-error`} class="board-field__error" role="alert">
            {error()}
          </p>
        </Show>
      </form>
    </Show>
  );
}
