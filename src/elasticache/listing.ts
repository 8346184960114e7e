// Pure summaries of caches (for `eredis groups` and the -g chooser) and node listings (for `eredis describe`).
import type { CacheCluster, ReplicationGroup, ServerlessCache } from '@aws-sdk/client-elasticache';
import { endpointOf, isClusterMode } from './model.js';

export type AuthMode = 'none' | 'token' | 'rbac';

export interface CacheSummary {
  kind: 'replication-group' | 'serverless';
  name: string;
  description?: string;
  engine?: string;
  engineVersion?: string;
  status: string;
  clusterMode: 'enabled' | 'disabled' | 'compatible' | 'serverless';
  tls: boolean;
  auth: AuthMode;
  /** Node-based only. */
  shards?: number;
  replicasPerShard?: number;
  /** host:port of the endpoint `eredis -g NAME` would use. */
  endpoint?: string;
}

export interface NodeInfo {
  id: string;
  role?: string;
  shard?: string;
  /** The slot ranges of the node's shard (cluster mode enabled), as the API gives them: `0-5461,10923-12000`. */
  slots?: string;
  az?: string;
  host?: string;
  port?: number;
  status?: string;
}

export interface NodeListing {
  kind: CacheSummary['kind'];
  name: string;
  region: string;
  engine?: string;
  cluster: boolean;
  /** host:port of the primary (or configuration) endpoint and of the reader endpoint, when there are such. */
  endpoint?: string;
  readerEndpoint?: string;
  nodes: NodeInfo[];
}

function hp(e: { host: string; port: number } | undefined): string | undefined {
  return e ? `${e.host}:${e.port}` : undefined;
}

function groupAuth(rg: ReplicationGroup): AuthMode {
  if ((rg.UserGroupIds ?? []).length > 0) return 'rbac';
  return rg.AuthTokenEnabled ? 'token' : 'none';
}

/** Engine versions live on the member clusters, not on the group: map ReplicationGroupId -> EngineVersion. */
export function engineVersions(clusters: CacheCluster[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of clusters) {
    if (c.ReplicationGroupId && c.EngineVersion && !out.has(c.ReplicationGroupId)) out.set(c.ReplicationGroupId, c.EngineVersion);
  }
  return out;
}

export function summarizeGroup(rg: ReplicationGroup, versions: Map<string, string>): CacheSummary {
  const cluster = isClusterMode(rg);
  const groups = rg.NodeGroups ?? [];
  const shards = groups.length || undefined;
  const perShard = groups[0]?.NodeGroupMembers?.length
    ?? (shards ? Math.ceil((rg.MemberClusters?.length ?? 0) / shards) : 0);
  const ep = cluster ? endpointOf(rg.ConfigurationEndpoint) : endpointOf(groups[0]?.PrimaryEndpoint);
  const id = rg.ReplicationGroupId ?? '';
  return {
    kind: 'replication-group',
    name: id,
    description: rg.Description,
    engine: rg.Engine,
    engineVersion: versions.get(id),
    status: rg.Status ?? 'unknown',
    clusterMode: (rg.ClusterMode as CacheSummary['clusterMode'] | undefined) ?? (cluster ? 'enabled' : 'disabled'),
    tls: rg.TransitEncryptionEnabled === true,
    auth: groupAuth(rg),
    shards,
    replicasPerShard: shards ? Math.max(0, perShard - 1) : undefined,
    endpoint: hp(ep),
  };
}

export function summarizeServerless(sc: ServerlessCache): CacheSummary {
  return {
    kind: 'serverless',
    name: sc.ServerlessCacheName ?? '',
    description: sc.Description,
    engine: sc.Engine,
    engineVersion: sc.FullEngineVersion ?? sc.MajorEngineVersion,
    status: (sc.Status ?? 'unknown').toLowerCase(),
    clusterMode: 'serverless',
    tls: true,
    auth: sc.UserGroupId ? 'rbac' : 'none',
    endpoint: hp(endpointOf(sc.Endpoint)),
  };
}

/** Nodes of a replication group; `clusters` (DescribeCacheClusters with node info) fills in what the group omits. */
export function groupNodes(rg: ReplicationGroup, region: string, clusters: CacheCluster[]): NodeListing {
  const cluster = isClusterMode(rg);
  const byId = new Map(clusters.map((c) => [c.CacheClusterId ?? '', c]));
  const nodes: NodeInfo[] = [];
  for (const g of rg.NodeGroups ?? []) {
    for (const m of g.NodeGroupMembers ?? []) {
      const id = m.CacheClusterId ?? '';
      const cc = byId.get(id);
      const ep = endpointOf(m.ReadEndpoint) ?? endpointOf(cc?.CacheNodes?.[0]?.Endpoint);
      nodes.push({
        id, role: m.CurrentRole, shard: g.NodeGroupId, ...(cluster && g.Slots ? { slots: g.Slots } : {}), az: m.PreferredAvailabilityZone ?? cc?.PreferredAvailabilityZone,
        host: ep?.host, port: ep?.port, status: cc?.CacheClusterStatus,
      });
    }
  }
  const first = rg.NodeGroups?.[0];
  return {
    kind: 'replication-group', name: rg.ReplicationGroupId ?? '', region, engine: rg.Engine, cluster,
    endpoint: hp(cluster ? endpointOf(rg.ConfigurationEndpoint) : endpointOf(first?.PrimaryEndpoint)),
    readerEndpoint: cluster ? undefined : hp(endpointOf(first?.ReaderEndpoint)),
    nodes,
  };
}

/** Serverless caches have no nodes to show: list the two endpoints instead. */
export function serverlessNodes(sc: ServerlessCache, region: string): NodeListing {
  const main = endpointOf(sc.Endpoint);
  const reader = endpointOf(sc.ReaderEndpoint, 6380) ?? (main ? { host: main.host, port: 6380 } : undefined);
  const name = sc.ServerlessCacheName ?? '';
  const nodes: NodeInfo[] = [];
  if (main) nodes.push({ id: name, role: 'endpoint', ...main, status: sc.Status?.toLowerCase() });
  if (reader) nodes.push({ id: name, role: 'reader', ...reader, status: sc.Status?.toLowerCase() });
  return { kind: 'serverless', name, region, engine: sc.Engine, cluster: true, endpoint: hp(main), readerEndpoint: hp(reader), nodes };
}
