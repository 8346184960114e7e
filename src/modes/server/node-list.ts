// The nodes --stat and --latency visit one by one: a cluster's CLUSTER NODES, or a -g group's members (with their AZ).
import type { CacheMember } from '../../elasticache/model.js';
import { ConnectError, ConnectionLostError } from '../../util/connection-errors.js';
import type { Reply } from '../../resp/types.js';
import { clusterNodes, type ClusterNode } from '../../session/cluster-nodes.js';
import type { Session } from '../../session/session.js';
import { formatAddress } from '../../util/host-port.js';
import { padRight } from './c-format.js';

export interface NodeTarget {
  /** The first 8 characters of a cluster node id, or an ElastiCache member id (ssltest-002). */
  label: string;
  role: 'primary' | 'replica';
  /** The availability zone, when the ElastiCache API said. */
  az?: string;
  address: string;
  /** Undefined when the node cannot be reached at all (a tunnel without a --via-map entry): see `error`. */
  session?: Session;
  error?: string;
}

function target(
  session: Session, label: string, role: NodeTarget['role'], az: string | undefined, host: string, port: number,
): NodeTarget {
  const address = formatAddress(host, port);
  try {
    return { label, role, az, address, session: session.nodeSession(host, port) };
  } catch (err) {
    return { label, role, az, address, error: (err as Error).message };
  }
}

/** Masters by their first slot, each followed by its replicas; nodes without an address are left out. */
function clusterOrder(nodes: ClusterNode[]): ClusterNode[] {
  const usable = nodes.filter((n) => n.port > 0);
  const firstSlot = (n: ClusterNode) => n.slots[0]?.[0] ?? 1e9;
  const masters = usable.filter((n) => n.role === 'master').sort((a, b) => firstSlot(a) - firstSlot(b));
  const ordered = masters.flatMap((m) => [m, ...usable.filter((r) => r.role === 'replica' && r.masterId === m.id)]);
  return [...ordered, ...usable.filter((n) => !ordered.includes(n))];
}

/**
 * Every node to visit: the members of a cluster-mode-disabled -g group (they carry their AZ), else the nodes
 * CLUSTER NODES lists (no AZ: Redis does not know it). Undefined when the server is not a cluster.
 */
export async function discoverNodes(session: Session, members: CacheMember[] | undefined): Promise<NodeTarget[] | undefined> {
  if (members && members.length > 0) {
    return members.map((m) => target(session, m.id, m.role === 'primary' ? 'primary' : 'replica', m.az, m.host, m.port));
  }
  let nodes: ClusterNode[] | undefined;
  try {
    nodes = await clusterNodes(session);
  } catch {
    return undefined;
  }
  if (!nodes) return undefined;
  return clusterOrder(nodes)
    .map((n) => target(session, n.id.slice(0, 8), n.role === 'master' ? 'primary' : 'replica', undefined, n.host, n.port));
}

/** The column titles, in the shape of a node. */
export const TITLES = { label: 'node', role: 'role', az: 'az', address: 'address' } as unknown as NodeTarget;

/** The node columns in front of every row: label, role, AZ (only when some node has one), address. */
export class NodeColumns {
  private readonly widths: number[];
  private readonly withAz: boolean;

  constructor(private readonly nodes: NodeTarget[]) {
    this.withAz = nodes.some((n) => n.az !== undefined);
    const cols = [...this.fields(TITLES).map((t) => t.length)];
    for (const n of nodes) this.fields(n).forEach((t, i) => { cols[i] = Math.max(cols[i]!, t.length); });
    this.widths = cols;
  }

  /** The values shown for a node, in column order. */
  fields(n: NodeTarget): string[] {
    return this.withAz ? [n.label, n.role, n.az ?? '-', n.address] : [n.label, n.role, n.address];
  }

  /** "label role [az] address " padded to the column widths. */
  prefix(n: NodeTarget): string {
    return this.fields(n).map((t, i) => padRight(t, this.widths[i]!)).join(' ') + ' ';
  }

  /** Column titles, then a line of dashes naming the section: laid over a two-line header such as --stat's. */
  header(lines: [string, string]): string {
    const width = this.widths.reduce((a, b) => a + b + 1, 0);
    const title = ' node ';
    const left = Math.floor((width - 1 - title.length) / 2);
    const dashes = `${'-'.repeat(left)}${title}${'-'.repeat(Math.max(0, width - 1 - left - title.length))} `;
    const names = this.prefix(TITLES);
    return `${dashes}${lines[0]}${names}${lines[1]}`;
  }

  get count(): number {
    return this.nodes.length;
  }
}

export type NodeAnswer = { reply: Reply } | { error: string };

/** Sends argv to the node, connecting first when needed; a failure or a timeout comes back as `error`. */
export async function nodeCommand(node: NodeTarget, argv: string[], timeoutMs: number): Promise<NodeAnswer> {
  const session = node.session;
  if (!session) return { error: node.error ?? 'no connection' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<NodeAnswer>((resolve) => {
    timer = setTimeout(() => {
      session.disconnect();
      resolve({ error: `no reply within ${(timeoutMs / 1000).toFixed(1)}s` });
    }, timeoutMs);
  });
  const attempt = (async (): Promise<NodeAnswer> => {
    try {
      if (!session.connected) await session.connect();
      return { reply: await session.execute(argv.map((w) => Buffer.from(w))) };
    } catch (err) {
      // Whatever went wrong stays with this node's row (a late failure after the timeout must not escape either).
      if (err instanceof ConnectError || err instanceof ConnectionLostError) session.disconnect();
      return { error: err instanceof Error ? err.message : String(err) };
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * PINGs the node every 10 ms until `stop()` says so, handing each round trip (its start and end, in ns of
 * process.hrtime) to `sample`; a failure goes to `failed` and is retried a second later. What --latency and
 * --latency-dist do for each node at once.
 */
export async function pingNode(
  node: NodeTarget, stop: () => boolean, sample: (start: bigint, end: bigint) => void, failed: (error: string) => void,
): Promise<void> {
  while (!stop()) {
    const start = process.hrtime.bigint();
    const answer = await nodeCommand(node, ['PING'], 5000);
    if ('error' in answer) {
      failed(answer.error);
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    sample(start, process.hrtime.bigint());
    await new Promise((r) => setTimeout(r, 10));
  }
}
