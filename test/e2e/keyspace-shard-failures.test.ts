// Cluster-wide scans when a shard misbehaves: a stalled shard and a dead one are each reported in one stderr line and
// the others are still summarised (exit 1); and the progress line on a terminal's stderr, with Ctrl-C.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';
import { command, connectClusterClient, connectClient, closeClient } from '../support/client.js';
import { EREDIS_BIN, runEredis } from '../support/run.js';
import { startTty } from '../support/tty.js';
import { sortedLines } from './keyspace-helpers.js';

let certs: Certs;
let cluster: ClusterSetup;
const KEYS = 3000;

beforeAll(async () => {
  certs = await testCerts();
  cluster = await startTlsCluster({ masters: 3 });
  // Keep serving the other shards' slots when one shard is gone.
  await Promise.all(cluster.nodes.map((n) => command(n, ['CONFIG', 'SET', 'cluster-require-full-coverage', 'no'])));
  const c = await connectClusterClient(cluster.nodes);
  try {
    for (let i = 0; i < KEYS; i += 500) await Promise.all(Array.from({ length: 500 }, (_, j) => c.set(`k:${i + j}`, 'v')));
  } finally {
    await c.close();
  }
});

afterAll(async () => {
  await cluster?.stop();
});

const args = (...more: string[]) => ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(cluster.nodes[0]!.port), '-c', ...more];
const dbsize = async (i: number) => Number(await command(cluster.nodes[i]!, ['DBSIZE']));

describe('a misbehaving shard', () => {
  it('on a terminal, stderr shows keys scanned of the DBSIZE total per shard; Ctrl-C stops, and the line is erased', async () => {
    const out = `${tmpdir()}/eredis-keyspace-tty-${process.pid}.txt`;
    const command = `trap true INT; "${EREDIS_BIN}" ${args('--scan', '-i', '0.05').join(' ')} > "${out}"; echo "exit=$?"; sleep 60`;
    const tty = await startTty(['sh', '-c', command], { cols: 200 });
    try {
      const screen = await tty.waitFor(/Scanned [\d,]+ of 3,000 keys \([\d.]+%\), 0\/3 primaries done \| 127\.0\.0\.1:\d+ [\d,]+\/[\d,]+/, 15_000);
      expect(screen).toContain(`127.0.0.1:${cluster.nodes[0]!.port} `);
      await tty.key('C-c');
      // The shell stays (sleep): when a pane dies, tmux 3.3 sometimes scrolls its screen away for its "Pane is dead" line.
      const end = await tty.waitFor('exit=0', 10_000);
      expect(end).not.toContain('Scanned');
      const keys = sortedLines(readFileSync(out));
      rmSync(out, { force: true });
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.length).toBeLessThan(KEYS);
    } finally {
      await tty.close();
    }
  });

  it('a shard that stops answering mid-scan is reported once and left out (-t 1: 3 s without a reply)', async () => {
    const blocker = await connectClient(cluster.nodes[1]!);
    try {
      const run = runEredis(args('-t', '1', '--bigkeys', '--count', '1', '-i', '0.5'), { timeoutMs: 40_000 });
      await new Promise((r) => setTimeout(r, 1500));
      const sleeping = blocker.sendCommand(['DEBUG', 'SLEEP', '6']);
      const r = await run;
      await sleeping;
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`eredis: skipped 127.0.0.1:${cluster.nodes[1]!.port}: no reply within 3s\n`);
      const text = r.stdout.toString();
      expect(text).toContain(`\nShards scanned: 2 of 3 primaries (not scanned: 127.0.0.1:${cluster.nodes[1]!.port})\n`);
      const others = (await dbsize(0)) + (await dbsize(2));
      const sampled = Number(/\nSampled (\d+) keys in the keyspace!/.exec(text)![1]);
      expect(sampled).toBeGreaterThanOrEqual(others);
      expect(sampled).toBeLessThan(KEYS);
    } finally {
      await closeClient(blocker);
    }
  });

  it('a dead shard is reported in one line; the others are summarised, exit 1', async () => {
    const [first, third] = [await dbsize(0), await dbsize(2)];
    await cluster.nodes[1]!.kill();
    const r = await runEredis(args('--bigkeys'));
    expect(r.code).toBe(1);
    // Right after the kill the others still list it (connection refused); after the node timeout they flag it failing.
    const dead = `127.0.0.1:${cluster.nodes[1]!.port}`;
    expect([`Could not connect to Redis at ${dead}: Connection refused\n`, `eredis: skipped ${dead}: the cluster marks this node as failing\n`])
      .toContain(r.stderr);
    const text = r.stdout.toString();
    expect(text).toContain(`\nSampled ${first + third} keys in the keyspace!\n`);
    expect(text).toContain(`Shards scanned: 2 of 3 primaries (not scanned: 127.0.0.1:${cluster.nodes[1]!.port})\n`);
    const scan = await runEredis(args('--scan'));
    expect(sortedLines(scan.stdout)).toHaveLength(first + third);
  });
});
