/** Who else is on this document: names with their colours (never colour alone). */
import { For, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import type { Presence } from '../sync/presence';

export function PresenceList(props: { presence: Presence }): JSX.Element {
  const others = () => props.presence.peers().filter((peer) => !peer.isSelf);
  return (
    <section class="presence" aria-label={t().presence.label} data-testid="presence">
      <Show when={others().length > 0} fallback={<span class="presence__alone">{t().presence.alone}</span>}>
        <ul class="presence__list">
          <For each={others()}>
            {(peer) => (
              <li
                class="presence__peer"
                style={{ '--peer-color': peer.user.color }}
                data-presence-user={peer.user.name}
              >
                <span class="presence__dot" aria-hidden="true" />
                {peer.user.name}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/** A marker beside a field that others are editing: their names, in their colours. */
export function FieldPresence(props: { presence: Presence; field: string }): JSX.Element {
  const editors = () => props.presence.editorsOf(props.field);
  return (
    <Show when={editors().length > 0}>
      <span class="field-presence" data-field-presence={props.field}>
        <For each={editors()}>
          {(peer) => (
            <span class="field-presence__peer" style={{ '--peer-color': peer.user.color }}>
              {t().presence.editing(peer.user.name)}
            </span>
          )}
        </For>
      </span>
    </Show>
  );
}
