/**
 * The reconnect back-off spreads clients over a growing window, reproducibly with a seeded
 * random; reachability probes cut the wait short once the server answers, without probing in
 * step and without retrying against a server that asked the client to wait.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  backoffDelay,
  ConnectGate,
  DEFAULT_BACKOFF,
  DEFAULT_PROBE,
  jitteredWebSocketClass,
  probeDelay,
  ReconnectScheduler,
  serverAllowsReconnect,
  type WaitingSocket,
} from './reconnectBackoff';

/** A small seeded generator (mulberry32), so every run sees the same sequence. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelay', () => {
  it('stays inside a window that doubles per attempt up to the cap', () => {
    const random = seeded(42);
    for (let attempt = 0; attempt < 12; attempt++) {
      const window = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** attempt);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(window);
      }
    }
  });

  it('spreads 300 clients reconnecting after a restart over the first window', () => {
    const random = seeded(7);
    const delays = Array.from({ length: 300 }, () => backoffDelay(0, random));
    // No storm: no single millisecond holds more than a handful of clients...
    const perMillisecond = new Map<number, number>();
    for (const delay of delays) perMillisecond.set(delay, (perMillisecond.get(delay) ?? 0) + 1);
    expect(Math.max(...perMillisecond.values())).toBeLessThanOrEqual(5);
    // ...and every tenth of the window gets some of them.
    const tenths = new Set(delays.map((delay) => Math.floor((delay / DEFAULT_BACKOFF.baseMs) * 10)));
    expect(tenths.size).toBe(10);
  });

  it('is reproducible with the same seed and differs with another', () => {
    const run = (seed: number) => {
      const random = seeded(seed);
      return Array.from({ length: 20 }, (_, attempt) => backoffDelay(attempt % 6, random));
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});

describe('probeDelay', () => {
  it('probes around the fast interval early in an outage and the slow one later', () => {
    const random = seeded(3);
    for (let i = 0; i < 500; i++) {
      const early = probeDelay(0, random);
      expect(early).toBeGreaterThanOrEqual(DEFAULT_PROBE.intervalMs / 2);
      expect(early).toBeLessThan(DEFAULT_PROBE.intervalMs * 1.5);
      const late = probeDelay(DEFAULT_PROBE.fastForMs, random);
      expect(late).toBeGreaterThanOrEqual(DEFAULT_PROBE.slowIntervalMs / 2);
      expect(late).toBeLessThan(DEFAULT_PROBE.slowIntervalMs * 1.5);
    }
  });

  it('spreads the probes of 300 clients that lost the server at once', () => {
    const random = seeded(11);
    const delays = Array.from({ length: 300 }, () => probeDelay(0, random));
    const perMillisecond = new Map<number, number>();
    for (const delay of delays) perMillisecond.set(delay, (perMillisecond.get(delay) ?? 0) + 1);
    expect(Math.max(...perMillisecond.values())).toBeLessThanOrEqual(5);
    const tenths = new Set(
      delays.map((delay) =>
        Math.floor(((delay - DEFAULT_PROBE.intervalMs / 2) / DEFAULT_PROBE.intervalMs) * 10),
      ),
    );
    expect(tenths.size).toBe(10);
  });
});

/** A stand-in for the browser's WebSocket: the test opens or closes it as the server would. */
class FakeSocket {
  static readonly all: FakeSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly bufferedAmount = 0;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(): void {}
  close(code = 1000): void {
    // As a browser's: closing a closed socket does nothing.
    if (this.readyState !== 3) this.serverClose(code);
  }
  serverAccepts(): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' } as CloseEvent);
  }
}

/** Mimics y-websocket: a new socket after each close, on the same wrapper class. */
function provider(Socket: typeof WebSocket) {
  const state = { current: null as WebSocket | null, closes: 0 };
  const connect = () => {
    const socket = new Socket('ws://server/sync/doc');
    socket.onclose = () => {
      state.closes += 1;
      connect();
    };
    state.current = socket;
  };
  connect();
  return state;
}

/** The real sockets opened so far (the wrapper opens one when its wait ends). */
const opened = () => FakeSocket.all.length;
const lastReal = () => FakeSocket.all[FakeSocket.all.length - 1] as FakeSocket;

/** A back-off so long that a retry before it ends can only be the probe's doing. */
const HOUR = 3_600_000;
const LONG = { baseMs: HOUR, capMs: HOUR };

describe('reconnect scheduler with the jittered sockets', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Every retry the scheduler can order once the server is proven reachable. */
  const ALL_RETRIES = DEFAULT_PROBE.retryWindowMs + DEFAULT_PROBE.laterWindowMs;

  function setUp(serverUp: { value: boolean }, online = { value: true }, backoff = LONG) {
    const probes: number[] = [];
    const scheduler = new ReconnectScheduler({
      probe: async () => {
        probes.push(Date.now());
        return serverUp.value;
      },
      random: seeded(5),
      browserOnline: () => online.value,
    });
    const Socket = jitteredWebSocketClass(
      () => 0.999,
      backoff,
      {},
      {
        scheduler,
        WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
        gate: ungated(),
      },
    );
    return { scheduler, Socket, probes };
  }

  it('does not probe while every socket is connected', async () => {
    const { scheduler, Socket, probes } = setUp({ value: true });
    provider(Socket);
    lastReal().serverAccepts();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toHaveLength(0);
    expect(scheduler.probing).toBe(false);
  });

  it('retries at once after a restart once a probe answers, long before the back-off ends', async () => {
    const serverUp = { value: false };
    const { scheduler, Socket, probes } = setUp(serverUp);
    provider(Socket);
    lastReal().serverAccepts();
    lastReal().serverClose(1006); // the server is killed
    await vi.advanceTimersByTimeAsync(0);
    expect(opened()).toBe(1); // the new socket waits (an hour, here)
    expect(scheduler.size).toBe(1);

    // Down for 5 s: probes go out, on a jittered schedule, and fail.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probes.length).toBeGreaterThanOrEqual(Math.floor(5_000 / (DEFAULT_PROBE.intervalMs * 1.5)));
    expect(probes.length).toBeLessThanOrEqual(Math.ceil(5_000 / (DEFAULT_PROBE.intervalMs * 0.5)));
    const gaps = probes.slice(1).map((at, i) => at - (probes[i] as number));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(DEFAULT_PROBE.intervalMs / 2);
      expect(gap).toBeLessThan(DEFAULT_PROBE.intervalMs * 1.5);
    }
    expect(new Set(gaps).size).toBeGreaterThan(1);
    expect(opened()).toBe(1);

    // Back: the next probe answers and the socket opens within the retry window.
    serverUp.value = true;
    const probesBefore = probes.length;
    await vi.advanceTimersByTimeAsync(DEFAULT_PROBE.intervalMs * 1.5 + ALL_RETRIES);
    expect(probes.length).toBe(probesBefore + 1);
    expect(opened()).toBe(2);
    expect(scheduler.probing).toBe(false);
  });

  it('treats any successful REST answer as proof, without waiting for a probe', async () => {
    const { scheduler, Socket, probes } = setUp({ value: false });
    provider(Socket);
    lastReal().serverAccepts();
    lastReal().serverClose(1001);
    await vi.advanceTimersByTimeAsync(0);
    scheduler.reachable();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES);
    expect(opened()).toBe(2);
    expect(probes).toHaveLength(0);
  });

  it('takes the shortcut once per outage: a retry that fails waits out its back-off, unprobed', async () => {
    const { scheduler, Socket, probes } = setUp({ value: true });
    const state = provider(Socket);
    lastReal().serverAccepts();
    lastReal().serverClose(1006);
    await vi.advanceTimersByTimeAsync(DEFAULT_PROBE.intervalMs * 1.5 + ALL_RETRIES);
    expect(opened()).toBe(2);
    // The server answered HTTP but the socket fails again (say a proxy without websockets).
    lastReal().serverClose(1006);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opened()).toBe(2);
    expect(probes).toHaveLength(1);
    expect(scheduler.probing).toBe(false);
    scheduler.reachable();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opened()).toBe(2);
    expect(state.closes).toBe(2);

    // A socket that opens ends the outage: the next loss may shortcut again.
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(opened()).toBe(3);
    lastReal().serverAccepts();
    lastReal().serverClose(1006);
    await vi.advanceTimersByTimeAsync(DEFAULT_PROBE.intervalMs * 1.5 + ALL_RETRIES);
    expect(opened()).toBe(4);
  });

  it('never cuts short a wait the server asked for (close codes 4000–4999)', async () => {
    const { scheduler, Socket, probes } = setUp({ value: true });
    provider(Socket);
    lastReal().serverAccepts();
    lastReal().serverClose(4429); // "write budget exceeded, try again shortly"
    await vi.advanceTimersByTimeAsync(60_000);
    scheduler.reachable();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opened()).toBe(1);
    expect(probes).toHaveLength(0);
  });

  it('sends no probe while the browser knows it is offline, and probes at once when it is back', async () => {
    const online = { value: true };
    const { scheduler, Socket, probes } = setUp({ value: true }, online);
    provider(Socket);
    lastReal().serverAccepts();
    online.value = false;
    lastReal().serverClose(1006);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(probes).toHaveLength(0);
    expect(opened()).toBe(1);

    online.value = true;
    scheduler.networkBack();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES);
    expect(probes).toHaveLength(1);
    expect(opened()).toBe(2);
  });

  it('makes no attempt while the browser knows it is offline, and tries once the network is back', async () => {
    const online = { value: true };
    const { scheduler, Socket } = setUp({ value: true }, online, { baseMs: 500, capMs: 10_000 });
    provider(Socket);
    lastReal().serverAccepts();
    online.value = false;
    lastReal().serverClose(1006);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(opened()).toBe(1);

    online.value = true;
    scheduler.networkBack();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES);
    expect(opened()).toBe(2);
  });

  it('re-draws within the first window, when the network is back, the wait of a socket that may not shortcut', async () => {
    const { scheduler, Socket, probes } = setUp(
      { value: true },
      { value: true },
      { baseMs: 500, capMs: HOUR },
    );
    provider(Socket);
    lastReal().serverAccepts();
    // Refused again and again with "slow down": the window grows to minutes.
    for (let refusal = 0; refusal < 10; refusal++) {
      lastReal().serverClose(4429);
      await vi.advanceTimersByTimeAsync(500 * 2 ** refusal);
    }
    expect(opened()).toBe(11);
    lastReal().serverClose(4429);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opened()).toBe(11);
    scheduler.networkBack();
    await vi.advanceTimersByTimeAsync(500);
    expect(opened()).toBe(12);
    expect(probes).toHaveLength(0);
  });

  it('lets the sockets of documents with changes waiting retry before the others', async () => {
    const scheduler = new ReconnectScheduler({ probe: async () => true, random: seeded(13) });
    const urgentUrls = new Set<string>();
    for (let index = 0; index < 20; index++) {
      const urgent = index % 4 === 0;
      const Socket = jitteredWebSocketClass(
        () => 0.999,
        LONG,
        { urgent: () => urgent },
        {
          scheduler,
          WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
          gate: ungated(),
        },
      );
      const url = `ws://server/sync/doc-${index}`;
      if (urgent) urgentUrls.add(url);
      const connect = () => {
        const socket = new Socket(url);
        socket.onclose = connect;
      };
      connect();
      lastReal().serverAccepts();
    }
    for (const socket of [...FakeSocket.all]) socket.serverClose(1006);
    FakeSocket.all.length = 0;
    await vi.advanceTimersByTimeAsync(0);
    scheduler.reachable();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES);
    expect(opened()).toBe(20);
    const order = FakeSocket.all.map((socket) => urgentUrls.has(socket.url));
    expect(order.slice(0, urgentUrls.size).every(Boolean)).toBe(true);
    expect(order.slice(urgentUrls.size).some(Boolean)).toBe(false);
  });

  it('lets every waiting socket of every provider retry, spread over the retry window', async () => {
    const scheduler = new ReconnectScheduler({ probe: async () => true, random: seeded(9) });
    const Sockets = Array.from({ length: 50 }, () =>
      jitteredWebSocketClass(
        () => 0.999,
        LONG,
        {},
        {
          scheduler,
          WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
          gate: ungated(),
        },
      ),
    );
    for (const Socket of Sockets) {
      provider(Socket);
      lastReal().serverAccepts();
    }
    const firstSockets = [...FakeSocket.all];
    for (const socket of firstSockets) socket.serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.size).toBe(50);

    const openedAt: number[] = [];
    const started = Date.now();
    while (opened() < 100 && Date.now() - started < 10_000) {
      const before = opened();
      await vi.advanceTimersByTimeAsync(1);
      for (let i = before; i < opened(); i++) openedAt.push(Date.now());
    }
    expect(opened()).toBe(100);
    const spread = Math.max(...openedAt) - Math.min(...openedAt);
    expect(spread).toBeLessThan(ALL_RETRIES);
    expect(new Set(openedAt).size).toBeGreaterThan(10);
  });

  it('keeps a socket waiting when nothing proves the server is back', async () => {
    const { Socket } = setUp({ value: false });
    provider(Socket);
    lastReal().serverAccepts();
    lastReal().serverClose(1006);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(opened()).toBe(1);
  });
});

/** A gate that never holds a socket back: these tests are about the back-off alone. */
const ungated = () => new ConnectGate(Number.POSITIVE_INFINITY);

describe('ConnectGate', () => {
  it('lets `limit` sockets connect at once, the next when one opens or closes, changes first', () => {
    const gate = new ConnectGate(2);
    const started: string[] = [];
    const leaves = new Map<string, () => void>();
    const enter = (name: string, urgent = false) =>
      gate.enter(
        () => urgent,
        (leave) => {
          started.push(name);
          leaves.set(name, leave);
        },
      );
    enter('a');
    enter('b');
    enter('c');
    const dropped = enter('d');
    enter('e', true);
    expect(started).toEqual(['a', 'b']);
    expect(gate.size).toEqual({ connecting: 2, waiting: 3 });
    // A socket closed while it waits gives up its wait; one that opened gives up its place.
    dropped();
    leaves.get('a')?.();
    expect(started).toEqual(['a', 'b', 'e']);
    leaves.get('a')?.();
    expect(gate.size).toEqual({ connecting: 2, waiting: 1 });
    leaves.get('b')?.();
    leaves.get('e')?.();
    expect(started).toEqual(['a', 'b', 'e', 'c']);
    expect(gate.size).toEqual({ connecting: 1, waiting: 0 });
  });

  it('holds a jittered socket back until a place is free, and frees it when the socket opens', () => {
    FakeSocket.all.length = 0;
    const gate = new ConnectGate(1);
    const scheduler = new ReconnectScheduler({ probe: async () => true });
    // Two providers (a class each), each opening its first socket at once.
    const providerSocket = () =>
      jitteredWebSocketClass(
        () => 0.5,
        DEFAULT_BACKOFF,
        {},
        {
          scheduler,
          WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
          gate,
        },
      );
    const first = new (providerSocket())('ws://server/sync/one');
    const second = new (providerSocket())('ws://server/sync/two');
    expect(FakeSocket.all.map((socket) => socket.url)).toEqual(['ws://server/sync/one']);
    expect(second.readyState).toBe(0);
    FakeSocket.all[0]?.serverAccepts();
    expect(first.readyState).toBe(1);
    expect(FakeSocket.all.map((socket) => socket.url)).toEqual([
      'ws://server/sync/one',
      'ws://server/sync/two',
    ]);
  });
});

describe('ReconnectScheduler alone', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does not ask a socket that may not shortcut', async () => {
    const scheduler = new ReconnectScheduler({ probe: async () => true });
    const socket: WaitingSocket = {
      mayShortcut: false,
      urgent: true,
      retrySoon: vi.fn(),
      networkBack: vi.fn(),
    };
    scheduler.add(socket);
    expect(scheduler.probing).toBe(false);
    scheduler.reachable();
    expect(socket.retrySoon).not.toHaveBeenCalled();
  });
});

describe('y-websocket with the jittered sockets and serverAllowsReconnect', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  /** A real provider on the wrapper, as openSyncedDoc builds it (with a fake socket underneath). */
  function realProvider() {
    const scheduler = new ReconnectScheduler({ probe: async () => false, random: seeded(17) });
    const doc = new Y.Doc();
    const provider = new WebsocketProvider('ws://server/sync', 'doc', doc, {
      WebSocketPolyfill: jitteredWebSocketClass(
        seeded(19),
        DEFAULT_BACKOFF,
        {},
        {
          scheduler,
          WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
          gate: ungated(),
        },
      ),
      maxBackoffTime: 0,
      disableBc: true,
      shouldReconnect: serverAllowsReconnect,
    });
    return {
      provider,
      destroy() {
        provider.awareness.destroy();
        provider.destroy();
        doc.destroy();
      },
    };
  }

  it.each([
    [4429, 'write budget exceeded, try again shortly'],
    [4400, 'malformed message'],
  ])('reconnects after the server closed with %i (%s), after the back-off', async (code) => {
    const { provider, destroy } = realProvider();
    lastReal().serverAccepts();
    lastReal().serverClose(code);
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.baseMs);
    expect(provider.shouldConnect).toBe(true);
    expect(opened()).toBe(2);
    destroy();
  });

  it.each([
    [4401, 'session ended'],
    [4403, 'role changed'],
  ])('stops after the server closed with %i (%s): the app shows sign-in', async (code) => {
    const { provider, destroy } = realProvider();
    lastReal().serverAccepts();
    lastReal().serverClose(code);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(provider.shouldConnect).toBe(false);
    expect(opened()).toBe(1);
    destroy();
  });
});
