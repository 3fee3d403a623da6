/**
 * A person's own network link to the server: a TCP relay on a loopback port that a browser
 * context uses as the app's origin, and that a test can cut and restore.
 *
 * Why not only `context.setOffline(true)`: in Debian's Chromium it makes `fetch` fail and
 * `navigator.onLine` false, but an open websocket stays open (the app keeps showing
 * "Ansluten") and its frames are silently held back in both directions, so the app never
 * learns it is offline and never reconnects to resync (measured here; also
 * microsoft/playwright#4910). Cutting the relay drops the TCP connections for real, as a lost
 * network does, and refuses new ones until restored; nothing in the app is changed for it.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface NetworkLink {
  /** The app's origin through this link, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Drops every open connection and refuses new ones. */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  close(): Promise<void>;
}

/** Starts a relay from a new loopback port to `serverUrl`'s host and port. */
export async function startNetworkLink(serverUrl: string): Promise<NetworkLink> {
  const target = new URL(serverUrl);
  const sockets = new Set<Socket>();
  let up = true;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A relay error (a reset from either side) ends both ends; it is not the test's failure.
    socket.on('error', () => socket.destroy());
  };
  const relay = createServer((inbound) => {
    track(inbound);
    if (!up) {
      inbound.destroy();
      return;
    }
    const outbound = connect(Number(target.port), target.hostname);
    track(outbound);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      up = true;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
