// Every node of a cluster, from CLUSTER NODES: what cluster-wide modes (scans, --stat, --latency) visit node by node.
import type { Reply } from '../resp/types.js';
import type { Session } from './session.js';

export interface ClusterNode {
  id: string;
  /** The address clients use (the session's host when the node does not know its own IP). */
  host: string;
  port: number;
  role: 'master' | 'replica';
  /** A replica's master. */
  masterId?: string;
  /** Slot ranges a master serves, inclusive. */
  slots: Array<[number, number]>;
  /** Flagged fail / fail? / handshake / noaddr: not worth connecting to. */
  unusable: boolean;
  /** The node the query went to. */
  myself: boolean;
}

/**
 * Parses CLUSTER NODES text: `<id> <ip:port@cport[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slot>...`.
 * A hostname announced after the comma wins over the IP (TLS certificates name hosts); an empty IP is `fallbackHost`.
 */
export function parseClusterNodes(text: string, fallbackHost: string): ClusterNode[] {
  const nodes: ClusterNode[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(' ');
    if (f.length < 8) continue;
    const [address, hostname] = f[1]!.split(',');
    const at = address!.indexOf('@');
    const hostPort = at >= 0 ? address!.slice(0, at) : address!;
    const colon = hostPort.lastIndexOf(':');
    const ip = hostPort.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const flags = f[2]!.split(',');
    const slots: Array<[number, number]> = [];
    for (const s of f.slice(8)) {
      if (s.startsWith('[')) continue; // a slot being imported or migrated
      const [a, b] = s.split('-').map(Number);
      if (Number.isInteger(a)) slots.push([a!, b ?? a!]);
    }
    nodes.push({
      id: f[0]!, host: hostname || ip || fallbackHost, port: Number(hostPort.slice(colon + 1)),
      role: flags.includes('master') ? 'master' : 'replica', masterId: f[3] === '-' ? undefined : f[3],
      slots, unusable: flags.some((x) => ['fail', 'fail?', 'handshake', 'noaddr'].includes(x)), myself: flags.includes('myself'),
    });
  }
  return nodes;
}

/** The cluster's nodes as the session's server sees them; undefined when it is not a cluster (or will not say). */
export async function clusterNodes(session: Session): Promise<ClusterNode[] | undefined> {
  const reply: Reply = await session.execute(['CLUSTER', 'NODES']);
  if (reply.type !== 'bulk' && reply.type !== 'verbatim') return undefined;
  const nodes = parseClusterNodes(reply.value.toString('utf8'), session.endpoint.host);
  return nodes.length > 0 ? nodes : undefined;
}
