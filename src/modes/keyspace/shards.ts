// Which nodes a cluster-wide scan visits: every primary that serves slots, or one replica of each (--reader).
import { formatAddress } from '../../util/host-port.js';
import { clusterNodes, type ClusterNode } from '../../session/cluster-nodes.js';
import type { Session } from '../../session/session.js';

export interface Shard {
  /** "host:port", as printed next to a biggest key and in failure lines. */
  address: string;
  host: string;
  port: number;
  role: 'master' | 'replica';
  /** The first slot the shard serves (shards are listed in slot order). */
  firstSlot: number;
  /** The node the root session is connected to (its session is reused). */
  entry: boolean;
}

export interface ShardPlan {
  shards: Shard[];
  /** Shards that cannot be visited, each with the reason (reported, not fatal). */
  unreachable: Array<{ address: string; reason: string }>;
  /** 'primaries' or 'replicas', for messages. */
  kind: string;
}

const addressOf = (n: ClusterNode) => formatAddress(n.host, n.port);

/** The shards of the cluster behind `root` (connected); undefined when the server is not a cluster node. */
export async function planShards(root: Session, readReplicas: boolean): Promise<ShardPlan | undefined> {
  const nodes = await clusterNodes(root);
  if (!nodes) return undefined;
  const masters = nodes.filter((n) => n.role === 'master' && n.slots.length > 0)
    .sort((a, b) => a.slots[0]![0] - b.slots[0]![0]);
  const plan: ShardPlan = { shards: [], unreachable: [], kind: readReplicas ? 'replicas' : 'primaries' };
  for (const master of masters) {
    const firstSlot = master.slots[0]![0];
    const node = readReplicas ? nodes.find((n) => n.role === 'replica' && n.masterId === master.id && !n.unusable) : master;
    if (!node) {
      plan.unreachable.push({ address: addressOf(master), reason: `no usable replica of the primary serving slot ${firstSlot}` });
    } else if (node.unusable) {
      plan.unreachable.push({ address: addressOf(node), reason: 'the cluster marks this node as failing' });
    } else {
      plan.shards.push({ address: addressOf(node), host: node.host, port: node.port, role: node.role, firstSlot, entry: node.myself });
    }
  }
  return plan;
}
