/** A labelled `<select>` of a progress status (Ej påbörjad / Pågår / Klar). */
import { type ProgressStatus, progressStatus } from '@foljsam/domain';
import { For } from 'solid-js';
import { t } from '../i18n';

export interface StatusSelectProps {
  value: ProgressStatus;
  /** Accessible name, e.g. "Status för <title>". */
  label: string;
  onChange: (status: ProgressStatus) => void;
  disabled?: boolean;
  testId?: string;
}

export function StatusSelect(props: StatusSelectProps) {
  return (
    <select
      class="status-select"
      data-status={props.value}
      data-testid={props.testId}
      aria-label={props.label}
      disabled={props.disabled}
      onChange={(event) => {
        const select = event.currentTarget;
        const parsed = progressStatus.safeParse(select.value);
        if (parsed.success) props.onChange(parsed.data);
        // The doc decides what is shown: if the change did not happen, show the real value again.
        select.value = props.value;
      }}
    >
      <For each={progressStatus.options}>
        {(status) => (
          <option value={status} selected={status === props.value}>
            {t().status[status]}
          </option>
        )}
      </For>
    </select>
  );
}
