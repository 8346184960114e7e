// Pure mapping from ElastiCache API shapes to what eredis connects to (ResolvedCache) and shows (summaries, nodes).
import type { CacheCluster, Endpoint, ReplicationGroup, ServerlessCache } from '@aws-sdk/client-elasticache';
import { ElastiCacheError } from './errors.js';
import type { HostPort } from '../util/host-port.js';
import type { CacheRole } from '../settings/settings.js';

export type { CacheRole };

export interface CacheMember {
  id: string;
  role?: string;
  host: string;
  port: number;
  az?: string;
}

export interface ResolvedCache {
  kind: 'replication-group' | 'serverless';
  name: string;
  region: string;
  host: string;
  port: number;
  tls: boolean;
  cluster: boolean;
  authRequired: boolean;
  rbac: boolean;
  engine?: string;
  members?: CacheMember[];
}

export function endpointOf(e: Endpoint | undefined, defaultPort = 6379): HostPort | undefined {
  return e?.Address ? { host: e.Address, port: e.Port ?? defaultPort } : undefined;
}

export function isClusterMode(rg: ReplicationGroup): boolean {
  return rg.ClusterEnabled === true || (!!rg.ConfigurationEndpoint?.Address && !rg.NodeGroups?.[0]?.PrimaryEndpoint);
}

/** Refuses anything but `available` (compared case-insensitively: serverless statuses are documented upper-case). */
function checkAvailable(kind: ResolvedCache['kind'], name: string, status: string | undefined): void {
  if ((status ?? '').toLowerCase() === 'available') return;
  const what = kind === 'serverless' ? 'serverless cache' : 'replication group';
  throw new ElastiCacheError(`eredis: ${what} '${name}' is not available (status: ${status ?? 'unknown'})`, 'unavailable');
}

function allMemberIds(rg: ReplicationGroup): string[] {
  const ids = new Set<string>();
  for (const g of rg.NodeGroups ?? []) for (const m of g.NodeGroupMembers ?? []) if (m.CacheClusterId) ids.add(m.CacheClusterId);
  for (const id of rg.MemberClusters ?? []) ids.add(id);
  return [...ids];
}

/** `--node ssltest-002` or just `--node 002`; ids are matched without regard to case, like the API does. */
export function findMemberId(rg: ReplicationGroup, node: string): string {
  const ids = allMemberIds(rg);
  const wanted = [node.toLowerCase(), `${rg.ReplicationGroupId ?? ''}-${node}`.toLowerCase()];
  for (const w of wanted) {
    const hit = ids.find((id) => id.toLowerCase() === w);
    if (hit) return hit;
  }
  const list = ids.length ? ` (nodes: ${ids.join(', ')})` : '';
  throw new ElastiCacheError(`eredis: replication group '${rg.ReplicationGroupId}' has no node '${node}'${list}`, 'no-node');
}

/** The members of a cluster-mode-disabled group, with the role each node has right now. */
function cmdMembers(rg: ReplicationGroup): CacheMember[] {
  const out: CacheMember[] = [];
  for (const m of rg.NodeGroups?.[0]?.NodeGroupMembers ?? []) {
    const ep = endpointOf(m.ReadEndpoint);
    if (!m.CacheClusterId || !ep) continue;
    out.push({ id: m.CacheClusterId, role: m.CurrentRole, ...ep, az: m.PreferredAvailabilityZone });
  }
  return out;
}

/**
 * Where to connect for one role of a replication group. For a node of a cluster-mode-enabled group the caller
 * looks the node's endpoint up (DescribeCacheClusters) and passes it as `nodeEndpoint`.
 */
export function groupTarget(rg: ReplicationGroup, role: CacheRole, region: string, nodeEndpoint?: HostPort): ResolvedCache {
  const name = rg.ReplicationGroupId ?? '';
  checkAvailable('replication-group', name, rg.Status);
  const userGroups = rg.UserGroupIds ?? [];
  const cluster = isClusterMode(rg);
  const base = {
    kind: 'replication-group' as const, name, region, tls: rg.TransitEncryptionEnabled === true, cluster,
    authRequired: rg.AuthTokenEnabled === true || userGroups.length > 0, rbac: userGroups.length > 0,
    ...(rg.Engine ? { engine: rg.Engine } : {}),
  };
  const missing = (what: string) =>
    new ElastiCacheError(`eredis: replication group '${name}' has no ${what}`, 'no-node');
  if (typeof role === 'object') {
    const id = findMemberId(rg, role.node);
    if (cluster) {
      if (!nodeEndpoint) throw missing(`endpoint for node '${id}'`);
      return { ...base, ...nodeEndpoint };
    }
    const members = cmdMembers(rg);
    const m = members.find((x) => x.id === id);
    if (!m) throw missing(`endpoint for node '${id}'`);
    return { ...base, host: m.host, port: m.port, members };
  }
  if (cluster) {
    const cfg = endpointOf(rg.ConfigurationEndpoint);
    if (!cfg) throw missing('configuration endpoint');
    return { ...base, ...cfg };
  }
  const group = rg.NodeGroups?.[0];
  const ep = role === 'replica' ? endpointOf(group?.ReaderEndpoint) : endpointOf(group?.PrimaryEndpoint);
  if (!ep) throw missing(role === 'replica' ? 'reader endpoint' : 'primary endpoint');
  return { ...base, ...ep, members: cmdMembers(rg) };
}

/** Serverless: always TLS and cluster mode; the reader endpoint is the same host on port 6380. */
export function serverlessTarget(sc: ServerlessCache, role: CacheRole, region: string): ResolvedCache {
  const name = sc.ServerlessCacheName ?? '';
  if (typeof role === 'object') {
    throw new ElastiCacheError(`eredis: '${name}' is a serverless cache: it has no nodes to pick with --node`, 'no-node');
  }
  checkAvailable('serverless', name, sc.Status);
  const main = endpointOf(sc.Endpoint);
  if (!main) throw new ElastiCacheError(`eredis: serverless cache '${name}' has no endpoint`, 'no-node');
  const ep = role === 'replica' ? endpointOf(sc.ReaderEndpoint, 6380) ?? { host: main.host, port: 6380 } : main;
  return {
    kind: 'serverless', name, region, ...ep, tls: true, cluster: true,
    authRequired: !!sc.UserGroupId, rbac: !!sc.UserGroupId, ...(sc.Engine ? { engine: sc.Engine } : {}),
  };
}

/** Node endpoint of a cluster returned by DescribeCacheClusters with ShowCacheNodeInfo. */
export function clusterNodeEndpoint(cc: CacheCluster | undefined): HostPort | undefined {
  return endpointOf(cc?.CacheNodes?.[0]?.Endpoint);
}
