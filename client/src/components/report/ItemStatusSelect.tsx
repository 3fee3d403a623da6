/**
 * The status of a report item: grön/gul/röd for goals and indicators, ej påbörjad/pågår/klar
 * for initiatives and assignments. The option's text is the status (never colour alone); a
 * symbol and a border colour only repeat it.
 */
import { goalStatus, progressStatus } from '@foljsam/domain';
import { For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';

export type StatusKind = 'goal' | 'progress';

const SYMBOLS: Record<string, string> = {
  gron: '●',
  gul: '▲',
  rod: '■',
  'ej-paborjad': '○',
  pagar: '◐',
  klar: '●',
};

export function statusLabel(status: string): string {
  const messages = t();
  if (status in messages.report.goalStatus) {
    return messages.report.goalStatus[status as keyof typeof messages.report.goalStatus];
  }
  if (status in messages.status) return messages.status[status as keyof typeof messages.status];
  return status;
}

export function ItemStatusSelect(props: {
  kind: StatusKind;
  value: string | undefined;
  label: string;
  disabled: boolean;
  onChange: (status: string) => void;
  onFocusChange?: (focused: boolean) => void;
  testId?: string;
}): JSX.Element {
  const options = () => (props.kind === 'goal' ? goalStatus.options : progressStatus.options);
  return (
    <span class="item-status" data-status={props.value ?? 'none'}>
      <span class="item-status__symbol" aria-hidden="true">
        {props.value ? SYMBOLS[props.value] : '–'}
      </span>
      <select
        class="item-status__select"
        aria-label={props.label}
        disabled={props.disabled}
        data-testid={props.testId}
        data-status={props.value ?? 'none'}
        onFocus={() => props.onFocusChange?.(true)}
        onBlur={() => props.onFocusChange?.(false)}
        onChange={(event) => {
          const select = event.currentTarget;
          if (select.value) props.onChange(select.value);
          // The document decides what is shown.
          select.value = props.value ?? '';
        }}
      >
        <Show when={props.value === undefined}>
          <option value="" selected>
            {t().report.statusNotSet}
          </option>
        </Show>
        <For each={options()}>
          {(status) => (
            <option value={status} selected={status === props.value}>
              {statusLabel(status)}
            </option>
          )}
        </For>
      </select>
    </span>
  );
}
