import { describe, expect, it } from 'vitest';
import { Acknowledger } from './Acknowledger';
import type { Connection } from './Connection';
import { ManualTimer, TestClient } from './testing/syncHarness';

function setup() {
  const timer = new ManualTimer();
  const sent: Connection[] = [];
  /** Jobs the acknowledger queued behind what is being stored; run when the test says. */
  const queued: (() => void)[] = [];
  const acknowledger = new Acknowledger({
    send: (connection) => sent.push(connection),
    afterStored: (run) => queued.push(run),
    timer,
    intervalMs: 250,
  });
  const runQueued = () => {
    for (const run of queued.splice(0)) run();
  };
  return { timer, sent, queued, acknowledger, runQueued };
}

describe('Acknowledger', () => {
  it('acknowledges at once, then at most once per interval', () => {
    const { timer, sent, queued, acknowledger, runQueued } = setup();
    const { connection } = new TestClient();
    acknowledger.acknowledge(connection);
    expect(sent).toEqual([connection]);
    timer.advance(100);
    for (let i = 0; i < 5; i++) acknowledger.acknowledge(connection);
    expect(sent).toHaveLength(1);
    expect(timer.scheduled).toBe(1);
    timer.advance(149);
    expect(queued).toHaveLength(0);
    timer.advance(1);
    // Due, but sent only through the document's queue, behind what is being stored.
    expect(sent).toHaveLength(1);
    expect(queued).toHaveLength(1);
    runQueued();
    expect(sent).toEqual([connection, connection]);
    // The interval counts from when it was sent.
    acknowledger.acknowledge(connection);
    expect(sent).toHaveLength(2);
    timer.advance(250);
    runQueued();
    expect(sent).toHaveLength(3);
  });

  it('throttles each connection on its own', () => {
    const { sent, acknowledger } = setup();
    const [a, b] = [new TestClient().connection, new TestClient().connection];
    acknowledger.acknowledge(a);
    acknowledger.acknowledge(b);
    acknowledger.acknowledge(a);
    expect(sent).toEqual([a, b]);
  });

  it('drops the pending acknowledgement of a connection that left, and all on dispose', () => {
    const { timer, sent, queued, acknowledger } = setup();
    const [a, b] = [new TestClient().connection, new TestClient().connection];
    for (const connection of [a, b, a, b]) acknowledger.acknowledge(connection);
    expect(timer.scheduled).toBe(2);
    acknowledger.forget(a);
    expect(timer.scheduled).toBe(1);
    acknowledger.dispose();
    expect(timer.scheduled).toBe(0);
    timer.advance(1000);
    expect(queued).toHaveLength(0);
    expect(sent).toEqual([a, b]);
  });
});
