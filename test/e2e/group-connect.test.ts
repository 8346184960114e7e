// `eredis -g NAME` end to end: the real SDK asks the stand-in API, then eredis talks TLS to real servers behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startPrimaryWithReplicas, startTlsCluster, type ClusterSetup, type ReplicationSetup } from '../support/topologies.js';
import { command } from '../support/client.js';
import { startElastiCacheApi, cmdGroup, cmeGroup, serverlessCache, standInEnv, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { runEredis, tempHome } from '../support/run.js';

const TOKEN = 'ssltest-auth-token-0123456789';
let certs: Certs;
let rs: ReplicationSetup;
let cluster: ClusterSetup;
let api: ElastiCacheApiStandIn;
let home: { dir: string; remove(): Promise<void> };

const local = (port: number) => ({ host: '127.0.0.1', port });

function groups(primaryPort = rs.primary.port, replicaPort = rs.replicas[0].port) {
  return [
    cmdGroup({
      id: 'ssltest', tls: true, authToken: true,
      primary: local(primaryPort), reader: local(replicaPort),
      members: [
        { id: 'ssltest-001', ...local(primaryPort), az: 'us-east-1a', role: primaryPort === rs.primary.port ? 'primary' : 'replica' },
        { id: 'ssltest-002', ...local(rs.replicas[0].port), az: 'us-east-1b', role: primaryPort === rs.primary.port ? 'replica' : 'primary' },
        { id: 'ssltest-003', ...local(rs.replicas[1].port), az: 'us-east-1c', role: 'replica' },
      ],
    }),
    cmeGroup({ id: 'clustered', tls: true, authToken: false, configEndpoint: local(cluster.nodes[0].port) }),
    cmdGroup({ id: 'tunnelled', tls: true, authToken: true, primary: { host: 'master.ssltest.abc123.use1.cache.amazonaws.com', port: 6379 } }),
  ];
}

beforeAll(async () => {
  certs = await testCerts();
  [rs, cluster, home] = await Promise.all([startPrimaryWithReplicas({ replicas: 2, password: TOKEN }), startTlsCluster({ masters: 3 }), tempHome()]);
  api = await startElastiCacheApi({
    groups: groups(),
    serverless: [serverlessCache({ name: 'sless', host: '127.0.0.1', port: cluster.nodes[1].port, readerPort: cluster.nodes[2].port })],
  });
});

afterAll(async () => {
  await Promise.all([rs?.stop(), cluster?.stop(), api?.close(), home?.remove()]);
});

/** Runs eredis with the stand-in's AWS env, the test CA trusted through SSL_CERT_FILE, and the token in REDISCLI_AUTH. */
function eredis(args: string[], extra: Record<string, string> = {}) {
  const env = { ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, REDISCLI_AUTH: TOKEN, ...extra } as Record<string, string>;
  return runEredis(args, { env });
}

describe('eredis -g', () => {
  it('connects to the primary over verified TLS with no other flag', async () => {
    const r = await eredis(['-g', 'ssltest', '--refresh', 'set', 'via-group', 'yes']);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe('OK\n');
    expect(await command(rs.primary, ['GET', 'via-group'], { password: TOKEN })).toBe('yes');
  });

  it('--reader reaches the reader endpoint, --node a given member', async () => {
    expect((await eredis(['-g', 'ssltest', '--reader', '--refresh', 'role'])).stdout.toString()).toMatch(/^slave\n/);
    const node = await eredis(['-g', 'ssltest', '--node', 'ssltest-003', '--refresh', 'config', 'get', 'tls-port']);
    expect(node.stdout.toString()).toBe(`tls-port\n${rs.replicas[1].port}\n`);
  });

  it('caches the resolution: the second run makes no API call, --refresh makes one', async () => {
    await eredis(['-g', 'ssltest', '--refresh', 'ping']);
    const before = api.calls.length;
    expect((await eredis(['-g', 'ssltest', 'ping'])).stdout.toString()).toBe('PONG\n');
    expect(api.calls.length).toBe(before);
    await eredis(['-g', 'ssltest', '--refresh', 'ping']);
    expect(api.calls.length).toBeGreaterThan(before);
  });

  it('follows cluster redirects on a cluster-mode group', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const k of keys) expect((await eredis(['-g', 'clustered', '--refresh', 'set', k, `v-${k}`])).stdout.toString()).toBe('OK\n');
    const r = await eredis(['-g', 'clustered', 'get', 'f']);
    expect(r.stdout.toString()).toBe('v-f\n');
  });

  it('connects to a serverless cache (TLS, cluster mode)', async () => {
    const r = await eredis(['-g', 'sless', '--refresh', 'set', 'sk', 'sv']);
    expect(r.stdout.toString(), r.stderr).toBe('OK\n');
  });

  it('names an unknown cache in one line', async () => {
    const r = await eredis(['-g', 'nosuch', 'ping']);
    expect(r.stderr).toBe("eredis: no replication group or serverless cache named 'nosuch' in us-east-1\n");
    expect(r.code).toBe(1);
  });

  it('--via connects through a local port while TLS verifies the real endpoint name', async () => {
    const tunnel = `127.0.0.1:${rs.primary.port}`;
    const r = await eredis(['-g', 'tunnelled', '--refresh', '--via', tunnel, 'ping']);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe('PONG\n');
    // The same port under a name the certificate does not carry fails verification.
    const bad = await eredis(['--tls', '-h', 'wrong.example.com', '--via', tunnel, 'ping']);
    expect(bad.stderr).toMatch(/hostname mismatch/);
  });

  it('--via-map sends cluster redirects through their own forwards, or says how to add one', async () => {
    const [n0, n1, n2] = cluster.nodes;
    const key = 'via-map-key';
    const slot = Number(await command(n0, ['CLUSTER', 'KEYSLOT', key]));
    const owner = cluster.nodeForSlot(slot);
    const entry = [n0, n1, n2].find((n) => n !== owner)!;
    const base = ['-c', '--tls', '-h', 'localhost', '--via', `127.0.0.1:${entry.port}`];
    const unmapped = await eredis([...base, 'set', key, 'v']);
    expect(unmapped.stderr).toContain(`127.0.0.1:${owner.port} is only reachable through a tunnel: add --via-map 127.0.0.1:${owner.port}=127.0.0.1:LOCALPORT`);
    expect(unmapped.code).toBe(1);
    const map = [n0, n1, n2].map((n) => `127.0.0.1:${n.port}=127.0.0.1:${n.port}`).join(',');
    const mapped = await eredis([...base, '--via-map', map, 'set', key, 'v']);
    expect(mapped.stdout.toString(), mapped.stderr).toBe('OK\n');
  });

  it('fails over: after the replica is promoted, the next write lands on the new primary', async () => {
    await eredis(['-g', 'ssltest', '--refresh', 'ping']); // cache points at the old primary
    const promoted = rs.replicas[0];
    await command(promoted, ['REPLICAOF', 'NO', 'ONE'], { password: TOKEN });
    await command(rs.primary, ['REPLICAOF', '127.0.0.1', String(promoted.port)], { password: TOKEN });
    api.setGroups(groups(promoted.port, rs.primary.port));
    const r = await eredis(['-g', 'ssltest', 'set', 'after-failover', 'landed']);
    expect(r.stdout.toString()).toBe('OK\n');
    expect(r.stderr).toMatch(/READONLY .*failover.*asked ElastiCache again/);
    expect(await command(promoted, ['GET', 'after-failover'], { password: TOKEN })).toBe('landed');
  });

  it('fails over when the cached primary is gone: asks the API again before giving up', async () => {
    await eredis(['-g', 'ssltest', '--refresh', 'ping']); // cache points at the promoted primary
    const survivor = rs.replicas[1];
    await command(survivor, ['REPLICAOF', 'NO', 'ONE'], { password: TOKEN });
    await rs.replicas[0].kill();
    api.setGroups(groups(survivor.port, rs.primary.port));
    const r = await eredis(['-g', 'ssltest', 'set', 'after-crash', 'landed']);
    expect(r.stdout.toString(), r.stderr).toBe('OK\n');
    expect(r.stderr).toMatch(/cannot connect to .*asked ElastiCache again/);
    expect(await command(survivor, ['GET', 'after-crash'], { password: TOKEN })).toBe('landed');
  });
});
