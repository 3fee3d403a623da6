/**
 * A frame around a control that is not an {@link InlineField} (a select): tells the others
 * which field this person is in while it has focus, and marks the field when others are in it.
 */
import type { JSX } from 'solid-js';
import type { Presence } from '../../sync/presence';
import { FieldPresence } from '../PresenceList';

export function FieldFrame(props: { presence: Presence; field: string; children: JSX.Element }): JSX.Element {
  const editors = () => props.presence.editorsOf(props.field);
  return (
    <div
      class="board-field"
      classList={{ 'board-field--others': editors().length > 0 }}
      style={{ '--peer-color': editors()[0]?.user.color }}
      data-field={props.field}
      onFocusIn={() => props.presence.setField(props.field)}
      onFocusOut={() => props.presence.setField(null)}
    >
      {props.children}
      <FieldPresence presence={props.presence} field={props.field} />
    </div>
  );
}
