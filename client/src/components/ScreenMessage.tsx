/**
 * A screen's one-line answer to what the user just did: "Uppdraget är borttaget." as a polite
 * status, a refusal as an alert (read out at once), or nothing.
 */
import { type JSX, Show } from 'solid-js';

/** What a screen tells the user after an action; null when there is nothing to say. */
export type ScreenNotice = { kind: 'ok' | 'error'; text: string } | null;

export function ScreenMessage(props: { message: ScreenNotice; testId: string }): JSX.Element {
  return (
    <Show when={props.message}>
      {(shown) => (
        <p
          class={shown().kind === 'error' ? 'form-error' : 'notice board-message'}
          role={shown().kind === 'error' ? 'alert' : 'status'}
          data-testid={props.testId}
        >
          {shown().text}
        </p>
      )}
    </Show>
  );
}
