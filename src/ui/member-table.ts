// The shell's `:nodes` table: the -g group's members (cli-table3), with the one this session uses marked (pure).
import Table from 'cli-table3';
import type { NodeInfo, NodeListing } from '../elasticache/lookup.js';
import type { CacheRole } from '../settings/settings.js';
import type { TableOptions } from './cache-tables.js';

export type { NodeListing };

/** Where the shell is connected, and how it got there. */
export interface SessionPlace {
  host: string;
  port: number;
  /** The primary endpoint (-g alone, `:connect primary`), the reader endpoint, or one member. */
  via: CacheRole;
}

const endpointOf = (n: NodeInfo) => (n.host ? `${n.host}:${n.port ?? 6379}` : '-');
const sameHost = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The ids of the members the session uses: the member it was sent to, the one whose endpoint it is connected to,
 * else (through the primary endpoint of a cluster-mode-disabled group) the member that is primary now.
 */
export function membersInUse(l: NodeListing, place: SessionPlace): Set<string> {
  const ids = l.nodes.map((n) => n.id.toLowerCase());
  if (typeof place.via === 'object') {
    const node = place.via.node.toLowerCase();
    const at = ids.findIndex((id) => id === node || id === `${l.name}-${node}`.toLowerCase());
    if (at >= 0) return new Set([l.nodes[at]!.id]);
  }
  const byEndpoint = l.nodes.filter((n) => n.host !== undefined && sameHost(n.host, place.host)
    && (n.port ?? 6379) === place.port);
  if (byEndpoint.length > 0) return new Set(byEndpoint.map((n) => n.id));
  if (place.via === 'primary' && !l.cluster) return new Set(l.nodes.filter((n) => n.role === 'primary').map((n) => n.id));
  return new Set();
}

/** Where the session is, in words: `127.0.0.1:6379 (the primary endpoint, member ssltest-001)`. */
export function placeText(l: NodeListing, place: SessionPlace, inUse: ReadonlySet<string>): string {
  const members = [...inUse];
  let how: string;
  if (typeof place.via === 'object') how = `member ${members[0] ?? place.via.node}`;
  else if (place.via === 'replica') how = 'the reader endpoint';
  else if (l.kind === 'serverless') how = 'the endpoint';
  else how = l.cluster ? 'the configuration endpoint, and the nodes it redirects to' : 'the primary endpoint';
  if (typeof place.via !== 'object' && members.length === 1) how += `, member ${members[0]}`;
  return `${place.host}:${place.port} (${how})`;
}

/** A header line, one row per member (SLOTS in cluster mode), and where this session is. */
export function renderMemberTable(l: NodeListing, place: SessionPlace, o: TableOptions): string {
  const kind = l.kind === 'serverless' ? 'serverless cache' : 'replication group';
  const mode = l.kind === 'serverless' ? 'serverless' : l.cluster ? 'cluster mode enabled' : 'cluster mode disabled';
  const inUse = membersInUse(l, place);
  const lines = [`${l.name}: ${kind} in ${l.region}, ${mode}, ${l.nodes.length} member${l.nodes.length === 1 ? '' : 's'}`];
  const slots = l.cluster && l.kind !== 'serverless';
  const head = ['MEMBER', 'ROLE', 'AZ', 'ENDPOINT', ...(slots ? ['SLOTS'] : []), 'IN USE'];
  const t = new Table({ head, style: o.color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] } });
  for (const n of l.nodes) {
    const inUseCell = inUse.has(n.id) ? 'yes' : '';
    t.push([n.id, n.role ?? '-', n.az ?? '-', endpointOf(n), ...(slots ? [n.slots ?? '-'] : []), inUseCell]);
  }
  if (l.nodes.length > 0) lines.push(t.toString());
  lines.push(`this session: ${placeText(l, place, inUse)}`);
  return lines.join('\n');
}
