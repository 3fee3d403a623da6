/**
 * Reconnects without storms (återanslutning med spridning). y-websocket retries after
 * 100 ms · 2^n with no randomness, so after a server restart every client comes back in the
 * same instant. Here: "full jitter" exponential back-off: the n-th retry waits a uniformly
 * random time in [0, min(cap, base · 2^n)), so hundreds of clients spread over the window.
 *
 * y-websocket's own delay is set to ~0 (`maxBackoffTime`) and the delay is added by a
 * WebSocket wrapper (`WebSocketPolyfill`) that opens its real socket late.
 */

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

/** Sockets of every provider waiting for their back-off to end. */
const waitingSockets = new Set<{ reschedule(): void }>();
if (typeof window !== 'undefined') {
  // The network is back: the long waits of an offline spell are moot; retry within the
  // first window (still jittered, as every client sees the network return at once).
  window.addEventListener('online', () => {
    for (const socket of [...waitingSockets]) socket.reschedule();
  });
}

/** Told when a socket starts waiting out its back-off, and when it really starts connecting. */
export interface BackoffHooks {
  waiting?(): void;
  opening?(): void;
}

type SocketHandler<E> = ((event: E) => void) | null;

/**
 * A WebSocket class for y-websocket whose sockets open after a jittered back-off: the first
 * socket of a provider opens at once; after a connection is lost, each new one waits
 * `backoffDelay(n)` where n counts the failures since the last successful open.
 */
export function jitteredWebSocketClass(
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
  hooks: BackoffHooks = {},
): typeof WebSocket {
  let sockets = 0;
  let failures = 0;
  const waiting = waitingSockets;

  class JitteredWebSocket {
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

    private wait(delay: number): void {
      waiting.add(this);
      this.timer = setTimeout(() => {
        waiting.delete(this);
        this.open();
      }, delay);
    }

    reschedule(): void {
      failures = Math.min(failures, 1);
      clearTimeout(this.timer);
      waiting.delete(this);
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
      this.inner?.send(data as ArrayBufferView);
    }

    close(code?: number, reason?: string): void {
      if (this.inner) {
        this.inner.close(code, reason);
        return;
      }
      clearTimeout(this.timer);
      waiting.delete(this);
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
      if (this.closedEarly) return;
      if (sockets > 1) hooks.opening?.();
      const inner = new WebSocket(this.url, this.protocols);
      inner.binaryType = this.binaryType;
      inner.onopen = (event) => {
        failures = 0;
        this.onopen?.(event);
      };
      inner.onmessage = (event) => this.onmessage?.(event);
      inner.onerror = (event) => this.onerror?.(event);
      inner.onclose = (event) => {
        failures += 1;
        this.onclose?.(event);
      };
      this.inner = inner;
    }
  }
  return JitteredWebSocket as unknown as typeof WebSocket;
}
