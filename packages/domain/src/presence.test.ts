import { describe, expect, it } from 'vitest';
import { bindPresenceState } from './presence';

const anna = { id: 'u-anna', username: 'anna', displayName: 'Anna Andersson' };

describe('bindPresenceState', () => {
  it("replaces the identity a client claims with the session's, keeping colour, field and caret", () => {
    const cursor = { anchor: { type: { client: 1, clock: 2 }, tname: null, assoc: 0 }, head: { item: null } };
    expect(
      bindPresenceState(
        {
          user: { id: 'u-chef', name: 'Kommunchef', color: '#b91c1c' },
          username: 'kommunchef',
          field: 'assignment:ka-2015-1:title',
          cursor,
          extra: 'dropped',
        },
        anna,
      ),
    ).toEqual({
      user: { id: 'u-anna', name: 'Anna Andersson', color: '#b91c1c' },
      username: 'anna',
      field: 'assignment:ka-2015-1:title',
      cursor,
    });
  });

  it('gives a state without a user no identity at all', () => {
    expect(bindPresenceState({}, anna)).toEqual({});
    expect(bindPresenceState({ username: 'kommunchef', field: null }, anna)).toEqual({ field: null });
  });

  it.each([
    ['not an object', 'Kommunchef'],
    ['a field that is not a string', { field: 42 }],
    ['a field over 200 characters', { field: 'x'.repeat(201) }],
    ['a colour that is not #rrggbb', { user: { color: 'url(javascript:alert(1))' } }],
    ['a caret that is not relative positions', { cursor: { anchor: 'a', head: 'b' } }],
  ])('refuses %s', (_, state) => {
    expect(bindPresenceState(state, anna)).toBeNull();
  });
});
