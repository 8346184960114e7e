// The shell's handle on its -g group: every member (for `:nodes`) and where the primary, the reader endpoint or one
// member is (for `:connect`), asked of the ElastiCache API the way the first resolution was.
import type { NodeListing } from '../elasticache/lookup.js';
import type { CacheRole, Settings } from '../settings/settings.js';
import type { HostPort } from '../util/host-port.js';
import { resolveElastiCache, type ConnectionPlan } from './connection-plan.js';

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
export function groupAccess(s: Settings, plan: ConnectionPlan, env: Record<string, string | undefined>): GroupAccess | undefined {
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
