// A host and port, and the "host:port" text redis-cli prints for them (IPv6 addresses in brackets).

export interface HostPort {
  host: string;
  port: number;
}

/** `127.0.0.1:6379`, `[::1]:6379`. */
export function formatAddress(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}
