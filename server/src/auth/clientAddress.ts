/**
 * The address of the client behind a request: the socket's peer, or, when that peer is a
 * trusted proxy, the nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
 * Walking from the right matters: nginx's `$proxy_add_x_forwarded_for` appends to whatever the
 * client sent, so only the entries added by our own proxies can be believed.
 */
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 on a dual-stack socket. */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** Checks addresses against the configured proxies (addresses or CIDR blocks). */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  /** @param entries addresses or CIDR blocks, already validated by the configuration */
  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const plain = normalize(address);
      const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(plain, type);
      else this.list.addSubnet(plain, Number(prefix), type);
    }
  }

  /** Whether `address` is one of the trusted proxies. */
  has(address: string): boolean {
    if (this.empty) return false;
    const plain = normalize(address);
    const family = isIP(plain);
    if (family === 0) return false;
    return this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client's address for a request from `peer` carrying `forwardedFor` (may be absent). */
  clientOf(peer: string, forwardedFor: string | undefined): string {
    let client = normalize(peer);
    if (!forwardedFor || !this.has(client)) return client;
    const hops = forwardedFor.split(',').map((hop) => normalize(hop.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] as string;
      // A garbled entry cannot be trusted to name anyone: stop at the last proxy we believe.
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!this.has(hop)) return client;
    }
    return client;
  }
}

/** The client's address for this request (see {@link TrustedProxies.clientOf}). */
export function clientAddress(c: Context, proxies: TrustedProxies): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    // Not a Node request (e.g. app.request() in a unit test): no socket to ask.
  }
  return proxies.clientOf(peer ?? 'unknown', c.req.header('x-forwarded-for'));
}
