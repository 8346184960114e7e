// Where and how to connect: -h/-p/-s/-u as given, or an ElastiCache name resolved through the API; tunnels via --via.
import type { CliOptions } from '../cli/args.js';
import type { Settings } from '../settings/settings.js';
import type { ResolvedCache } from '../elasticache/lookup.js';
import { parseHostPort, parseViaMap } from '../settings/via.js';
import { formatAddress, type HostPort } from '../util/host-port.js';

export interface ConnectionPlan {
  /** The name TLS verifies and the prompt shows (an ElastiCache endpoint, or -h). */
  host: string;
  port: number;
  socket?: string;
  /** Where the socket really goes (a local port forward), when not to host:port. */
  via?: HostPort;
  /** Port forwards for cluster redirect targets, keyed "host:port" or "host". */
  viaMap: Map<string, HostPort>;
  tls: boolean;
  cluster: boolean;
  /** Keychain key: the group name, or host:port. */
  credentialTarget: string;
  /** The API says AUTH is needed (token or RBAC). */
  authRequired: boolean;
  /** What -g resolved to, when it was used. */
  cache?: ResolvedCache;
}

export class PlanError extends Error {}

/** Resolves -g through the ElastiCache API (lazily imported: direct connections never load the SDK). */
export async function resolveElastiCache(name: string, o: CliOptions, env: Record<string, string | undefined>, refresh = o.refresh): Promise<ResolvedCache> {
  const ec = await import('../elasticache/lookup.js');
  return ec.resolveCache({
    name,
    role: o.node !== undefined ? { node: o.node } : o.replica ? 'replica' : 'primary',
    region: o.region,
    profile: o.profile,
    refresh,
    cacheDir: ec.defaultCacheDir(env),
    env,
  });
}

/** The plan for `settings` plus the ElastiCache answer for -g, if any. */
export function planConnection(o: CliOptions, s: Settings, cache: ResolvedCache | undefined): ConnectionPlan {
  const via = o.via !== undefined ? parseHostPort(o.via, '--via') : undefined;
  const viaMap = o.viaMap !== undefined ? parseViaMap(o.viaMap) : new Map<string, HostPort>();
  if (cache) {
    return {
      host: cache.host,
      port: cache.port,
      via,
      viaMap,
      tls: cache.tls || s.useTls,
      cluster: cache.cluster || s.cluster,
      credentialTarget: cache.name,
      authRequired: cache.authRequired,
      cache,
    };
  }
  return {
    host: s.host,
    port: s.port,
    socket: s.socket,
    via,
    viaMap,
    tls: s.useTls,
    cluster: s.cluster,
    credentialTarget: s.socket ?? formatAddress(s.host, s.port),
    authRequired: false,
  };
}
