// `eredis -g NAME`: replication group or serverless cache name -> where to connect; plus `groups` and `describe` data.
import { awsSettings, type Env } from '../aws/aws-settings.js';
import { ElastiCacheApi } from './client.js';
import { ElastiCacheError, notFoundError } from './errors.js';
import {
  engineVersions, groupNodes, serverlessNodes, summarizeGroup, summarizeServerless,
  type CacheSummary, type NodeListing,
} from './listing.js';
import {
  clusterNodeEndpoint, findMemberId, groupTarget, isClusterMode, serverlessTarget,
  type CacheRole, type ResolvedCache,
} from './model.js';
import { cacheKey, ResolutionCache } from './resolution-cache.js';
import type { HostPort } from '../util/host-port.js';

export { ElastiCacheError } from './errors.js';
export type { ElastiCacheErrorReason } from './errors.js';
export type { CacheMember, CacheRole, ResolvedCache } from './model.js';
export type { AuthMode, CacheSummary, NodeInfo, NodeListing } from './listing.js';

export interface ResolveRequest {
  name: string;
  role: 'primary' | 'replica' | { node: string };
  region?: string;
  profile?: string;
  /** Skip the cached answer and rewrite it. */
  refresh?: boolean;
  /** Where the resolution cache lives (Settings.cacheDir: `$XDG_CACHE_HOME/eredis`). */
  cacheDir: string;
  /** The process environment (main passes process.env); nothing here reads process.env itself. */
  env: Record<string, string | undefined>;
}

export interface AwsLookup {
  region?: string;
  profile?: string;
  env: Env;
  /** MaxRecords / MaxResults per page (AWS clamps: 20-100 for groups, up to 50 for serverless). */
  pageSize?: number;
}

function checkName(name: string): void {
  // An empty ReplicationGroupId would make AWS list every group instead of failing.
  if (name.trim() === '') {
    throw new ElastiCacheError('eredis: -g needs a replication group or serverless cache name', 'not-found');
  }
}

async function withApi<T>(lookup: AwsLookup, run: (api: ElastiCacheApi) => Promise<T>): Promise<T> {
  const api = await ElastiCacheApi.open(awsSettings(lookup, lookup.env), lookup.env);
  try {
    return await run(api);
  } finally {
    api.close();
  }
}

async function lookupTarget(api: ElastiCacheApi, name: string, role: CacheRole): Promise<ResolvedCache> {
  const rg = await api.replicationGroup(name);
  if (rg) {
    let nodeEndpoint: HostPort | undefined;
    // Cluster-mode-enabled members carry no ReadEndpoint: ask DescribeCacheClusters for that one node.
    if (typeof role === 'object' && isClusterMode(rg) && (rg.Status ?? '').toLowerCase() === 'available') {
      nodeEndpoint = clusterNodeEndpoint(await api.cacheCluster(findMemberId(rg, role.node)));
    }
    return groupTarget(rg, role, api.region, nodeEndpoint);
  }
  const sc = await api.serverlessCache(name);
  if (sc) return serverlessTarget(sc, role, api.region);
  throw notFoundError(name, api.region);
}

/**
 * Resolves a replication group (else a serverless cache) by name. A fresh cached answer (1 hour) makes no API call
 * and does not even load the SDK. Throws ElastiCacheError with the line to print.
 */
export async function resolveCache(req: ResolveRequest): Promise<ResolvedCache> {
  checkName(req.name);
  const settings = awsSettings(req, req.env);
  const cache = new ResolutionCache(req.cacheDir);
  const keyFor = (region: string) =>
    cacheKey({ profile: settings.profile, region, endpointUrl: settings.endpointUrl, name: req.name, role: req.role });
  if (settings.region && !req.refresh) {
    const hit = cache.get(keyFor(settings.region));
    if (hit) return hit;
  }
  const api = await ElastiCacheApi.open(settings, req.env);
  try {
    // The region only the SDK could find (instance metadata) is known now.
    if (!settings.region && !req.refresh) {
      const hit = cache.get(keyFor(api.region));
      if (hit) return hit;
    }
    const resolved = await lookupTarget(api, req.name, req.role);
    cache.set(keyFor(api.region), resolved);
    return resolved;
  } finally {
    api.close();
  }
}

/** Every replication group and serverless cache in the region (all pages of both APIs), sorted by name. */
export function listCaches(opts: AwsLookup): Promise<CacheSummary[]> {
  return withApi(opts, async (api) => {
    const [groups, serverless, versions] = await Promise.all([
      api.allReplicationGroups(opts.pageSize),
      api.allServerlessCaches(opts.pageSize),
      // Versions are a nicety: without elasticache:DescribeCacheClusters the table just leaves them out.
      api.allCacheClusters(false, opts.pageSize).then(engineVersions, () => new Map<string, string>()),
    ]);
    const all = [...groups.map((g) => summarizeGroup(g, versions)), ...serverless.map(summarizeServerless)];
    return all.sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** The nodes of one replication group (id, role, shard, AZ, endpoint), or a serverless cache's two endpoints. */
export async function describeNodes(opts: AwsLookup & { name: string }): Promise<NodeListing> {
  checkName(opts.name);
  return await withApi(opts, async (api) => {
    const rg = await api.replicationGroup(opts.name);
    if (rg) {
      const id = (rg.ReplicationGroupId ?? '').toLowerCase();
      // Cluster-mode-enabled groups list no node endpoints; for the others this only adds node status.
      const fetched = isClusterMode(rg)
        ? api.allCacheClusters(true, opts.pageSize)
        : api.allCacheClusters(true, opts.pageSize).catch(() => []);
      const clusters = (await fetched).filter((c) => (c.ReplicationGroupId ?? '').toLowerCase() === id);
      return groupNodes(rg, api.region, clusters);
    }
    const sc = await api.serverlessCache(opts.name);
    if (sc) return serverlessNodes(sc, api.region);
    throw notFoundError(opts.name, api.region);
  });
}
