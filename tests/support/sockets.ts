/** Plain websockets to the sync endpoint, for tests about the connection itself (auth, limits). */
import { WebSocket } from 'ws';

/** Opens `<wsUrl>/<docName>?token=…` and resolves once the upgrade succeeded. */
export function openSocket(wsUrl: string, docName: string, token: string): Promise<WebSocket> {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/${docName}?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Resolves with the close code the socket gets (call it before the close can happen). */
export function closeCode(socket: WebSocket): Promise<number> {
  return new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
}
