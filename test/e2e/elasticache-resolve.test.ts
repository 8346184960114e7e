// resolveCache with the real AWS SDK against the stand-in API: every kind of target, and the resolution cache.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveCache, type ResolveRequest } from '../../src/elasticache/lookup.js';
import {
  cmdGroup, cmeGroup, serverlessCache, standInEnv, startElastiCacheApi, STAND_IN_KEY_ID, STAND_IN_SECRET,
  type ElastiCacheApiStandIn,
} from '../support/elasticache-api.js';

let api: ElastiCacheApiStandIn;
let home: string;
let dirs = 0;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'eredis-ec-resolve-'));
  api = await startElastiCacheApi({
    groups: [
      cmdGroup({ id: 'ssltest', authToken: true }),
      cmdGroup({ id: 'rbacgrp', userGroupIds: ['ug-app'] }),
      cmdGroup({
        id: 'plain', tls: false,
        primary: { host: 'plain.abc123.ng.0001.use1.cache.amazonaws.com', port: 6380 },
        reader: { host: 'plain-ro.abc123.ng.0001.use1.cache.amazonaws.com', port: 6380 },
      }),
      cmeGroup({ id: 'bigc', shards: 3, replicas: 2, authToken: true }),
    ],
    serverless: [serverlessCache({ name: 'sless', userGroupId: 'ug-sless' }), serverlessCache({ name: 'open' })],
  });
});

afterAll(async () => {
  await api.close();
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  api.calls.length = 0;
});

function request(name: string, role: ResolveRequest['role'] = 'primary', over: Partial<ResolveRequest> = {}): ResolveRequest {
  return { name, role, region: 'us-east-1', env: standInEnv(api.url, home), cacheDir: join(home, `cache-${dirs++}`), ...over };
}

const actions = () => api.calls.map((c) => c.action);

describe('cluster mode disabled', () => {
  it('resolves the primary endpoint, with TLS, AUTH token and the members with their current roles', async () => {
    const r = await resolveCache(request('ssltest'));
    expect(r).toEqual({
      kind: 'replication-group', name: 'ssltest', region: 'us-east-1',
      host: 'master.ssltest.abc123.use1.cache.amazonaws.com', port: 6379,
      tls: true, cluster: false, authRequired: true, rbac: false, engine: 'valkey',
      members: [
        { id: 'ssltest-001', role: 'primary', host: 'ssltest-001.ssltest.abc123.use1.cache.amazonaws.com', port: 6379, az: 'us-east-1a' },
        { id: 'ssltest-002', role: 'replica', host: 'ssltest-002.ssltest.abc123.use1.cache.amazonaws.com', port: 6379, az: 'us-east-1b' },
      ],
    });
    // The SDK really used the env of the request: its keys, its region, its endpoint.
    expect(api.calls).toEqual([{
      action: 'DescribeReplicationGroups', params: { ReplicationGroupId: 'ssltest' }, accessKeyId: STAND_IN_KEY_ID, region: 'us-east-1',
    }]);
  });

  it('--reader resolves the reader endpoint', async () => {
    const r = await resolveCache(request('ssltest', 'replica'));
    expect([r.host, r.port, r.cluster]).toEqual(['replica.ssltest.abc123.use1.cache.amazonaws.com', 6379, false]);
  });

  it('--node resolves that member (by full id or by its suffix)', async () => {
    const full = await resolveCache(request('ssltest', { node: 'ssltest-002' }));
    expect(full.host).toBe('ssltest-002.ssltest.abc123.use1.cache.amazonaws.com');
    const short = await resolveCache(request('ssltest', { node: '001' }));
    expect(short.host).toBe('ssltest-001.ssltest.abc123.use1.cache.amazonaws.com');
  });

  it('--node with an unknown id lists the nodes there are', async () => {
    await expect(resolveCache(request('ssltest', { node: 'ssltest-009' }))).rejects.toThrow(
      "eredis: replication group 'ssltest' has no node 'ssltest-009' (nodes: ssltest-001, ssltest-002)");
  });

  it('names are case-insensitive', async () => {
    expect((await resolveCache(request('SslTest'))).name).toBe('ssltest');
  });

  it('RBAC (user groups) needs auth; no TLS means a plain connection', async () => {
    const rbac = await resolveCache(request('rbacgrp'));
    expect([rbac.authRequired, rbac.rbac, rbac.tls]).toEqual([true, true, true]);
    const plain = await resolveCache(request('plain'));
    expect(plain).toMatchObject({ host: 'plain.abc123.ng.0001.use1.cache.amazonaws.com', port: 6380, tls: false, authRequired: false });
  });
});

describe('cluster mode enabled', () => {
  it('resolves the configuration endpoint with cluster redirects on', async () => {
    const r = await resolveCache(request('bigc'));
    expect(r).toEqual({
      kind: 'replication-group', name: 'bigc', region: 'us-east-1', host: 'clustercfg.bigc.abc123.use1.cache.amazonaws.com',
      port: 6379, tls: true, cluster: true, authRequired: true, rbac: false, engine: 'valkey',
    });
  });

  it('--node looks the node endpoint up with DescribeCacheClusters', async () => {
    const r = await resolveCache(request('bigc', { node: 'bigc-0002-003' }));
    expect([r.host, r.cluster]).toEqual(['bigc-0002-003.bigc.abc123.use1.cache.amazonaws.com', true]);
    expect(api.calls[1]).toMatchObject({ action: 'DescribeCacheClusters', params: { CacheClusterId: 'bigc-0002-003', ShowCacheNodeInfo: 'true' } });
  });
});

describe('serverless', () => {
  it('falls back to DescribeServerlessCaches: TLS, cluster mode, port 6379', async () => {
    const r = await resolveCache(request('sless'));
    expect(r).toEqual({
      kind: 'serverless', name: 'sless', region: 'us-east-1', host: 'sless-x1y2z3.serverless.use1.cache.amazonaws.com',
      port: 6379, tls: true, cluster: true, authRequired: true, rbac: true, engine: 'valkey',
    });
    expect(actions()).toEqual(['DescribeReplicationGroups', 'DescribeServerlessCaches']);
    expect(api.calls[1].params).toEqual({ ServerlessCacheName: 'sless' });
  });

  it('--reader is the same host on port 6380; no user group means no auth', async () => {
    const r = await resolveCache(request('open', 'replica'));
    expect([r.host, r.port, r.authRequired]).toEqual(['open-x1y2z3.serverless.use1.cache.amazonaws.com', 6380, false]);
  });

  it('--node makes no sense for serverless', async () => {
    await expect(resolveCache(request('sless', { node: '001' }))).rejects.toThrow(
      "eredis: 'sless' is a serverless cache: it has no nodes to pick with --node");
  });
});

describe('resolution cache', () => {
  it('answers a repeated lookup without any API call; refresh asks again and rewrites it', async () => {
    const req = request('ssltest', 'replica');
    const first = await resolveCache(req);
    expect(api.calls).toHaveLength(1);
    expect(await resolveCache(req)).toEqual(first);
    expect(api.calls).toHaveLength(1);
    await resolveCache({ ...req, refresh: true });
    expect(api.calls).toHaveLength(2);
  });

  it('keeps working with the API gone, and keys by role, region and profile', async () => {
    const dead = await startElastiCacheApi({ groups: [cmdGroup({ id: 'ssltest' })] });
    const req = { ...request('ssltest'), env: standInEnv(dead.url, home) };
    await resolveCache(req);
    await dead.close();
    expect((await resolveCache(req)).host).toBe('master.ssltest.abc123.use1.cache.amazonaws.com');
    await expect(resolveCache({ ...req, role: 'replica' })).rejects.toThrow(/cannot reach/);
    await expect(resolveCache({ ...req, region: 'eu-west-1' })).rejects.toThrow(/cannot reach/);
  });

  it('writes a 0600 file in a 0700 directory, with no secret in it', async () => {
    const req = request('ssltest');
    await resolveCache(req);
    const file = join(req.cacheDir, 'elasticache.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(req.cacheDir).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('master.ssltest.abc123.use1.cache.amazonaws.com');
    for (const secret of [STAND_IN_SECRET, STAND_IN_KEY_ID]) expect(text).not.toContain(secret);
  });

  it('does not cache failures', async () => {
    const req = request('nope');
    await expect(resolveCache(req)).rejects.toThrow(/no replication group/);
    await expect(resolveCache(req)).rejects.toThrow(/no replication group/);
    expect(api.calls).toHaveLength(4);
  });
});
