// A stand-in for the ElastiCache Query API (2015-02-02) on loopback HTTP, reached by the real AWS SDK in tests.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GroupFx, ServerlessFx } from './elasticache-fixtures.js';
import {
  cacheClusterXml, faultXml, groupXml, pageXml, responseXml, serverlessXml,
} from './elasticache-xml.js';

export { cmdGroup, cmeGroup, serverlessCache } from './elasticache-fixtures.js';
export type { GroupFx, ServerlessFx } from './elasticache-fixtures.js';

export interface ApiCall {
  action: string;
  /** Form parameters other than Action and Version. */
  params: Record<string, string>;
  /** From the SigV4 Authorization header's credential scope: who signed, for which region. */
  accessKeyId?: string;
  region?: string;
}

export interface Fault {
  code: string;
  status: number;
  message: string;
}

export interface ElastiCacheApiStandIn {
  url: string;
  calls: ApiCall[];
  setGroups(groups: GroupFx[]): void;
  setServerless(caches: ServerlessFx[]): void;
  /** Every later call of `action` fails with this fault (undefined clears it). */
  setFault(action: string, fault: Fault | undefined): void;
  close(): Promise<void>;
}

class ApiFault extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
  }
}

interface Reply {
  status: number;
  body: string;
}

/** Query-style paging: `Marker`/`NextToken` is our own opaque offset. */
function page<T>(items: T[], max: number, marker: string | undefined): { slice: T[]; next?: string } {
  const start = marker ? Number(/^m-(\d+)$/.exec(marker)?.[1] ?? Number.NaN) : 0;
  if (Number.isNaN(start)) throw new ApiFault('InvalidParameterValue', 400, `Invalid marker: ${marker}`);
  const slice = items.slice(start, start + max);
  return { slice, next: start + max < items.length ? `m-${start + max}` : undefined };
}

function maxRecords(p: Record<string, string>): number {
  const n = p.MaxRecords === undefined ? 100 : Number(p.MaxRecords);
  if (!Number.isInteger(n) || n < 20 || n > 100) {
    throw new ApiFault('InvalidParameterValue', 400, 'MaxRecords must be between 20 and 100.');
  }
  return n;
}

export async function startElastiCacheApi(
  state: { groups?: GroupFx[]; serverless?: ServerlessFx[] } = {},
): Promise<ElastiCacheApiStandIn> {
  let groups = state.groups ?? [];
  let serverless = state.serverless ?? [];
  const faults = new Map<string, Fault>();
  const calls: ApiCall[] = [];

  const handlers: Record<string, (p: Record<string, string>) => string> = {
    DescribeReplicationGroups(p) {
      const max = maxRecords(p);
      let list = groups;
      if (p.ReplicationGroupId !== undefined) {
        list = groups.filter((g) => g.id.toLowerCase() === p.ReplicationGroupId.toLowerCase());
        if (!list.length) throw new ApiFault('ReplicationGroupNotFoundFault', 404, `ReplicationGroup ${p.ReplicationGroupId} not found.`);
      }
      const { slice, next } = page(list, max, p.Marker);
      return pageXml('ReplicationGroups', slice.map(groupXml), 'Marker', next);
    },
    DescribeServerlessCaches(p) {
      const max = p.MaxResults === undefined ? 50 : Number(p.MaxResults);
      let list = serverless;
      if (p.ServerlessCacheName !== undefined) {
        list = serverless.filter((s) => s.name === p.ServerlessCacheName);
        if (!list.length) throw new ApiFault('ServerlessCacheNotFoundFault', 404, `Serverless cache ${p.ServerlessCacheName} not found.`);
      }
      const { slice, next } = page(list, max, p.NextToken);
      return pageXml('ServerlessCaches', slice.map(serverlessXml), 'NextToken', next);
    },
    DescribeCacheClusters(p) {
      const max = maxRecords(p);
      const show = p.ShowCacheNodeInfo === 'true';
      let list = groups.flatMap((g) => g.shards.flatMap((s) => s.members.map((m) => ({ g, m }))));
      if (p.CacheClusterId !== undefined) {
        list = list.filter(({ m }) => m.id.toLowerCase() === p.CacheClusterId.toLowerCase());
        if (!list.length) throw new ApiFault('CacheClusterNotFound', 404, `CacheCluster not found: ${p.CacheClusterId}`);
      }
      const { slice, next } = page(list, max, p.Marker);
      return pageXml('CacheClusters', slice.map(({ g, m }) => cacheClusterXml(g, m, show)), 'Marker', next);
    },
  };

  function answer(req: http.IncomingMessage, body: string): Reply {
    const form = new URLSearchParams(body);
    const action = form.get('Action') ?? '';
    const params: Record<string, string> = {};
    for (const [k, v] of form) if (k !== 'Action' && k !== 'Version') params[k] = v;
    const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
    calls.push({ action, params, accessKeyId: scope?.[1], region: scope?.[2] });
    const requestId = randomUUID();
    try {
      if (req.method !== 'POST') throw new ApiFault('InvalidAction', 400, 'Query API requests are POSTs.');
      if (!scope || scope[3] !== 'elasticache') {
        throw new ApiFault('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
      }
      if (form.get('Version') !== '2015-02-02') throw new ApiFault('InvalidParameterValue', 400, 'Unsupported Version');
      const fault = faults.get(action);
      if (fault) throw new ApiFault(fault.code, fault.status, fault.message);
      const handler = handlers[action];
      if (!handler) throw new ApiFault('InvalidAction', 400, `Could not find operation ${action} for version 2015-02-02`);
      return { status: 200, body: responseXml(action, handler(params), requestId) };
    } catch (err) {
      if (!(err instanceof ApiFault)) throw err;
      return { status: err.status, body: faultXml(err.code, err.message, err.status, requestId) };
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = answer(req, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setGroups: (g) => { groups = g; },
    setServerless: (s) => { serverless = s; },
    setFault: (action, fault) => { if (fault) faults.set(action, fault); else faults.delete(action); },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Static test credentials: the secret must never show up in a cache file or an error line. */
export const STAND_IN_KEY_ID = 'AKIDSTANDIN0EXAMPLE';
export const STAND_IN_SECRET = 'standInSecret/K7MDENG+bPxRfiCYEXAMPLEKEY';

/**
 * The env a ResolveRequest gets in tests: the stand-in as the endpoint, a region, static keys, no instance metadata,
 * and AWS config/credentials files that do not exist under `home` (so the developer's ~/.aws never leaks in).
 */
export function standInEnv(url: string, home: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    HOME: home,
    AWS_CONFIG_FILE: `${home}/no-aws-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${home}/no-aws-credentials`,
    AWS_ENDPOINT_URL_ELASTICACHE: url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: STAND_IN_KEY_ID,
    AWS_SECRET_ACCESS_KEY: STAND_IN_SECRET,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}
