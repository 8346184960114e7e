// Key-space benchmark: --scan and --bigkeys of 1,000,000 keys on a 3-master TLS cluster. eredis visits every shard in
// one run (-c); redis-cli only scans the node it is connected to, so it runs once per node (times summed, RSS the max).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { testCerts } from '../test/support/certs.js';
import { command } from '../test/support/client.js';
import { startTlsCluster, type ClusterSetup } from '../test/support/topologies.js';
import { EREDIS_BIN, hasRedisCli } from '../test/support/run.js';

const KEYS = 1_000_000;
const TIME = '/usr/bin/time';

interface Measure {
  ms: number;
  /** Peak RSS in KiB (undefined without /usr/bin/time). */
  rssKiB?: number;
}

/** Runs cmd once with stdout discarded; wall time and peak RSS (GNU time's %M). */
function measure(cmd: string, args: string[]): Measure {
  const withTime = existsSync(TIME);
  const start = performance.now();
  const r = withTime
    ? spawnSync(TIME, ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 })
    : spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 });
  const ms = performance.now() - start;
  const stderr = r.stderr.toString();
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${stderr}`);
  const rss = withTime ? Number(stderr.trim().split('\n').pop()) : undefined;
  return { ms, rssKiB: Number.isFinite(rss) ? rss : undefined };
}

/** Fills every master with its share of KEYS string keys (DEBUG POPULATE under a hash tag that node serves). */
async function populate(cluster: ClusterSetup): Promise<void> {
  const per = Math.ceil(KEYS / cluster.nodes.length);
  await Promise.all(cluster.nodes.map(async (node, i) => {
    let tag = '';
    for (let n = 0; !tag; n++) if (cluster.nodeForSlot(await cluster.keySlot(`t${n}`)) === node) tag = `t${n}`;
    const count = i === cluster.nodes.length - 1 ? KEYS - per * i : per;
    await command(node, ['DEBUG', 'POPULATE', String(count), `{${tag}}:key`, '16']);
  }));
}

const cell = (m: Measure) => `${Math.round(m.ms).toLocaleString('en-US')} ms${m.rssKiB ? `, ${(m.rssKiB / 1024).toFixed(0)} MB peak RSS` : ''}`;

/** Rows: label, eredis (time + peak RSS), redis-cli once per node (summed time + max peak RSS), ratio. */
export async function benchKeyspace(): Promise<string[][]> {
  const certs = await testCerts();
  const cluster = await startTlsCluster({ masters: 3 });
  try {
    await populate(cluster);
    const tls = (port: number) => ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(port)];
    const rows: string[][] = [];
    for (const mode of ['--scan', '--bigkeys']) {
      const ours = measure(EREDIS_BIN, [...tls(cluster.nodes[0]!.port), '-c', mode]);
      const label = `${mode} 1,000,000 keys, 3-master TLS cluster`;
      if (!hasRedisCli()) {
        rows.push([label, `eredis -c (COUNT 100) ${cell(ours)}`, '', '']);
        continue;
      }
      const perNode = cluster.nodes.map((n) => measure('redis-cli', [...tls(n.port), mode]));
      const theirs: Measure = {
        ms: perNode.reduce((t, m) => t + m.ms, 0),
        rssKiB: perNode.every((m) => m.rssKiB !== undefined) ? Math.max(...perNode.map((m) => m.rssKiB!)) : undefined,
      };
      rows.push([label, `eredis -c (COUNT 100) ${cell(ours)}`, `redis-cli x3 nodes (COUNT 10) ${cell(theirs)}`, `${(theirs.ms / ours.ms).toFixed(1)}x faster`]);
    }
    return rows;
  } finally {
    await cluster.stop();
  }
}

// `node scripts/run-ts.mjs bench/keyspace.ts` runs it alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchKeyspace()) console.log(row.join('  |  '));
}
