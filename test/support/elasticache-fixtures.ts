// Fixture builders for the stand-in ElastiCache API: CMD/CME replication groups and serverless caches, AWS-like defaults.

export interface EndpointFx {
  host: string;
  port: number;
}

export interface MemberFx {
  id: string;
  host: string;
  port: number;
  az: string;
  /** Only cluster-mode-disabled groups report CurrentRole (and ReadEndpoint). */
  role?: 'primary' | 'replica';
}

export interface ShardFx {
  id: string;
  slots?: string;
  primary?: EndpointFx;
  reader?: EndpointFx;
  members: MemberFx[];
}

export interface GroupFx {
  id: string;
  description: string;
  status: string;
  clusterEnabled: boolean;
  clusterMode: 'enabled' | 'disabled' | 'compatible';
  engine: string;
  engineVersion: string;
  nodeType: string;
  tls: boolean;
  authToken: boolean;
  userGroupIds: string[];
  configEndpoint?: EndpointFx;
  shards: ShardFx[];
}

export interface ServerlessFx {
  name: string;
  description: string;
  status: string;
  engine: string;
  majorEngineVersion: string;
  fullEngineVersion: string;
  endpoint: EndpointFx;
  readerEndpoint?: EndpointFx;
  userGroupId?: string;
}

const DOMAIN = 'abc123.use1.cache.amazonaws.com';
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

interface Common {
  id: string;
  tls?: boolean;
  authToken?: boolean;
  userGroupIds?: string[];
  status?: string;
  engine?: string;
  engineVersion?: string;
  description?: string;
}

function common(o: Common): Omit<GroupFx, 'clusterEnabled' | 'clusterMode' | 'shards' | 'configEndpoint'> {
  return {
    id: o.id, description: o.description ?? `${o.id} test group`, status: o.status ?? 'available',
    engine: o.engine ?? 'valkey', engineVersion: o.engineVersion ?? '8.0.1', nodeType: 'cache.t4g.micro',
    tls: o.tls ?? true, authToken: o.authToken ?? false, userGroupIds: o.userGroupIds ?? [],
  };
}

/** Cluster mode disabled: one shard, a primary and a reader endpoint, members `<id>-001`, `<id>-002`, ... */
export function cmdGroup(o: Common & {
  primary?: EndpointFx;
  reader?: EndpointFx;
  members?: Array<Partial<MemberFx> & { id?: string }>;
}): GroupFx {
  const members = (o.members ?? [{ role: 'primary' }, { role: 'replica' }]).map((m, i): MemberFx => {
    const id = m.id ?? `${o.id}-${String(i + 1).padStart(3, '0')}`;
    return { id, host: m.host ?? `${id}.${o.id}.${DOMAIN}`, port: m.port ?? 6379, az: m.az ?? AZS[i % 3], role: m.role ?? (i === 0 ? 'primary' : 'replica') };
  });
  return {
    ...common(o), clusterEnabled: false, clusterMode: 'disabled',
    shards: [{
      id: '0001',
      primary: o.primary ?? { host: `master.${o.id}.${DOMAIN}`, port: 6379 },
      reader: o.reader ?? { host: `replica.${o.id}.${DOMAIN}`, port: 6379 },
      members,
    }],
  };
}

/** Cluster mode enabled: a configuration endpoint, `shards` node groups of 1 primary + `replicas` replicas. */
export function cmeGroup(o: Common & { configEndpoint?: EndpointFx; shards?: number; replicas?: number }): GroupFx {
  const count = o.shards ?? 2;
  const per = 16384 / count;
  const shards = Array.from({ length: count }, (_, s): ShardFx => {
    const sid = String(s + 1).padStart(4, '0');
    const members = Array.from({ length: 1 + (o.replicas ?? 1) }, (_, n): MemberFx => {
      const id = `${o.id}-${sid}-${String(n + 1).padStart(3, '0')}`;
      return { id, host: `${id}.${o.id}.${DOMAIN}`, port: 6379, az: AZS[(s + n) % 3] };
    });
    return { id: sid, slots: `${Math.round(s * per)}-${Math.round((s + 1) * per) - 1}`, members };
  });
  return {
    ...common(o), clusterEnabled: true, clusterMode: 'enabled',
    configEndpoint: o.configEndpoint ?? { host: `clustercfg.${o.id}.${DOMAIN}`, port: 6379 }, shards,
  };
}

/** Serverless: `<name>-<hash>.serverless.use1.cache.amazonaws.com`, 6379 read-write, 6380 read-only. */
export function serverlessCache(o: {
  name: string;
  host?: string;
  port?: number;
  readerPort?: number;
  status?: string;
  userGroupId?: string;
  engine?: string;
}): ServerlessFx {
  const host = o.host ?? `${o.name}-x1y2z3.serverless.use1.cache.amazonaws.com`;
  return {
    name: o.name, description: `${o.name} serverless`, status: o.status ?? 'available', engine: o.engine ?? 'valkey',
    majorEngineVersion: '8', fullEngineVersion: '8.0', endpoint: { host, port: o.port ?? 6379 },
    readerEndpoint: { host, port: o.readerPort ?? 6380 }, userGroupId: o.userGroupId,
  };
}
