// Multi-server test topologies over TLS: a primary with replicas, and a cluster of masters with slots assigned.
import { command, info, withClient } from './client.js';
import { startRedis, stopAll, type RedisServer, type StartRedisOptions } from './redis-server.js';
import { waitUntil } from './wait.js';

export interface ReplicationSetup {
  primary: RedisServer;
  replicas: RedisServer[];
  /** Primary first, then the replicas. */
  servers: RedisServer[];
  stop(): Promise<void>;
}

export interface PrimaryWithReplicasOptions {
  replicas?: number;
  /** requirepass on every server and masterauth on the replicas (like an ElastiCache AUTH token). */
  password?: string;
  /** Extra options for every server (tls, plain, tlsCert, extraArgs, ...). */
  server?: Omit<StartRedisOptions, 'password' | 'replicaOf' | 'cluster'>;
  timeoutMs?: number;
}

/** Waits until the replica reports `master_link_status:up` (initial sync done). */
export async function waitForReplicaLink(replica: RedisServer, timeoutMs = 20_000): Promise<void> {
  await waitUntil(async () => (await info(replica, 'replication')).master_link_status === 'up', {
    timeoutMs, intervalMs: 100, what: `replica ${replica.port} master_link_status:up`,
  });
}

/** A TLS primary (with requirepass when given) and N TLS replicas, all linked and synced. */
export async function startPrimaryWithReplicas(opts: PrimaryWithReplicasOptions = {}): Promise<ReplicationSetup> {
  const base = { ...opts.server, ...(opts.password !== undefined ? { password: opts.password } : {}) };
  const primary = await startRedis(base);
  const replicas: RedisServer[] = [];
  try {
    const started = await Promise.allSettled(
      Array.from({ length: opts.replicas ?? 2 }, () => startRedis({ ...base, replicaOf: primary })),
    );
    for (const r of started) if (r.status === 'fulfilled') replicas.push(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all(replicas.map((r) => waitForReplicaLink(r, opts.timeoutMs)));
    await waitUntil(async () => Number((await info(primary, 'replication')).connected_slaves) === replicas.length, {
      timeoutMs: opts.timeoutMs ?? 20_000, intervalMs: 100, what: `primary ${primary.port} to see its replicas`,
    });
  } catch (err) {
    await stopAll(primary, ...replicas);
    throw err;
  }
  return { primary, replicas, servers: [primary, ...replicas], stop: () => stopAll(primary, ...replicas) };
}

export interface SlotRange {
  start: number;
  end: number;
}

export interface ClusterSetup {
  /** The masters (slots[i] served by nodes[i]). */
  nodes: RedisServer[];
  /** replicas[i]: the replicas of nodes[i] (empty unless asked for). */
  replicas: RedisServer[][];
  /** Slots served by nodes[i], as redis-cli --cluster create splits them. */
  slots: SlotRange[];
  /** The node that serves this slot. */
  nodeForSlot(slot: number): RedisServer;
  /** CLUSTER KEYSLOT key, asked of the server. */
  keySlot(key: string): Promise<number>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  masters?: number;
  /** Replicas per master (default 0), linked with CLUSTER REPLICATE. */
  replicasPerMaster?: number;
  password?: string;
  server?: Omit<StartRedisOptions, 'password' | 'replicaOf' | 'cluster'>;
  timeoutMs?: number;
}

/** Splits 16384 slots over n masters exactly like `redis-cli --cluster create`. */
export function splitSlots(n: number): SlotRange[] {
  const per = 16384 / n;
  const out: SlotRange[] = [];
  let first = 0;
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    let last = Math.round(cursor + per - 1);
    if (last > 16383 || i === n - 1) last = 16383;
    out.push({ start: first, end: last });
    first = last + 1;
    cursor += per;
  }
  return out;
}

/** N cluster masters over TLS (tls-cluster yes), slots assigned, met, and `cluster_state:ok` on every node. */
export async function startTlsCluster(opts: ClusterOptions = {}): Promise<ClusterSetup> {
  const n = opts.masters ?? 3;
  const base = { ...opts.server, cluster: true, ...(opts.password !== undefined ? { password: opts.password } : {}) };
  const started = await Promise.allSettled(Array.from({ length: n }, () => startRedis(base)));
  const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const slots = splitSlots(n);
  try {
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all(nodes.map((node, i) => withClient(node, async (c) => {
      await c.sendCommand(['CLUSTER', 'SET-CONFIG-EPOCH', String(i + 1)]);
      await c.sendCommand(['CLUSTER', 'ADDSLOTSRANGE', String(slots[i]!.start), String(slots[i]!.end)]);
    })));
    await withClient(nodes[0]!, async (c) => {
      for (const node of nodes.slice(1)) {
        await c.sendCommand(['CLUSTER', 'MEET', node.host, String(node.port), String(node.busPort)]);
      }
    });
    await Promise.all(nodes.map((node) => waitUntil(async () => {
      const state = String(await command(node, ['CLUSTER', 'INFO']));
      return state.includes('cluster_state:ok') && state.includes(`cluster_known_nodes:${n}`);
    }, { timeoutMs: opts.timeoutMs ?? 30_000, intervalMs: 100, what: `cluster node ${node.port} cluster_state:ok` })));
  } catch (err) {
    await stopAll(...nodes);
    throw err;
  }
  const replicas = await addClusterReplicas(nodes, opts.replicasPerMaster ?? 0, base, opts.timeoutMs);
  return {
    nodes,
    replicas,
    slots,
    nodeForSlot: (slot) => nodes[slots.findIndex((r) => slot >= r.start && slot <= r.end)]!,
    keySlot: async (key) => Number(await command(nodes[0]!, ['CLUSTER', 'KEYSLOT', key])),
    stop: () => stopAll(...nodes, ...replicas.flat()),
  };
}

/** Starts `perMaster` replicas for each master, meets them and makes them replicate it; waits until all are linked. */
async function addClusterReplicas(masters: RedisServer[], perMaster: number, base: StartRedisOptions, timeoutMs = 30_000): Promise<RedisServer[][]> {
  if (perMaster === 0) return masters.map(() => []);
  const started = await Promise.allSettled(masters.flatMap(() => Array.from({ length: perMaster }, () => startRedis(base))));
  const all = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  try {
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const ids = await Promise.all(masters.map((m) => command(m, ['CLUSTER', 'MYID'])));
    await withClient(masters[0]!, async (c) => {
      for (const r of all) await c.sendCommand(['CLUSTER', 'MEET', r.host, String(r.port), String(r.busPort)]);
    });
    const total = masters.length + all.length;
    await Promise.all(all.map((r) => waitUntil(async () => String(await command(r, ['CLUSTER', 'INFO'])).includes(`cluster_known_nodes:${total}`),
      { timeoutMs, intervalMs: 100, what: `replica ${r.port} to know the cluster` })));
    await Promise.all(all.map((r, k) => command(r, ['CLUSTER', 'REPLICATE', String(ids[Math.floor(k / perMaster)])])));
    await Promise.all(all.map((r) => waitForReplicaLink(r, timeoutMs)));
    // Every node must also have heard (by gossip) whose replica each one is, as a client reading CLUSTER NODES would.
    const replicaOf = (line: string) => / (?:myself,)?slave /.test(line) && !/fail|handshake|noaddr/.test(line.split(' ')[2] ?? '');
    await Promise.all([...masters, ...all].map((n) => waitUntil(
      async () => String(await command(n, ['CLUSTER', 'NODES'])).split('\n').filter(replicaOf).length === all.length,
      { timeoutMs, intervalMs: 100, what: `node ${n.port} to see every replica` })));
  } catch (err) {
    await stopAll(...all);
    throw err;
  }
  return masters.map((_, i) => all.slice(i * perMaster, (i + 1) * perMaster));
}
