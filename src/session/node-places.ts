// The tunnel rule, in one place: where the session may connect to reach a node. The endpoint it was started with keeps
// its own tunnel (--via) and TLS name; any other node keeps the TLS settings and needs a --via-map entry once a tunnel
// is in use: eredis never opens a connection to an address outside the tunnel.
import type { ConnectTarget } from '../net/connection.js';
import { TunnelError } from '../util/connection-errors.js';
import { formatAddress, type HostPort } from '../util/host-port.js';

/** "host:port" (or the socket path): how the session names a node, in messages and in its pool. */
export function addressOf(t: { host: string; port: number; socket?: string }): string {
  return t.socket ?? formatAddress(t.host, t.port);
}

export class NodePlaces {
  constructor(
    /** The endpoint as planned (host, port or socket, TLS, --sni, --via). */
    readonly home: ConnectTarget,
    /** --via-map: the port forward for a node, if one was given. */
    private readonly viaFor: (host: string, port: number) => HostPort | undefined,
  ) {}

  /** Whether host:port is the endpoint the session started with. */
  isHome(host: string, port: number): boolean {
    return !this.home.socket && this.home.host.toLowerCase() === host.toLowerCase() && this.home.port === port;
  }

  /** How to connect to host:port; throws TunnelError for a node no tunnel reaches. */
  place(host: string, port: number): ConnectTarget {
    if (this.isHome(host, port)) return this.home;
    const via = this.viaFor(host, port);
    if (!via && this.home.via) throw new TunnelError(host, port);
    return { ...this.home, socket: undefined, servername: undefined, host, port, via };
  }
}
