/**
 * A labelled number field of the report (an outcome, a budget figure). What is typed is kept
 * as a draft while the field has focus and written as it is typed whenever it parses (Swedish
 * "76,5" or "1 234,5", or empty), so a number is on this device a few milliseconds after the
 * keystroke, like the text beside it, and survives a reload or a closed tab. A draft that does
 * not parse yet ("76,") writes nothing; on change (Enter or leaving the field) it shows a
 * Swedish error. Escape puts back the value the field had when it got focus. Without a draft
 * the field shows the document's value, so another person's change appears as soon as it
 * arrives.
 */
import { createSignal, createUniqueId, type JSX, Show } from 'solid-js';
import { formatNumber, t } from '../../i18n';
import type { Presence } from '../../sync/presence';
import { FieldPresence } from '../PresenceList';
import type { NumberError, ParsedNumber } from './numbers';

export interface NumberFieldProps {
  /** The visible label, e.g. "Utfall". */
  label: string;
  /** The accessible name when it says more than the label, e.g. "Utfall för <title>". */
  accessibleName?: string;
  /** The value in the document (null: none). */
  value: number | null;
  parse: (text: string) => ParsedNumber;
  /** Writes a valid value; may throw (the domain's InvalidChangeError), which is shown. */
  onCommit: (value: number | null) => void;
  readOnly: boolean;
  /** The unit shown after the field ("%", "tkr"). */
  unit?: string;
  /** A line under the field, e.g. the year's target. */
  description?: string;
  presence: Presence;
  /** The presence field name, e.g. "indicator:ind-heltid:outcome". */
  field: string;
  testId?: string;
}

/** A number as it is typed back into the field: "76,5", "1 234,5", at most 2 decimals. */
function display(value: number | null): string {
  return value === null ? '' : formatNumber(value, 2);
}

export function NumberField(props: NumberFieldProps): JSX.Element {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal<string | null>(null);
  const [error, setError] = createSignal<NumberError | 'failed' | null>(null);
  /** The document's value when the field got focus, for Escape. */
  let valueOnFocus: number | null = null;

  /** Writes `text` if it parses and differs; returns false if it does not parse or the write fails. */
  const write = (text: string): NumberError | 'failed' | null => {
    const parsed = props.parse(text);
    if (!parsed.ok) return parsed.error;
    if (parsed.value !== props.value) {
      try {
        props.onCommit(parsed.value);
      } catch {
        return 'failed';
      }
    }
    return null;
  };

  const commit = (text: string) => {
    const failure = write(text);
    setError(failure);
    if (failure === null) setDraft(null);
  };

  const message = () => {
    const current = error();
    if (current === null) return '';
    return current === 'failed' ? t().report.invalidNumber : t().report[current];
  };

  return (
    <div class="report-number">
      <label class="report-number__label" for={id}>
        {props.label}
      </label>
      <FieldPresence presence={props.presence} field={props.field} />
      <div class="report-number__row">
        <input
          id={id}
          class="report-number__input"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          aria-label={props.accessibleName}
          readOnly={props.readOnly}
          data-testid={props.testId}
          aria-invalid={error() ? 'true' : 'false'}
          aria-describedby={`${id}-error ${id}-description`}
          value={draft() ?? display(props.value)}
          onFocus={() => {
            valueOnFocus = props.value;
            props.presence.setField(props.field);
          }}
          onBlur={() => {
            props.presence.setField(null);
            // A valid draft has been written by onChange; an invalid one stays with its error.
            if (!error()) setDraft(null);
          }}
          onInput={(event) => {
            const text = event.currentTarget.value;
            setDraft(text);
            // Written as typed; a partial number ("76,") waits, its error comes on change.
            if (!props.readOnly && write(text) === null) setError(null);
          }}
          onChange={(event) => {
            if (!props.readOnly) commit(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setDraft(null);
              setError(null);
              if (!props.readOnly && props.value !== valueOnFocus) write(display(valueOnFocus));
              event.currentTarget.value = display(valueOnFocus);
            }
          }}
        />
        <Show when={props.unit}>
          <span class="report-number__unit" aria-hidden="true">
            {props.unit}
          </span>
        </Show>
      </div>
      <p id={`${id}-description`} class="report-number__description">
        {props.description ?? ''}
      </p>
      <p
        id={`${id}-error`}
        class="form-error"
        role="alert"
        data-testid={props.testId ? `${props.testId}-error` : undefined}
      >
        {message()}
      </p>
    </div>
  );
}
