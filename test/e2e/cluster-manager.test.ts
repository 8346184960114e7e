// --cluster check / info / help on the 3-master TLS cluster, byte for byte against redis-cli; the refusals of the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClient, command, connectClusterClient } from '../support/client.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { hasRedisCli, runEredis, runRedisCli, type RunResult } from '../support/run.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';

let cluster: ClusterSetup;
let single: RedisServer;

beforeAll(async () => {
  [cluster, single] = await Promise.all([startTlsCluster({ masters: 3 }), startRedis()]);
  const client = await connectClusterClient(cluster.nodes);
  try {
    for (let i = 0; i < 25; i++) await client.set(`cm:${i}`, String(i));
  } finally {
    await closeClient(client);
  }
});

afterAll(async () => {
  await Promise.all([cluster?.stop(), single?.stop()]);
});

/** TLS options only (the --cluster command names its own node). */
const tls = () => ['--tls', '--cacert', cluster.nodes[0]!.certs.caCert];
const addr = (n: RedisServer) => `127.0.0.1:${n.port}`;
const both = async (args: string[], term = 'dumb'): Promise<[RunResult, RunResult]> =>
  [await runEredis(args, { env: { TERM: term } }), await runRedisCli(args, { env: { TERM: term } })];
const same = ([e, r]: [RunResult, RunResult]) => {
  expect(e.stdout.toString()).toBe(r.stdout.toString());
  expect(e.stderr).toBe(r.stderr);
  expect(e.code).toBe(r.code);
};

describe.runIf(hasRedisCli())('--cluster check and info', () => {
  it.each([['dumb'], ['xterm-256color']])('check: the same report as redis-cli (TERM=%s), exit 0', async (term) => {
    const runs = await both(['--cluster', 'check', addr(cluster.nodes[1]!), ...tls()], term);
    same(runs);
    const out = runs[0].stdout.toString();
    expect(runs[0].code).toBe(0);
    expect(out).toContain('[OK] 25 keys in 3 masters.');
    expect(out).toContain(`>>> Performing Cluster Check (using node ${addr(cluster.nodes[1]!)})`);
    expect(out).toContain('[OK] All 16384 slots covered.');
    expect(out.includes('\x1b[32;1m')).toBe(term !== 'dumb');
  });

  it('info: the same lines; "host port" works as well as "host:port"', async () => {
    const runs = await both(['--cluster', 'info', '127.0.0.1', String(cluster.nodes[2]!.port), ...tls()]);
    same(runs);
    expect(runs[0].stdout.toString()).toMatch(/^127\.0\.0\.1:\d+ \([0-9a-f]{8}\.\.\.\) -> \d+ keys \| \d+ slots \| 0 slaves\.\n/);
    expect(runs[0].stdout.toString()).toContain('0.00 keys per slot on average.\n');
  });

  it('check with open slots: the warnings in redis-cli\'s order, exit 1', async () => {
    const [a, b] = cluster.nodes as [RedisServer, RedisServer];
    const [ida, idb] = [String(await command(a, ['CLUSTER', 'MYID'])), String(await command(b, ['CLUSTER', 'MYID']))];
    const slots = [cluster.slots[0]!.start + 7, cluster.slots[0]!.start + 3, cluster.slots[0]!.start + 11];
    try {
      for (const slot of slots) await command(a, ['CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', idb]);
      await command(b, ['CLUSTER', 'SETSLOT', String(slots[0]), 'IMPORTING', ida]);
      const runs = await both(['--cluster', 'check', addr(a), '--cluster-search-multiple-owners', ...tls()]);
      same(runs);
      expect(runs[0].code).toBe(1);
      expect(runs[0].stdout.toString()).toContain('[WARNING] The following slots are open: ');
      expect(runs[0].stdout.toString()).toContain('[OK] No multiple owners found.');
    } finally {
      for (const slot of slots) await command(a, ['CLUSTER', 'SETSLOT', String(slot), 'STABLE']);
      await command(b, ['CLUSTER', 'SETSLOT', String(slots[0]), 'STABLE']);
    }
  });

  it.each([
    [['--cluster', 'info']],
    [['--cluster', 'info', 'foo']],
    [['--cluster', 'bogus', '1.2.3.4:5']],
    [['--cluster', 'add-node', '1.2.3.4:5']],
    [['--cluster', 'check', '127.0.0.1:1']],
    [['--cluster', 'help']],
    [['--cluster']],
    [['--cluster', 'info', '127.0.0.1:1', '--bogus']],
  ])('%j: redis-cli\'s output and status', async (args) => {
    const runs = await both([...args, ...tls()].slice(0, args.length === 1 ? 1 : undefined));
    if (args.length === 1) {
      // usage(1): the whole help on stderr; eredis's own help, so only the status and stream are compared.
      expect([runs[0].code, runs[0].stdout.length, runs[0].stderr.startsWith('eredis ')]).toEqual([1, 0, true]);
      return;
    }
    same(runs);
    expect(runs[0].code).toBe(1);
  });

  it('a node that is not in cluster mode: redis-cli\'s [ERR] line', async () => {
    same(await both(['--cluster', 'info', addr(single), '--tls', '--cacert', single.certs.caCert]));
    same(await both(['--cluster', 'check', addr(single), '--tls', '--cacert', single.certs.caCert], 'xterm'));
  });
});

describe('the other --cluster subcommands', () => {
  it.each([
    ['create', ['127.0.0.1:1', '127.0.0.1:2'], 'creates a cluster from nodes'],
    ['reshard', ['127.0.0.1:1'], 'moves slots between shards'],
    ['rebalance', ['127.0.0.1:1'], 'moves slots between shards'],
    ['fix', ['127.0.0.1:1'], 'reassigns slots'],
    ['add-node', ['127.0.0.1:1', '127.0.0.1:2'], 'adds a node to the cluster'],
    ['del-node', ['127.0.0.1:1', 'abc'], 'removes a node from the cluster'],
    ['set-timeout', ['127.0.0.1:1', '1000'], 'cluster-node-timeout'],
    ['import', ['127.0.0.1:1'], 'MIGRATE'],
    ['backup', ['127.0.0.1:1', '/tmp'], 'SYNC'],
    ['call', ['127.0.0.1:1', 'ping'], 'not supported'],
  ])('%s is refused in one line, exit 1, before connecting anywhere', async (name, args, why) => {
    const e = await runEredis(['--cluster', name, ...args, '--cluster-yes']);
    expect(e.code).toBe(1);
    expect(e.stdout.toString()).toBe('');
    const lines = e.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^eredis: --cluster ${name} .*${why}.*; eredis runs only --cluster check and --cluster info$`));
  });
});
