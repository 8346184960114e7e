// `npm run bench`: side-by-side timings of eredis, redis-cli and a bare node:tls script on a local TLS server.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { testCerts } from '../test/support/certs.js';
import { startRedis } from '../test/support/redis-server.js';
import { startTlsCluster } from '../test/support/topologies.js';
import { withClient } from '../test/support/client.js';
import { EREDIS_BIN, REPO_ROOT, hasRedisCli } from '../test/support/run.js';

const certs = await testCerts();
const server = await startRedis({ tls: true });
const tls = ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(server.port)];

/** Median wall time in ms of `runs` executions. */
function time(cmd: string, args: string[], runs: number, input?: string): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
    samples.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const eredis = (args: string[], runs: number, input?: string) => time(EREDIS_BIN, [...tls, ...args], runs, input);
const redisCli = (args: string[], runs: number, input?: string) => time('redis-cli', [...tls, ...args], runs, input);

try {
  await withClient(server, async (c) => {
    await c.set('k', 'hello');
    const items = Array.from({ length: 200_000 }, (_, i) => `element-${i}`);
    for (let i = 0; i < items.length; i += 10_000) await c.rPush('big', items.slice(i, i + 10_000));
  });
  const withCli = hasRedisCli();
  const rows: string[][] = [];
  const ms = (n: number) => `${n.toFixed(0)} ms`;

  const floor = time(process.execPath, [join(REPO_ROOT, 'bench/minimal-tls-get.mjs'), String(server.port), certs.caCert, 'k'], 15);
  const oneShot = eredis(['get', 'k'], 15);
  rows.push(['one-shot GET', ms(oneShot), `node:tls floor ${ms(floor)}`, `${(oneShot / floor).toFixed(2)}x the floor (target <= 1.25x)`]);
  if (withCli) rows.push(['one-shot GET', ms(oneShot), `redis-cli ${ms(redisCli(['get', 'k'], 15))}`, '']);

  const sets = `${Array.from({ length: 10_000 }, (_, i) => `SET key:${i} value-${i}`).join('\n')}\n`;
  const batch = eredis([], 5, sets);
  if (withCli) {
    const cli = redisCli([], 3, sets);
    rows.push(['10,000 SET lines on stdin', ms(batch), `redis-cli ${ms(cli)}`, `${(cli / batch).toFixed(1)}x faster (target >= 10x)`]);
  } else rows.push(['10,000 SET lines on stdin', ms(batch), '', '']);

  for (const [label, flags] of [['LRANGE 200k raw', []], ['LRANGE 200k formatted', ['--no-raw']]] as const) {
    const ours = eredis([...flags, 'lrange', 'big', '0', '-1'], 7);
    if (withCli) {
      const cli = redisCli([...flags, 'lrange', 'big', '0', '-1'], 7);
      rows.push([label, ms(ours), `redis-cli ${ms(cli)}`, `${(ours / cli).toFixed(2)}x redis-cli (target <= 2x)`]);
    } else rows.push([label, ms(ours), '', '']);
  }

  // Cluster batch (-c): redis-cli follows MOVED one command at a time; eredis pipelines per node, same output.
  const cluster = await startTlsCluster({ masters: 3 });
  try {
    const clusterArgs = ['-c', '--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(cluster.nodes[0].port)];
    const ours = time(EREDIS_BIN, clusterArgs, 5, sets);
    if (withCli) {
      const cli = time('redis-cli', clusterArgs, 3, sets);
      rows.push(['10,000 SET lines, -c, 3 masters', ms(ours), `redis-cli ${ms(cli)}`, `${(cli / ours).toFixed(1)}x faster`]);
    } else rows.push(['10,000 SET lines, -c, 3 masters', ms(ours), '', '']);
  } finally {
    await cluster.stop();
  }

  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`eredis benchmark (median wall time, TLS on loopback, ${new Date().toISOString().slice(0, 10)})`);
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
} finally {
  await server.stop();
}
