/**
 * Reconnects without storms (återanslutning med spridning), and without waiting longer than
 * needed. y-websocket retries after 100 ms · 2^n with no randomness, so after a server restart
 * every client comes back in the same instant. Here: "full jitter" exponential back-off: the
 * n-th retry waits a uniformly random time in [0, min(cap, base · 2^n)), so hundreds of
 * clients spread over the window.
 *
 * A long back-off window alone would keep a client away for seconds after the server is back
 * (a restart takes a few seconds, by then the window is 4–8 s wide), and the browser's `online`
 * event only fires when the browser's own network comes back, not the server. So while any
 * socket waits, the server's reachability is probed cheaply (`GET /api/health`, on a jittered
 * schedule: see `DEFAULT_PROBE`), and any REST answer counts as proof too; once the server is
 * reachable, every waiting socket retries within a short jittered window instead of waiting
 * out its back-off: first those with changes waiting for the server, then the rest (a
 * browser opens one websocket to a host at a time, so the order is the order they connect). Each socket takes that shortcut once per outage, and never after the
 * server closed it with one of its own codes (4000–4999: "slow down", "sign in again"), so a
 * server that answers HTTP but refuses websockets is not hammered.
 *
 * y-websocket's own delay is set to ~0 (`maxBackoffTime`) and the delay is added by a
 * WebSocket wrapper (`WebSocketPolyfill`) that opens its real socket late.
 */

import { sessionEndOf } from './sessionEnded';

export interface BackoffOptions {
  /** Window of the first retry, ms. */
  baseMs: number;
  /** Largest window, ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 10_000 };

/** The wait before retry number `attempt` (0 = the first retry after a lost connection). */
export function backoffDelay(attempt: number, random: () => number, options = DEFAULT_BACKOFF): number {
  const window = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * window);
}

/**
 * How often reachability is probed while a socket waits. A restart is over in seconds, so
 * the first `fastForMs` of an outage probe every `intervalMs` on average (each wait uniform in
 * [0.5, 1.5) × it, so clients do not probe in step): with `retryWindowMs` and a handshake
 * that is within 1 s of the server being back. A longer outage probes every `slowIntervalMs`
 * on average. A probe to a server that is down costs the server nothing (the connection is
 * refused); the first probe that succeeds ends the probing, as every socket then retries.
 */
export interface ProbeOptions {
  /** Mean wait between probes early in an outage, ms. */
  intervalMs: number;
  /** How long an outage counts as early, ms. */
  fastForMs: number;
  /** Mean wait between probes later in an outage, ms. */
  slowIntervalMs: number;
  /**
   * Once the server is reachable, sockets with changes waiting retry uniformly within this
   * window, ms; the others within the next `laterWindowMs` after it.
   */
  retryWindowMs: number;
  /** The window of the sockets without waiting changes, after `retryWindowMs`, ms. */
  laterWindowMs: number;
  /** A probe without an answer by then counts as failed, ms. */
  timeoutMs: number;
}

/** 2.5 probes a second per client for the first 30 s of an outage, then one every 2 s. */
export const DEFAULT_PROBE: ProbeOptions = {
  intervalMs: 400,
  fastForMs: 30_000,
  slowIntervalMs: 2_000,
  retryWindowMs: 100,
  laterWindowMs: 400,
  timeoutMs: 3_000,
};

/** The wait before the next probe, `elapsedMs` into an outage. */
export function probeDelay(elapsedMs: number, random: () => number, options = DEFAULT_PROBE): number {
  const mean = elapsedMs < options.fastForMs ? options.intervalMs : options.slowIntervalMs;
  return Math.floor(mean * (0.5 + random()));
}

/** A socket waiting out its back-off, as the scheduler sees it. */
export interface WaitingSocket {
  /** Whether this socket may cut its wait short when the server is proven reachable. */
  readonly mayShortcut: boolean;
  /** Whether its document has changes waiting for the server (it goes first). */
  readonly urgent: boolean;
  /** The server is reachable: retry after `delayMs` instead (only called when `mayShortcut`). */
  retrySoon(delayMs: number): void;
  /** The browser's network is back: re-draw the wait within the first back-off window. */
  networkBack(): void;
}

export interface SchedulerDependencies {
  /** Whether the server answers; rejects or resolves false when it does not. */
  probe(signal: AbortSignal): Promise<boolean>;
  random?: () => number;
  options?: ProbeOptions;
  /** false while the browser knows it has no network (no probe is sent then). */
  browserOnline?: () => boolean;
  now?: () => number;
}

/**
 * Keeps the waiting sockets of every provider: probes reachability while any of them may
 * shortcut its wait, and lets them retry soon once the server is proven reachable.
 */
export class ReconnectScheduler {
  private readonly waiting = new Set<WaitingSocket>();
  private readonly random: () => number;
  private readonly options: ProbeOptions;
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private outageStartedAt: number | null = null;
  private inFlight = false;
  /** Probes sent (for tests and diagnostics). */
  probesSent = 0;

  constructor(private readonly deps: SchedulerDependencies) {
    this.random = deps.random ?? Math.random;
    this.options = deps.options ?? DEFAULT_PROBE;
    this.now = deps.now ?? Date.now;
  }

  /** A socket started waiting out its back-off. */
  add(socket: WaitingSocket): void {
    this.waiting.add(socket);
    this.ensureProbing();
  }

  /** A socket stopped waiting (it opened, or was closed). */
  remove(socket: WaitingSocket): void {
    this.waiting.delete(socket);
  }

  /** Sockets waiting now. */
  get size(): number {
    return this.waiting.size;
  }

  /** Whether the browser knows it has no network (then no socket should try). */
  get browserOffline(): boolean {
    return this.deps.browserOnline?.() === false;
  }

  /** Whether a probe is scheduled or on its way. */
  get probing(): boolean {
    return this.timer !== undefined || this.inFlight;
  }

  /**
   * Proof that the server answers (a probe, or any REST request that succeeded): every
   * waiting socket that may, retries soon: those with changes waiting within
   * `retryWindowMs`, the others within the `laterWindowMs` after it.
   */
  reachable(): void {
    const { retryWindowMs, laterWindowMs } = this.options;
    for (const socket of [...this.waiting]) {
      if (!socket.mayShortcut) continue;
      this.waiting.delete(socket);
      socket.retrySoon(
        socket.urgent
          ? Math.floor(this.random() * retryWindowMs)
          : retryWindowMs + Math.floor(this.random() * laterWindowMs),
      );
    }
    if (!this.anyMayShortcut()) this.stopProbing();
  }

  /**
   * The browser reports its network is back: a probe goes out now (its answer lets the
   * sockets retry, in order); sockets that may not shortcut re-draw their wait within the
   * first back-off window, as the long waits of an offline spell are moot.
   */
  networkBack(): void {
    for (const socket of [...this.waiting]) if (!socket.mayShortcut) socket.networkBack();
    if (this.anyMayShortcut()) {
      clearTimeout(this.timer);
      this.timer = undefined;
      // A new outage as far as the cadence goes: the server may well be back in a moment.
      this.outageStartedAt = this.now();
      void this.runProbe();
    }
  }

  private anyMayShortcut(): boolean {
    for (const socket of this.waiting) if (socket.mayShortcut) return true;
    return false;
  }

  private ensureProbing(): void {
    if (this.probing || !this.anyMayShortcut()) return;
    this.outageStartedAt ??= this.now();
    this.schedule();
  }

  private stopProbing(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.outageStartedAt = null;
  }

  private schedule(): void {
    const elapsed = this.now() - (this.outageStartedAt ?? this.now());
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.runProbe();
      },
      probeDelay(elapsed, this.random, this.options),
    );
  }

  private async runProbe(): Promise<void> {
    if (this.inFlight) return;
    if (!this.anyMayShortcut()) {
      this.stopProbing();
      return;
    }
    // The browser knows it has no network: a probe cannot succeed; its `online` event will come.
    if (this.deps.browserOnline?.() !== false) {
      this.inFlight = true;
      this.probesSent += 1;
      const abort = new AbortController();
      const timeout = setTimeout(() => abort.abort(), this.options.timeoutMs);
      let answered = false;
      try {
        answered = await this.deps.probe(abort.signal);
      } catch {
        answered = false;
      } finally {
        clearTimeout(timeout);
        this.inFlight = false;
      }
      if (answered) this.reachable();
    }
    if (this.anyMayShortcut() && this.timer === undefined) this.schedule();
    else if (!this.anyMayShortcut()) this.stopProbing();
  }
}

/** Back-off settings a page may override before the app starts (tests use a very long one). */
export interface BackoffOverride {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

declare global {
  // Read once per provider; set by `page.addInitScript` in tests, never by the app.
  var __FOLJSAM_RECONNECT_BACKOFF__: BackoffOverride | undefined;
}

/** The back-off the providers use: the default, unless the page set an override. */
export function configuredBackoff(): { random: () => number; options: BackoffOptions } {
  const override = globalThis.__FOLJSAM_RECONNECT_BACKOFF__;
  return {
    random: override?.random ?? Math.random,
    options: {
      baseMs: override?.baseMs ?? DEFAULT_BACKOFF.baseMs,
      capMs: override?.capMs ?? DEFAULT_BACKOFF.capMs,
    },
  };
}

/** The path probed for reachability: answers without a session and touches the store once. */
export const HEALTH_PATH = '/api/health';

let pageScheduler: ReconnectScheduler | null = null;

/** The scheduler of this page (one for every provider), probing `HEALTH_PATH`. */
export function reconnectScheduler(): ReconnectScheduler {
  if (pageScheduler) return pageScheduler;
  const scheduler = new ReconnectScheduler({
    probe: async (signal) => (await fetch(HEALTH_PATH, { cache: 'no-store', signal })).ok,
    browserOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  });
  if (typeof window !== 'undefined') {
    // The network is back: the long waits of an offline spell are moot.
    window.addEventListener('online', () => scheduler.networkBack());
  }
  pageScheduler = scheduler;
  return scheduler;
}

/** Tells the sockets that the server answered (any REST request that succeeded). */
export function reportReachable(): void {
  pageScheduler?.reachable();
}

/** `fetch` that reports every successful answer as proof the server is reachable. */
export const fetchReportingReachability: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.ok) reportReachable();
  return response;
};

/**
 * Told when a socket starts waiting out its back-off, and when it really starts connecting;
 * asked whether its document has changes waiting for the server.
 */
export interface BackoffHooks {
  waiting?(): void;
  opening?(): void;
  urgent?(): boolean;
}

/**
 * Real sockets of a page still connecting, at most `limit` at once; the others wait here,
 * those with changes for the server first. Chromium delays each new websocket by 1–5 s ×
 * 2^(pending − 16) (`WebSocketPerProcessThrottler`, pending: created and not yet past the
 * handshake, in the whole renderer), and it completes one handshake to a host at a time
 * anyway: a screen opening twelve report documents at once, beside the background copy of the
 * workspace, made each handshake wait hundreds of milliseconds to seconds; a few at a time
 * keeps that delay near zero and loses nothing, as the browser would have queued them.
 */
export class ConnectGate {
  private connecting = 0;
  private readonly queue: { urgent: () => boolean; start: () => void }[] = [];

  constructor(readonly limit: number) {}

  /**
   * Calls `start` once a place is free (at once, if one is), with the function that gives the
   * place up (once the socket opened or closed); returns that function too, which before
   * `start` gives up the wait instead.
   */
  enter(urgent: () => boolean, start: (leave: () => void) => void): () => void {
    let state: 'waiting' | 'connecting' | 'done' = 'waiting';
    const leave = () => {
      if (state === 'waiting') {
        const index = this.queue.indexOf(entry);
        if (index >= 0) this.queue.splice(index, 1);
      } else if (state === 'connecting') {
        this.connecting -= 1;
        this.pump();
      }
      state = 'done';
    };
    const entry = {
      urgent,
      start: () => {
        state = 'connecting';
        start(leave);
      },
    };
    this.queue.push(entry);
    this.pump();
    return leave;
  }

  /** Sockets connecting now, and waiting for a place. */
  get size(): { connecting: number; waiting: number } {
    return { connecting: this.connecting, waiting: this.queue.length };
  }

  private pump(): void {
    while (this.connecting < this.limit && this.queue.length > 0) {
      const urgentIndex = this.queue.findIndex((entry) => entry.urgent());
      const [next] = this.queue.splice(Math.max(urgentIndex, 0), 1);
      if (!next) return;
      this.connecting += 1;
      next.start();
    }
  }
}

/** Real sockets connecting at once in a page (see ConnectGate). */
export const MAX_CONNECTING = 4;

let pageGate: ConnectGate | null = null;

/** The gate of this page, shared by every provider. */
export function pageConnectGate(): ConnectGate {
  pageGate ??= new ConnectGate(MAX_CONNECTING);
  return pageGate;
}

/** Where the sockets register while they wait, the WebSocket they really open, and the gate they pass. */
export interface BackoffEnvironment {
  scheduler?: ReconnectScheduler;
  WebSocketImpl?: typeof WebSocket;
  gate?: ConnectGate;
}

type SocketHandler<E> = ((event: E) => void) | null;

/**
 * y-websocket's `shouldReconnect`: whether to reconnect after the server closed a socket.
 * y-websocket 3.1 stops for good after any code in 4400–4499; Följsam's server means only
 * 4401 and 4403 that way (the session ended, or the role changed: the app shows sign-in).
 * After 4429 ("slow down") and 4400 (a malformed message) the client reconnects after its
 * back-off and resends.
 */
export function serverAllowsReconnect(event: CloseEvent): boolean {
  return sessionEndOf(event.code) === null;
}

/** Close codes 4000–4999 are the server's own decisions ("slow down", "sign in again"). */
function isServerDecision(code: number | undefined): boolean {
  return code !== undefined && code >= 4000 && code < 5000;
}

/**
 * A WebSocket class for y-websocket whose sockets open after a jittered back-off: the first
 * socket of a provider opens at once; after a connection is lost, each new one waits
 * `backoffDelay(n)` where n counts the failures since the last successful open, unless the
 * scheduler learns sooner that the server is reachable.
 */
export function jitteredWebSocketClass(
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
  hooks: BackoffHooks = {},
  environment: BackoffEnvironment = {},
): typeof WebSocket {
  let sockets = 0;
  let failures = 0;
  // Per provider: a shortcut is taken once per outage (reset by a successful open), and not
  // at all after the server closed the last socket with a decision of its own.
  let shortcutTaken = false;
  let lastCloseCode: number | undefined;
  const scheduler = environment.scheduler ?? reconnectScheduler();
  const RealWebSocket = environment.WebSocketImpl ?? WebSocket;
  const gate = environment.gate ?? pageConnectGate();

  class JitteredWebSocket implements WaitingSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    binaryType: BinaryType = 'arraybuffer';
    onopen: SocketHandler<Event> = null;
    onmessage: SocketHandler<MessageEvent> = null;
    onclose: SocketHandler<CloseEvent> = null;
    onerror: SocketHandler<Event> = null;
    private inner: WebSocket | null = null;
    private closedEarly = false;
    /** Gives up this socket's place in the gate (or its wait for one); null before it asked. */
    private leaveGate: (() => void) | null = null;
    private timer: ReturnType<typeof setTimeout> | undefined;

    constructor(
      readonly url: string,
      readonly protocols?: string | string[],
    ) {
      const delay = sockets === 0 ? 0 : backoffDelay(failures - 1, random, options);
      sockets += 1;
      if (delay === 0) this.open();
      else {
        this.wait(delay);
        // After y-websocket's own "connecting" (emitted right after this constructor).
        queueMicrotask(() => {
          if (!this.inner && !this.closedEarly) hooks.waiting?.();
        });
      }
    }

    get mayShortcut(): boolean {
      return !shortcutTaken && !isServerDecision(lastCloseCode);
    }

    get urgent(): boolean {
      return hooks.urgent?.() ?? false;
    }

    private wait(delay: number): void {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        scheduler.remove(this);
        this.open();
      }, delay);
      scheduler.add(this);
    }

    retrySoon(delayMs: number): void {
      shortcutTaken = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.open(), delayMs);
    }

    networkBack(): void {
      failures = Math.min(failures, 1);
      this.wait(backoffDelay(0, random, options));
    }

    get readyState(): number {
      if (this.closedEarly) return JitteredWebSocket.CLOSED;
      return this.inner ? this.inner.readyState : JitteredWebSocket.CONNECTING;
    }

    get bufferedAmount(): number {
      return this.inner?.bufferedAmount ?? 0;
    }

    send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
      this.inner?.send(data as Parameters<WebSocket['send']>[0]);
    }

    close(code?: number, reason?: string): void {
      if (this.inner) {
        this.inner.close(code, reason);
        return;
      }
      clearTimeout(this.timer);
      scheduler.remove(this);
      this.leaveGate?.();
      if (this.closedEarly) return;
      this.closedEarly = true;
      // y-websocket waits for onclose to schedule its next attempt.
      const event =
        typeof CloseEvent === 'undefined'
          ? ({ code: code ?? 1000, reason: reason ?? '' } as CloseEvent)
          : new CloseEvent('close', { code: code ?? 1000, reason });
      queueMicrotask(() => this.onclose?.(event));
    }

    private open(): void {
      if (this.closedEarly || this.inner || this.leaveGate) return;
      if (scheduler.browserOffline) {
        // No attempt can succeed, and Chromium would hold it in its one-at-a-time queue of
        // handshakes, ahead of the documents with changes to send once the network is back:
        // wait for the network instead (`networkBack`, or proof that the server answers).
        clearTimeout(this.timer);
        scheduler.add(this);
        queueMicrotask(() => hooks.waiting?.());
        return;
      }
      if (sockets > 1) hooks.opening?.();
      this.leaveGate = gate.enter(
        () => hooks.urgent?.() ?? false,
        (leave) => this.connect(leave),
      );
    }

    private connect(leaveGate: () => void): void {
      const inner = new RealWebSocket(this.url, this.protocols);
      inner.binaryType = this.binaryType;
      inner.onopen = (event) => {
        leaveGate();
        failures = 0;
        shortcutTaken = false;
        lastCloseCode = undefined;
        this.onopen?.(event);
      };
      inner.onmessage = (event) => this.onmessage?.(event);
      inner.onerror = (event) => this.onerror?.(event);
      inner.onclose = (event) => {
        leaveGate();
        failures += 1;
        lastCloseCode = event.code;
        this.onclose?.(event);
      };
      this.inner = inner;
    }
  }
  return JitteredWebSocket as unknown as typeof WebSocket;
}
