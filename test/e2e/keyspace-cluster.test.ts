// Key-space modes across every shard of a 3-master TLS cluster (with one replica each): keys seeded on every shard by an
// independent client are all found, the biggest key of another shard is reported with its node, and replicas are
// scanned instead of primaries with --reader; redis-cli, run once per node, is the oracle for the merged totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, stopAll, type RedisServer } from '../support/redis-server.js';
import { startTlsCluster, waitForReplicaLink, type ClusterSetup } from '../support/topologies.js';
import { command, connectClusterClient, info, withClient } from '../support/client.js';
import { cmeGroup, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { hasRedisCli, runEredis, runRedisCli, tempHome } from '../support/run.js';
import { waitUntil } from '../support/wait.js';
import { sortedLines } from './keyspace-helpers.js';

let certs: Certs;
let cluster: ClusterSetup;
let replicas: RedisServer[] = [];
/** Seeded keys that live on nodes[2] and nodes[1] (not the entry node, nodes[0]). */
let bigList: string;
let bigString: string;
const seeded: string[] = [];

const tls = () => ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1'];
const at = (node: RedisServer) => [...tls(), '-p', String(node.port)];
const address = (node: RedisServer) => `127.0.0.1:${node.port}`;
const masters = () => cluster.nodes;

/** A key name (prefix + n) that hashes to a slot `node` serves, asked of the server (not computed by eredis). */
async function keyOn(node: RedisServer, prefix: string): Promise<string> {
  for (let n = 0; ; n++) if (cluster.nodeForSlot(await cluster.keySlot(`${prefix}${n}`)) === node) return `${prefix}${n}`;
}

/** One TLS replica per master (CLUSTER REPLICATE), synced. */
async function addReplicas(): Promise<RedisServer[]> {
  const started = await Promise.all(masters().map(() => startRedis({ tls: true, cluster: true, extraArgs: ['--tls-replication', 'yes'] })));
  await withClient(masters()[0]!, async (c) => {
    for (const r of started) await c.sendCommand(['CLUSTER', 'MEET', r.host, String(r.port), String(r.busPort)]);
  });
  const ids = await Promise.all(masters().map((m) => command<string>(m, ['CLUSTER', 'MYID'])));
  await Promise.all(started.map((r, i) => waitUntil(async () => {
    const reply = await command<string>(r, ['CLUSTER', 'REPLICATE', ids[i]!]).catch(() => '');
    return reply === 'OK';
  }, { timeoutMs: 20_000, intervalMs: 200, what: `replica ${r.port} to know its master` })));
  await Promise.all(started.map((r) => waitForReplicaLink(r)));
  // The masters must also have heard (by gossip) that each is a replica now, as CLUSTER NODES tells the shard planner.
  const replicaLines = (text: string) => text.split('\n').filter((l) => / (myself,)?slave /.test(l) && !/fail|handshake|noaddr/.test(l.split(' ')[2] ?? ''));
  await Promise.all(masters().map((m) => waitUntil(async () => replicaLines(String(await command(m, ['CLUSTER', 'NODES']))).length === started.length,
    { timeoutMs: 20_000, intervalMs: 100, what: `master ${m.port} to see every replica` })));
  return started;
}

/** Sums redis-cli --bigkeys/--memkeys "N <type>s with M <unit>" lines over every master: the merged totals. */
async function totalsPerNode(mode: string): Promise<string[]> {
  const sums = new Map<string, [number, number, string]>();
  for (const node of masters()) {
    const r = await runRedisCli([...at(node), mode]);
    for (const m of r.stdout.toString().matchAll(/^(\d+) (\w+)s with (\d+) (\w+) \(/gm)) {
      const [n, total] = sums.get(m[2]!) ?? [0, 0];
      sums.set(m[2]!, [n + Number(m[1]), total + Number(m[3]), m[4]!]);
    }
  }
  return [...sums].map(([type, [n, total, unit]]) => `${n} ${type}s with ${total} ${unit}`).sort();
}
const totalsOf = (out: Buffer) => [...out.toString().matchAll(/^(\d+ \w+s with \d+ \w+) \(/gm)].map((m) => m[1]!).sort();

beforeAll(async () => {
  certs = await testCerts();
  cluster = await startTlsCluster({ masters: 3 });
  replicas = await addReplicas();
  bigList = await keyOn(masters()[2]!, 'biglist:');
  bigString = await keyOn(masters()[1]!, 'bigstring:');
  const c = await connectClusterClient(masters());
  try {
    for (let i = 0; i < 2000; i += 500) {
      await Promise.all(Array.from({ length: 500 }, (_, j) => c.set(`k:${i + j}`, 'v'.repeat((i + j) % 40))));
    }
    for (let i = 0; i < 2000; i++) seeded.push(`k:${i}`);
    await c.rPush(bigList, Array.from({ length: 700 }, (_, i) => String(i)));
    await c.set(bigString, 'x'.repeat(50_000));
    await c.hSet('{tag}hash', { a: '1', b: '2' });
    seeded.push(bigList, bigString, '{tag}hash');
  } finally {
    await c.close();
  }
  // Every shard holds keys, so "all found" means all shards were visited.
  for (const node of masters()) expect(Number(await command(node, ['DBSIZE']))).toBeGreaterThan(500);
  await Promise.all(replicas.map((r) => waitUntil(async () => Number(await command(r, ['DBSIZE'])) > 500, {
    timeoutMs: 10_000, intervalMs: 100, what: 'replicas to catch up',
  })));
});

afterAll(async () => {
  await Promise.all([cluster?.stop(), stopAll(...replicas)]);
});

describe.runIf(hasRedisCli())('across every shard', () => {
  it('--scan -c finds every key seeded on every shard (the keys redis-cli finds node by node), nothing on stderr', async () => {
    const ours = await runEredis([...at(masters()[0]!), '-c', '--scan']);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    const perNode = (await Promise.all(masters().map((n) => runRedisCli([...at(n), '--scan'])))).flatMap((r) => sortedLines(r.stdout));
    expect(sortedLines(ours.stdout)).toEqual(perNode.sort());
    expect(sortedLines(ours.stdout)).toEqual([...seeded].sort());
  });

  it('--pattern and --count apply on every shard', async () => {
    const ours = await runEredis([...at(masters()[1]!), '-c', '--scan', '--pattern', 'k:1*', '--count', '200']);
    expect(sortedLines(ours.stdout)).toEqual(seeded.filter((k) => k.startsWith('k:1')).sort());
  });

  it('--bigkeys -c reports the biggest list of another shard, naming its node; totals are the sum over nodes', async () => {
    const ours = await runEredis([...at(masters()[0]!), '-c', '--bigkeys']);
    expect(ours.code).toBe(0);
    const text = ours.stdout.toString();
    expect(text).toContain(`\nBiggest   list found '"${bigList}"' has 700 items on ${address(masters()[2]!)}\n`);
    expect(text).toContain(`\nBiggest string found '"${bigString}"' has 50000 bytes on ${address(masters()[1]!)}\n`);
    expect(text).toContain(`\nSampled ${seeded.length} keys in the keyspace!\nShards scanned: 3 of 3 primaries\n`);
    expect(totalsOf(ours.stdout)).toEqual(await totalsPerNode('--bigkeys'));
  });

  it('--memkeys -c: the same per-type memory totals as redis-cli summed over the nodes', async () => {
    const ours = await runEredis([...at(masters()[2]!), '-c', '--memkeys']);
    expect(ours.stdout.toString()).toMatch(new RegExp(`\\nBiggest string found '"${bigString}"' has \\d+ bytes on ${address(masters()[1]!)}\\n`));
    expect(totalsOf(ours.stdout)).toEqual(await totalsPerNode('--memkeys'));
  });

  it('--keystats -c: every key sampled, the top key named with its node', async () => {
    const r = await runEredis([...at(masters()[0]!), '-c', '--keystats', '--top', '1']);
    const text = r.stdout.toString();
    expect(text).toContain(`\nKeys sampled: ${seeded.length}\n`);
    expect(text).toMatch(new RegExp(`\\n  1 +[\\d.]+K string     "${bigString}" on ${address(masters()[1]!)}\\n`));
    expect(text).toContain('\nShards scanned: 3 of 3 primaries\n');
  });

  it('--reader scans one replica per shard and sends no SCAN to the primaries', async () => {
    const scans = async (n: RedisServer) => Number(/calls=(\d+)/.exec((await info(n, 'commandstats')).cmdstat_scan ?? 'calls=0')![1]);
    const before = await Promise.all([...masters(), ...replicas].map(scans));
    const r = await runEredis([...at(masters()[0]!), '-c', '--reader', '--scan']);
    const after = await Promise.all([...masters(), ...replicas].map(scans));
    expect(r.stderr).toBe('');
    expect(sortedLines(r.stdout)).toEqual([...seeded].sort());
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    after.slice(3).forEach((n, i) => expect(n).toBeGreaterThan(before[3 + i]!));
  });

  it('--hotkeys -c without an LFU policy: redis-cli\'s error once, exit 1', async () => {
    const r = await runEredis([...at(masters()[0]!), '-c', '--hotkeys']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: ERR An LFU maxmemory policy is not selected[^\n]*\n$/);
  });

  it('--hotkeys -c with LFU names the hottest key and its node', async () => {
    await Promise.all(masters().map((n) => command(n, ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'])));
    try {
      await withClient(masters()[1]!, async (c) => { for (let i = 0; i < 200; i++) await c.strLen(bigString); });
      const r = await runEredis([...at(masters()[0]!), '-c', '--hotkeys']);
      expect(r.code).toBe(0);
      expect(r.stdout.toString()).toMatch(new RegExp(`\\nhot key found with counter: \\d+\\tkeyname: "${bigString}" on ${address(masters()[1]!)}\\n`));
    } finally {
      await Promise.all(masters().map((n) => command(n, ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'])));
    }
  });

  it('a cluster-mode ElastiCache group (-g) is scanned shard by shard without -c', async () => {
    const home = await tempHome();
    let api: ElastiCacheApiStandIn | undefined;
    try {
      api = await startElastiCacheApi({ groups: [cmeGroup({ id: 'clustered', tls: true, configEndpoint: { host: '127.0.0.1', port: masters()[0]!.port } })] });
      const env = { ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert } as Record<string, string>;
      const r = await runEredis(['-g', 'clustered', '--scan'], { env });
      expect(r.stderr).toBe('');
      expect(sortedLines(r.stdout)).toEqual([...seeded].sort());
    } finally {
      await api?.close();
      await home.remove();
    }
  });
});
