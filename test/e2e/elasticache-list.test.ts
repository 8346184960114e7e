// listCaches / describeNodes with the real SDK against the stand-in (pagination included), and their tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeNodes, listCaches } from '../../src/elasticache/lookup.js';
import { cacheChoices, renderCacheTable, renderNodeTable } from '../../src/ui/cache-tables.js';
import {
  cmdGroup, cmeGroup, serverlessCache, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn,
} from '../support/elasticache-api.js';

let api: ElastiCacheApiStandIn;
let home: string;
const env = () => standInEnv(api.url, home);

const many = Array.from({ length: 25 }, (_, i) => cmdGroup({ id: `app-${String(i + 1).padStart(2, '0')}`, engine: 'redis', engineVersion: '7.1.0' }));

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'eredis-ec-list-'));
  api = await startElastiCacheApi();
});

afterAll(async () => {
  await api.close();
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  api.calls.length = 0;
  api.setFault('DescribeCacheClusters', undefined);
  api.setGroups([cmdGroup({ id: 'ssltest', authToken: true }), cmeGroup({ id: 'bigc', shards: 3, replicas: 2, tls: false })]);
  api.setServerless([serverlessCache({ name: 'sless', userGroupId: 'ug-1' }), serverlessCache({ name: 'baby', status: 'creating' })]);
});

describe('listCaches', () => {
  it('follows Marker / NextToken through every page of both APIs', async () => {
    api.setGroups(many);
    api.setServerless(Array.from({ length: 3 }, (_, i) => serverlessCache({ name: `sl-${i}` })));
    const list = await listCaches({ region: 'us-east-1', env: env(), pageSize: 20 });
    expect(list).toHaveLength(28);
    expect(list.map((c) => c.name)).toEqual([...many.map((g) => g.id), 'sl-0', 'sl-1', 'sl-2']);
    const groupCalls = api.calls.filter((c) => c.action === 'DescribeReplicationGroups').map((c) => c.params);
    expect(groupCalls).toEqual([{ MaxRecords: '20' }, { MaxRecords: '20', Marker: 'm-20' }]);
    expect(api.calls.filter((c) => c.action === 'DescribeServerlessCaches').map((c) => c.params)).toEqual([{ MaxResults: '20' }]);
    // 25 groups x 2 members = 50 clusters, read for their engine versions: 3 pages of 20.
    expect(api.calls.filter((c) => c.action === 'DescribeCacheClusters')).toHaveLength(3);
    expect(list[0]).toMatchObject({ engine: 'redis', engineVersion: '7.1.0', shards: 1, replicasPerShard: 1 });
  });

  it('summarises each kind: mode, TLS, auth, shards/replicas, endpoint', async () => {
    const list = await listCaches({ region: 'us-east-1', env: env() });
    expect(list).toEqual([
      { kind: 'serverless', name: 'baby', description: 'baby serverless', engine: 'valkey', engineVersion: '8.0', status: 'creating',
        clusterMode: 'serverless', tls: true, auth: 'none', endpoint: 'baby-x1y2z3.serverless.use1.cache.amazonaws.com:6379' },
      { kind: 'replication-group', name: 'bigc', description: 'bigc test group', engine: 'valkey', engineVersion: '8.0.1',
        status: 'available', clusterMode: 'enabled', tls: false, auth: 'none', shards: 3, replicasPerShard: 2,
        endpoint: 'clustercfg.bigc.abc123.use1.cache.amazonaws.com:6379' },
      { kind: 'serverless', name: 'sless', description: 'sless serverless', engine: 'valkey', engineVersion: '8.0', status: 'available',
        clusterMode: 'serverless', tls: true, auth: 'rbac', endpoint: 'sless-x1y2z3.serverless.use1.cache.amazonaws.com:6379' },
      { kind: 'replication-group', name: 'ssltest', description: 'ssltest test group', engine: 'valkey', engineVersion: '8.0.1',
        status: 'available', clusterMode: 'disabled', tls: true, auth: 'token', shards: 1, replicasPerShard: 1,
        endpoint: 'master.ssltest.abc123.use1.cache.amazonaws.com:6379' },
    ]);
  });

  it('lists without engine versions when DescribeCacheClusters is denied', async () => {
    api.setFault('DescribeCacheClusters', { code: 'AccessDenied', status: 403, message: 'denied' });
    const list = await listCaches({ region: 'us-east-1', env: env() });
    expect(list.find((c) => c.name === 'ssltest')?.engineVersion).toBeUndefined();
  });

  it('renders the groups table and the chooser entries', async () => {
    const list = await listCaches({ region: 'us-east-1', env: env() });
    const lines = renderCacheTable(list, { color: false }).split('\n');
    expect(lines[1]).toMatch(/^│ NAME +│ ENGINE +│ STATUS +│ MODE +│ TLS │ AUTH +│ SHARDS\/REPLICAS │ ENDPOINT +│$/);
    expect(lines[5].split('│').map((s) => s.trim())).toEqual(
      ['', 'bigc', 'valkey 8.0.1', 'available', 'cluster enabled', 'no', 'none', '3/2', 'clustercfg.bigc.abc123.use1.cache.amazonaws.com:6379', '']);
    expect(lines.join('\n')).not.toMatch(/\x1b\[/);
    expect(renderCacheTable([], { color: false, region: 'us-east-1' })).toBe('no replication groups or serverless caches in us-east-1');
    const choices = cacheChoices(list);
    expect(choices[0]).toEqual({
      value: 'baby', name: 'baby     valkey 8.0, serverless, tls, auth none',
      description: 'baby-x1y2z3.serverless.use1.cache.amazonaws.com:6379', disabled: '(creating)',
    });
    expect(choices[3]).toMatchObject({ value: 'ssltest', name: 'ssltest  valkey 8.0.1, cluster disabled, tls, auth token' });
    expect(choices[3].disabled).toBeUndefined();
  });
});

describe('describeNodes', () => {
  it('cluster mode disabled: members with their current role, AZ and endpoint', async () => {
    const l = await describeNodes({ region: 'us-east-1', env: env(), name: 'ssltest' });
    expect(renderNodeTable(l, { color: false })).toBe([
      'ssltest: replication group in us-east-1, valkey, cluster mode disabled',
      'primary endpoint: master.ssltest.abc123.use1.cache.amazonaws.com:6379',
      'reader endpoint: replica.ssltest.abc123.use1.cache.amazonaws.com:6379',
      '┌─────────────┬─────────┬───────┬────────────┬──────────────────────────────────────────────────────────┬───────────┐',
      '│ ID          │ ROLE    │ SHARD │ AZ         │ ENDPOINT                                                 │ STATUS    │',
      '├─────────────┼─────────┼───────┼────────────┼──────────────────────────────────────────────────────────┼───────────┤',
      '│ ssltest-001 │ primary │ 0001  │ us-east-1a │ ssltest-001.ssltest.abc123.use1.cache.amazonaws.com:6379 │ available │',
      '├─────────────┼─────────┼───────┼────────────┼──────────────────────────────────────────────────────────┼───────────┤',
      '│ ssltest-002 │ replica │ 0001  │ us-east-1b │ ssltest-002.ssltest.abc123.use1.cache.amazonaws.com:6379 │ available │',
      '└─────────────┴─────────┴───────┴────────────┴──────────────────────────────────────────────────────────┴───────────┘',
    ].join('\n'));
  });

  it('cluster mode enabled: node endpoints come from DescribeCacheClusters', async () => {
    const l = await describeNodes({ region: 'us-east-1', env: env(), name: 'bigc' });
    expect(l.nodes).toHaveLength(9);
    expect(l.nodes[4]).toEqual({
      id: 'bigc-0002-002', role: undefined, shard: '0002', slots: '5461-10922', az: 'us-east-1c',
      host: 'bigc-0002-002.bigc.abc123.use1.cache.amazonaws.com', port: 6379, status: 'available',
    });
    expect(api.calls.map((c) => c.action)).toEqual(['DescribeReplicationGroups', 'DescribeCacheClusters']);
    expect(renderNodeTable(l, { color: false })).toContain('configuration endpoint: clustercfg.bigc.abc123.use1.cache.amazonaws.com:6379');
  });

  it('serverless: its two endpoints; unknown names fail like resolve', async () => {
    const l = await describeNodes({ region: 'us-east-1', env: env(), name: 'sless' });
    expect(l.nodes.map((n) => [n.role, n.port])).toEqual([['endpoint', 6379], ['reader', 6380]]);
    await expect(describeNodes({ region: 'us-east-1', env: env(), name: 'nope' })).rejects.toThrow(
      "eredis: no replication group or serverless cache named 'nope' in us-east-1");
  });
});
