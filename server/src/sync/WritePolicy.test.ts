import { reportText } from '@foljsam/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestClient, userA, userB } from './testing/syncHarness';
import { domainWritePolicy } from './WritePolicy';
import { REFUSAL } from './writeGuard';

const writeText = (text: string) => (doc: Y.Doc) =>
  reportText(doc, 'analysis', 'goal:g1').insert(0, [new Y.XmlText(text)]);

function setup(maxDocumentBytes = 1_000_000) {
  const doc = new Y.Doc();
  const target = { doc, storedBytes: 0 };
  const policy = domainWritePolicy({ maxDocumentBytes })(doc);
  /** Checks and, when admitted, applies as the document would. */
  const submit = (client: TestClient, update: Uint8Array) => {
    const verdict = policy.check(target, client.connection, update);
    if (verdict.ok) {
      Y.applyUpdate(doc, verdict.update);
      target.storedBytes += verdict.update.byteLength;
    }
    return verdict;
  };
  return { doc, target, policy, submit };
}

describe('domainWritePolicy', () => {
  it('refuses a connection without write access before its update is queued', () => {
    const { policy } = setup();
    expect(policy.refusesConnection(new TestClient(userA, 'none').connection)).toBe(
      `read-only: ${REFUSAL.noWrite}`,
    );
    expect(policy.refusesConnection(new TestClient(userA, 'all').connection)).toBeNull();
  });

  it("admits a change the domain's rules allow and refuses one they do not", () => {
    const { doc, submit } = setup();
    const client = new TestClient(userA);
    expect(submit(client, client.edit(writeText('hello')))).toMatchObject({ ok: true });
    expect(reportText(doc, 'analysis', 'goal:g1').toString()).toContain('hello');
    expect(
      submit(
        client,
        client.edit((d) => d.getMap('meta').set('status', 'godkand')),
      ),
    ).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.meta}`,
    });
  });

  it('refuses a change past the size limit, but lets a resend of what is held through', () => {
    const { target, submit } = setup(200);
    const client = new TestClient(userA);
    const first = client.edit(writeText('a short text'));
    expect(submit(client, first).ok).toBe(true);
    target.storedBytes = 200;
    expect(submit(client, client.edit(writeText('one more')))).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.documentFull}`,
    });
    expect(submit(new TestClient(userA), first).ok).toBe(true);
  });

  it('lets only the first writer of a client id extend it, and nobody the server’s', () => {
    const { doc, submit } = setup();
    const tab = new TestClient(userA);
    expect(submit(tab, tab.edit(writeText('mine'))).ok).toBe(true);
    // B sends changes under A's client id.
    const intruder = new TestClient(userB);
    expect(submit(intruder, tab.edit(writeText('not yours')))).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.clientId}`,
    });
    const impostor = new Y.Doc();
    impostor.clientID = doc.clientID;
    Y.applyUpdate(impostor, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(impostor);
    writeText('as the server')(impostor);
    expect(submit(tab, Y.encodeStateAsUpdate(impostor, before))).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.clientId}`,
    });
  });
});
