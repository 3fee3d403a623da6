/**
 * Display names for the usernames in an assignment's status history. The history records the
 * username (`by`); there is no user directory on the server yet, so the board learns names from
 * presence: each board publishes its user's username next to the presence state, and every name
 * seen during the visit is remembered. Unknown usernames are shown as they are.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import type { SessionUser } from '../../api';

export function createNameDirectory(
  provider: WebsocketProvider,
  user: SessionUser,
): Accessor<(username: string) => string> {
  const { awareness } = provider;
  const names = new Map<string, string>([[user.username, user.displayName]]);
  const [version, setVersion] = createSignal(0);

  const publish = () => {
    const local = awareness.getLocalState();
    if (local && local.username !== user.username) awareness.setLocalStateField('username', user.username);
  };
  const learn = () => {
    publish();
    let changed = false;
    for (const state of awareness.getStates().values()) {
      const username = (state as { username?: unknown }).username;
      const name = (state as { user?: { name?: unknown } }).user?.name;
      if (typeof username === 'string' && typeof name === 'string' && names.get(username) !== name) {
        names.set(username, name);
        changed = true;
      }
    }
    if (changed) setVersion((v) => v + 1);
  };
  learn();
  awareness.on('change', learn);
  onCleanup(() => awareness.off('change', learn));

  return () => {
    version();
    return (username: string) => names.get(username) ?? username;
  };
}
