/**
 * Presence on a synced document (y-protocols awareness): who else has it open, in which
 * colour, and which field each is editing. Fields are never locked; a field someone else is
 * in is only marked.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import type { SessionUser } from '../api';

/** What each client publishes in its awareness state. */
export interface PresenceState {
  user: { id: string; name: string; color: string };
  /** The field being edited, e.g. "assignment:ka-2015-1:title"; null when none. */
  field: string | null;
}

export interface Peer extends PresenceState {
  clientId: number;
  isSelf: boolean;
}

// Colours with at least 4.5:1 contrast against white, for names drawn on them.
const COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f'];

/** A stable colour per user, so someone keeps their colour across documents and visits. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] as string;
}

export interface Presence {
  /** Everyone on the document, this client first. */
  peers: Accessor<Peer[]>;
  /** Tells the others which field this client edits (null: none). */
  setField(field: string | null): void;
  /** The others editing `field` right now. */
  editorsOf(field: string): Peer[];
}

/** Publishes this user's presence on `provider` and follows everyone else's. */
export function createPresence(provider: WebsocketProvider, user: SessionUser): Presence {
  const { awareness } = provider;
  const self: PresenceState = {
    user: { id: user.id, name: user.displayName, color: colorFor(user.id) },
    field: null,
  };
  awareness.setLocalState(self);

  const read = (): Peer[] => {
    const peers: Peer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      const presence = state as Partial<PresenceState>;
      if (!presence.user || typeof presence.user.name !== 'string') continue;
      peers.push({
        clientId,
        isSelf: clientId === awareness.clientID,
        user: presence.user,
        field: typeof presence.field === 'string' ? presence.field : null,
      });
    }
    return peers.sort(
      (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name),
    );
  };
  const [peers, setPeers] = createSignal<Peer[]>(read());
  const onChange = () => setPeers(read());
  awareness.on('change', onChange);
  onCleanup(() => {
    awareness.off('change', onChange);
    awareness.setLocalState(null);
  });

  return {
    peers,
    setField(field) {
      awareness.setLocalStateField('field', field);
    },
    editorsOf(field) {
      return peers().filter((peer) => !peer.isSelf && peer.field === field);
    },
  };
}
