// 500 slots move between masters in the middle of a 20,000-line -c batch: every line is answered OK, each key lands
// once, and eredis opens at most one connection per node (the slot map is read again, not one connection per MOVED).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { spawnGuarded } from '../support/child-guard.js';
import { command, info } from '../support/client.js';
import type { RedisServer } from '../support/redis-server.js';
import { resharder } from '../support/reshard.js';
import { baseEnv, EREDIS_BIN, REPO_ROOT } from '../support/run.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';
import { waitUntil } from '../support/wait.js';

let certs: Certs;
let cluster: ClusterSetup;

beforeAll(async () => {
  certs = await testCerts();
  cluster = await startTlsCluster({ masters: 3 });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

const N = 20_000;
const connections = (n: RedisServer) => info(n, 'stats').then((s) => Number(s.total_connections_received));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('-c batch during a reshard', () => {
  it('answers every line OK and opens at most one connection per node', async () => {
    const [from, to, third] = cluster.nodes as [RedisServer, RedisServer, RedisServer];
    for (const n of cluster.nodes) await command(n, ['FLUSHALL']);
    const mover = await resharder(cluster.nodes);
    const before = await Promise.all(cluster.nodes.map(connections));
    const child = spawnGuarded(EREDIS_BIN, ['-c', '--verbose', '--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(third.port)], {
      cwd: REPO_ROOT, env: { ...baseEnv(), HOME: '/tmp' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    const [out, err]: [Buffer[], Buffer[]] = [[], []];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const lines = Array.from({ length: N }, (_, i) => `SET reshard:${i} ${i}\n`);
    const send = (from: number, to: number) => child.stdin!.write(lines.slice(from, to).join(''));
    try {
      send(0, 5000);
      await waitUntil(() => Buffer.concat(out).includes('OK\n'), { what: 'the first replies' });
      // The slots move while the middle of the batch trickles in, so lines for them are in flight as they go.
      const slots = Array.from({ length: 500 }, (_, i) => cluster.slots[0]!.start + i);
      const moving = mover.move(slots, from, to);
      for (let at = 5000; at < 15_000; at += 250) {
        send(at, at + 250);
        await sleep(20);
      }
      await moving;
      send(15_000, N);
      child.stdin!.end();
      expect(await exited).toBe(0);
    } finally {
      await mover.close();
    }
    const answers = Buffer.concat(out).toString().split('\n').slice(0, -1).filter((l) => !l.startsWith('-> Redirected to slot'));
    expect(answers.length).toBe(N);
    expect(answers.filter((l) => l !== 'OK')).toEqual([]);
    // One connection per node: the verbose trace names each connection eredis opened.
    const opened = Buffer.concat(err).toString().split('\n').filter((l) => l.startsWith('eredis: connecting to '));
    expect(new Set(opened).size).toBe(opened.length);
    expect(opened.length).toBeLessThanOrEqual(3);
    // The servers agree: besides this test's own INFO, at most one more each (the target also took MIGRATE's).
    const after = await Promise.all(cluster.nodes.map(connections));
    const extra = [0, 1, 0];
    after.forEach((n, i) => expect(n - before[i]! - 1 - extra[i]!).toBeLessThanOrEqual(1));
    // Every key is there, once.
    const sizes = await Promise.all(cluster.nodes.map((n) => command<number>(n, ['DBSIZE'])));
    expect(sizes.reduce((a, b) => a + Number(b), 0)).toBe(N);
  }, 120_000);
});
