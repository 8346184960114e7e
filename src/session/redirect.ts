// Cluster redirects: "MOVED <slot> <host>:<port>" and "ASK ..." error replies, parsed as redis-cli does.
import type { Reply } from '../resp/types.js';

export interface Redirect {
  kind: 'MOVED' | 'ASK';
  slot: number;
  /** Empty when the server does not know its endpoint ("MOVED 3999 :6381"): keep the current host. */
  host: string;
  port: number;
}

/** The redirect an error reply asks for, or undefined when the reply is anything else. */
export function parseRedirect(reply: Reply): Redirect | undefined {
  if (reply.type !== 'error') return undefined;
  const text = reply.value.toString('latin1');
  const m = /^(MOVED|ASK) (\d+) (\S*)$/.exec(text);
  if (!m) return undefined;
  // Split on the last ':' so IPv6 addresses keep their colons.
  const at = m[3].lastIndexOf(':');
  if (at < 0) return undefined;
  let host = m[3].slice(0, at);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { kind: m[1] as Redirect['kind'], slot: Number(m[2]), host, port: Number(m[3].slice(at + 1)) };
}
