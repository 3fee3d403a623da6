/**
 * Presence: what each client publishes in its awareness state (y-protocols awareness) on a
 * synced document. The server owns the identity part: `user.id`, `user.name` and `username`
 * come from the signed-in session, whatever a client sends; the rest (colour, focused field,
 * editor caret) comes from the client and is checked against this schema.
 */
import { z } from 'zod';

/** A Yjs item id as `Y.relativePositionToJSON` writes it. */
const yId = z.object({
  client: z.number().int().nonnegative(),
  clock: z.number().int().nonnegative(),
});

/** A Yjs relative position as `Y.relativePositionToJSON` writes it (the editor's caret). */
const relativePosition = z.object({
  type: yId.nullish(),
  tname: z.string().max(100).nullish(),
  item: yId.nullish(),
  assoc: z.number().int().optional(),
});

/**
 * The client-supplied part of a presence state. Unknown keys are dropped, and so are the
 * identity fields of `user`: the server sets those (see {@link PresenceState}).
 */
export const presenceStateInput = z.object({
  user: z
    .object({
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb')
        .optional(),
    })
    .optional(),
  /** The field being edited, e.g. "assignment:ka-2015-1:title"; null when none. */
  field: z.string().max(200).nullable().optional(),
  /** The rich-text editor's caret (y-tiptap's awareness field). */
  cursor: z.object({ anchor: relativePosition, head: relativePosition }).nullable().optional(),
});

export type PresenceStateInput = z.infer<typeof presenceStateInput>;

/**
 * A presence state as every client receives it. A state with a `user` carries the session's
 * identity; one without (y-protocols' initial `{}`, a connection that only syncs) shows nobody.
 */
export type PresenceState = Omit<PresenceStateInput, 'user'> & {
  user?: { id: string; name: string; color?: string };
  username?: string;
};

/** Who a presence state belongs to, as the server knows it from the session. */
export interface PresenceIdentity {
  id: string;
  username: string;
  displayName: string;
}

/**
 * Checks a client's presence state and binds it to `identity`: the client's own `user.id`,
 * `user.name` and `username` are replaced (and dropped when the state has no `user`). Null
 * when the state does not fit the schema.
 */
export function bindPresenceState(state: unknown, identity: PresenceIdentity): PresenceState | null {
  const parsed = presenceStateInput.safeParse(state);
  if (!parsed.success) return null;
  const { user, ...rest } = parsed.data;
  if (!user) return rest;
  return {
    ...rest,
    user: { ...user, id: identity.id, name: identity.displayName },
    username: identity.username,
  };
}
