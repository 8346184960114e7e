// Where and how to connect: -h/-p/-s/-u as given, or what an ElastiCache name resolves to through the API; and the
// shell's handle on its -g group (every member for `:nodes`, where a role or member is for `:connect`).
import type { CacheRole, Settings } from '../settings/settings.js';
import type { NodeListing, ResolvedCache } from '../elasticache/lookup.js';
import type { HostPort } from '../util/host-port.js';

export interface ConnectionPlan {
  /** The name TLS verifies and the prompt shows (an ElastiCache endpoint, or -h). */
  host: string;
  port: number;
  socket?: string;
  tls: boolean;
  cluster: boolean;
  /** The API says AUTH is needed (token or RBAC). */
  authRequired: boolean;
  /** What -g resolved to, when it was used. */
  cache?: ResolvedCache;
}

/** Resolves -g through the ElastiCache API (lazily imported: direct connections never load the SDK). */
export async function resolveElastiCache(s: Settings, env: Record<string, string | undefined>, refresh = s.refresh): Promise<ResolvedCache> {
  const ec = await import('../elasticache/lookup.js');
  return ec.resolveCache({ name: s.group ?? '', role: s.role, ...s.aws, refresh, cacheDir: s.cacheDir, env });
}

/** The plan for `settings` plus the ElastiCache answer for -g, if any. */
export function planConnection(s: Settings, cache: ResolvedCache | undefined): ConnectionPlan {
  if (cache) {
    return {
      host: cache.host, port: cache.port, tls: cache.tls || s.useTls, cluster: cache.cluster || s.cluster,
      authRequired: cache.authRequired, cache,
    };
  }
  return { host: s.host, port: s.port, socket: s.socket, tls: s.useTls, cluster: s.cluster, authRequired: false };
}

/** For -g primaries: ask the API again (bypassing the cache) where the primary is, after a failover. */
export function failoverResolver(s: Settings, plan: ConnectionPlan, env: Record<string, string | undefined>) {
  if (!plan.cache || s.role !== 'primary' || plan.cluster || s.via) return undefined;
  return async (): Promise<{ host: string; port: number }> => {
    const fresh = await resolveElastiCache(s, env, true);
    return { host: fresh.host, port: fresh.port };
  };
}

export interface GroupAccess {
  /** The replication group or serverless cache name. */
  name: string;
  /** How the session started: the primary endpoint (-g alone), the reader endpoint (--replica), a member (--node). */
  start: CacheRole;
  /** The members, fresh from the API (DescribeReplicationGroups, DescribeCacheClusters). */
  nodes(): Promise<NodeListing>;
  /** Where a role or member is (the resolution cache answers when it can, as for `-g NAME --node ID`). */
  locate(role: CacheRole): Promise<HostPort>;
}

/** Undefined without -g: the shell then says that `:nodes` and `:connect` need a group. */
export function groupAccess(
  s: Settings, plan: ConnectionPlan, env: Record<string, string | undefined>,
): GroupAccess | undefined {
  const cache = plan.cache;
  if (!cache) return undefined;
  const aws = { ...s.aws, region: cache.region };
  return {
    name: cache.name,
    start: s.role,
    async nodes() {
      const { describeNodes } = await import('../elasticache/lookup.js');
      return describeNodes({ name: cache.name, ...aws, env });
    },
    async locate(role) {
      const found = await resolveElastiCache({ ...s, aws, role }, env);
      return { host: found.host, port: found.port };
    },
  };
}
