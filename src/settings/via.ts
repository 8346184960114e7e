// --via HOST:PORT and --via-map NODE=HOST:PORT,... : local port forwards that stand in for unreachable endpoints.
import type { HostPort } from '../util/host-port.js';

export class ViaError extends Error {}

/** "host:port", "[v6]:port" or ":port" (localhost). */
export function parseHostPort(text: string, flag: string): HostPort {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) throw new ViaError(`eredis: ${flag} wants HOST:PORT, got '${text}'`);
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

/** "node=host:port,..." where node is "endpoint:port" or just "endpoint" (any port). */
export function parseViaMap(text: string): Map<string, HostPort> {
  const map = new Map<string, HostPort>();
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ViaError(`eredis: --via-map wants NODE=HOST:PORT[,...], got '${item}'`);
    map.set(item.slice(0, eq).toLowerCase(), parseHostPort(item.slice(eq + 1), '--via-map'));
  }
  return map;
}

/** The forward for a redirect target, by "host:port" first, then by host alone. */
export function lookupVia(map: Map<string, HostPort>, host: string, port: number): HostPort | undefined {
  return map.get(`${host}:${port}`.toLowerCase()) ?? map.get(host.toLowerCase());
}
