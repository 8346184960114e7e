// --stat and --latency on a whole deployment: one row per node of the 3-master TLS cluster, and per member (with its
// availability zone) of an ElastiCache group resolved through the stand-in API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { closeClient, command, connectClusterClient } from '../support/client.js';
import { cmdGroup, cmeGroup, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { eredisFor } from '../support/run-for.js';
import { runEredis, tempHome, tlsArgs } from '../support/run.js';
import { startPrimaryWithReplicas, startTlsCluster, type ClusterSetup, type ReplicationSetup } from '../support/topologies.js';

const TOKEN = 'per-node-token-0123456789';
let certs: Certs;
let cluster: ClusterSetup;
let rs: ReplicationSetup;
let api: ElastiCacheApiStandIn;
let home: { dir: string; remove(): Promise<void> };
/** node port -> its id, from CLUSTER MYID. */
const ids = new Map<number, string>();

beforeAll(async () => {
  certs = await testCerts();
  [cluster, rs, home] = await Promise.all([startTlsCluster({ masters: 3 }), startPrimaryWithReplicas({ replicas: 2, password: TOKEN }), tempHome()]);
  const client = await connectClusterClient(cluster.nodes);
  try {
    for (let i = 0; i < 60; i++) await client.set(`pn:${i}`, 'v');
  } finally {
    await closeClient(client);
  }
  for (const node of cluster.nodes) ids.set(node.port, String(await command(node, ['CLUSTER', 'MYID'])));
  const local = (port: number) => ({ host: '127.0.0.1', port });
  api = await startElastiCacheApi({
    groups: [
      cmdGroup({
        id: 'ssltest', tls: true, authToken: true, primary: local(rs.primary.port), reader: local(rs.replicas[0]!.port),
        members: [
          { id: 'ssltest-001', ...local(rs.primary.port), az: 'us-east-1a', role: 'primary' },
          { id: 'ssltest-002', ...local(rs.replicas[0]!.port), az: 'us-east-1b', role: 'replica' },
          { id: 'ssltest-003', ...local(rs.replicas[1]!.port), az: 'us-east-1c', role: 'replica' },
          // A member that is down: its row says so, the others go on.
          { id: 'ssltest-004', ...local(1), az: 'us-east-1a', role: 'replica' },
        ],
      }),
      cmeGroup({ id: 'clustered', tls: true, authToken: false, configEndpoint: local(cluster.nodes[0]!.port) }),
    ],
  });
});

afterAll(async () => {
  await Promise.all([cluster?.stop(), rs?.stop(), api?.close(), home?.remove()]);
});

const NODE_HEADER = /^-+ node -+ ------- data ------ --------------------- load -------------------- - child -$/;

/** The rows of one --stat round per node: [label, role, (az,) address, keys]. */
function statRounds(out: string, columns: number): string[][][] {
  const lines = out.split('\n').slice(0, -1);
  expect(lines[0]).toMatch(NODE_HEADER);
  expect(lines[1]).toMatch(/^node +role +(az +)?address +keys {7}mem {6}clients blocked requests {12}connections {10}$/);
  const rows = lines.slice(2).map((l) => l.split(/ +/));
  const rounds: string[][][] = [];
  for (let i = 0; i + columns <= rows.length; i += columns) rounds.push(rows.slice(i, i + columns));
  return rounds;
}

describe('-c on the 3-master TLS cluster', () => {
  const conn = () => tlsArgs(cluster.nodes[0]!.certs, cluster.nodes[0]!);

  it('--stat: a row per node, its id, role, address and its own key count', async () => {
    const e = await eredisFor([...conn(), '-c', '--stat', '-i', '0.3'], { ms: 2000 });
    const rounds = statRounds(e.stdout.toString(), 3);
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    const dbsizes = new Map(await Promise.all(cluster.nodes.map(async (n) => [n.port, Number(await command(n, ['DBSIZE']))] as const)));
    for (const round of rounds) {
      expect(round.map((r) => r[2])).toEqual(cluster.nodes.map((n) => `127.0.0.1:${n.port}`));
      for (const [label, role, address, keys] of round) {
        const port = Number(address!.split(':')[1]);
        expect(label).toBe(ids.get(port)!.slice(0, 8));
        expect(role).toBe('primary');
        expect(Number(keys)).toBe(dbsizes.get(port));
      }
    }
    expect([...dbsizes.values()].reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('without -c the same node gets redis-cli\'s single-node --stat', async () => {
    const e = await eredisFor([...conn(), '--stat', '-i', '0.3'], { ms: 1200 });
    expect(e.stdout.toString().split('\n')[0]).toBe('------- data ------ --------------------- load -------------------- - child -');
  });

  it.each([
    ['raw', [], /^([0-9a-f]{8}) primary (127\.0\.0\.1:\d+) \d+ \d+ \d+\.\d\d \d+$/],
    ['csv', ['--csv'], /^([0-9a-f]{8}),primary,(127\.0\.0\.1:\d+),\d+,\d+,\d+\.\d\d,\d+$/],
  ])('--latency (%s): a line per node after a second, exit 0', async (_mode, flags, shape) => {
    const e = await runEredis([...conn(), '-c', '--latency', ...flags]);
    expect([e.code, e.stderr]).toEqual([0, '']);
    const lines = e.stdout.toString().split('\n').slice(0, -1);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const [, id, address] = shape.exec(line)!;
      expect(ids.get(Number(address!.split(':')[1]))!.slice(0, 8)).toBe(id);
    }
  });

  it('--latency --json: one object per node', async () => {
    const e = await runEredis([...conn(), '-c', '--latency', '--json']);
    const rows = e.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => Object.keys(r))).toEqual(rows.map(() => ['node', 'role', 'address', 'min', 'max', 'avg', 'count']));
    expect(rows.every((r) => (r.count as number) > 10)).toBe(true);
  });

  it('--latency-dist: the legend, then each interval a spectrum line per node behind its columns', async () => {
    const e = await eredisFor([...conn(), '-c', '--latency-dist', '-i', '0.3'], { ms: 1600 });
    const lines = e.stdout.toString().split('\n');
    expect(lines[1]).toBe('. - * #          .01 .125 .25 .5 milliseconds');
    const rows = lines.slice(8).filter((l) => l !== '');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.length % 3).toBe(0);
    rows.forEach((row, i) => {
      expect(row).toMatch(/^[0-9a-f]{8} primary 127\.0\.0\.1:\d+ \x1b\[38;5;0m(\x1b\[48;5;\d+m.){31}\x1b\[0m$/);
      expect(row.slice(0, 8)).toBe(rows[i % 3]!.slice(0, 8));
    });
  });

  it('--latency on a terminal redraws the block of node lines', async () => {
    const e = await eredisFor([...conn(), '-c', '--latency', '--no-raw'], { ms: 1500 });
    const out = e.stdout.toString();
    expect(out.split('\x1b[3A').length).toBeGreaterThan(2);
    const last = out.slice(out.lastIndexOf('\x1b[3A') + 4).split('\n').slice(0, 3);
    for (const line of last) expect(line).toMatch(/^\x1b\[0G\x1b\[2K[0-9a-f]{8} primary 127\.0\.0\.1:\d+ +min: \d+, max: \d+, avg: \d+\.\d\d \(\d+ samples\)$/);
  });
});

describe('-g: ElastiCache groups through the stand-in API', () => {
  const eredisEnv = () => ({ ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, REDISCLI_AUTH: TOKEN } as Record<string, string>);

  it('-c --stat on a cluster-mode-disabled group: every member with its AZ; a member that is down says so', async () => {
    const e = await eredisFor(['-g', 'ssltest', '--refresh', '-c', '--stat', '-i', '0.3'], { ms: 2500, env: eredisEnv() });
    const lines = e.stdout.toString().split('\n');
    expect(lines[1]).toMatch(/^node {8}role {4}az {9}address {9}keys/);
    const first = lines.slice(2, 6);
    expect(first.map((l) => l.split(/ +/).slice(0, 4))).toEqual([
      ['ssltest-001', 'primary', 'us-east-1a', `127.0.0.1:${rs.primary.port}`],
      ['ssltest-002', 'replica', 'us-east-1b', `127.0.0.1:${rs.replicas[0]!.port}`],
      ['ssltest-003', 'replica', 'us-east-1c', `127.0.0.1:${rs.replicas[1]!.port}`],
      ['ssltest-004', 'replica', 'us-east-1a', '127.0.0.1:1'],
    ]);
    expect(first[3]).toMatch(/127\.0\.0\.1:1 +unreachable: Connection refused$/);
    expect(first[0]).toMatch(/^ssltest-001 primary us-east-1a 127\.0\.0\.1:\d+ +0 +[\d.]+[BKMG] +\d+ +\d+ +\d+ \(\+0\)/);
    expect(e.stdout.toString()).not.toContain(TOKEN);
  });

  it('a cluster-mode group is a cluster: --latency visits every node without -c', async () => {
    const { REDISCLI_AUTH: _none, ...env } = eredisEnv();
    const e = await runEredis(['-g', 'clustered', '--refresh', '--latency'], { env });
    expect(e.code).toBe(0);
    const addresses = e.stdout.toString().trim().split('\n').map((l) => l.split(' ')[2]);
    expect(addresses.sort()).toEqual(cluster.nodes.map((n) => `127.0.0.1:${n.port}`).sort());
  });
});
