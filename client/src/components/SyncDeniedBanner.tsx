/**
 * The banner a screen shows once the server has refused a change to its document ("permission
 * denied" over the websocket, see docs/protocol.md): the document is read-only from then on,
 * and the person is told so plainly, with the server's reason, instead of typing into a
 * document that keeps none of it.
 */
import { type JSX, Show } from 'solid-js';
import { t } from '../i18n';

export function SyncDeniedBanner(props: { reason: string | null }): JSX.Element {
  return (
    <Show when={props.reason}>
      {(reason) => (
        <div class="notice sync-denied" role="alert" data-testid="sync-denied">
          <p class="sync-denied__heading">
            <span aria-hidden="true">⊘ </span>
            <strong>{t().roles.denied.heading}</strong>
          </p>
          <p>{t().roles.denied.text}</p>
          <p class="sync-denied__reason">{t().roles.denied.reason(reason())}</p>
        </div>
      )}
    </Show>
  );
}
