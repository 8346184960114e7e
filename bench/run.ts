// `npm run bench`: eredis side by side with redis-cli (and a bare node:tls script) on local TLS servers, in one run:
// median wall time and peak RSS at the scale the issues name (1,000,000 elements and lines), with each target's verdict.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testCerts } from '../test/support/certs.js';
import { makeOwnedDir, removeOwnedDir } from '../test/support/child-guard.js';
import { command, withClient } from '../test/support/client.js';
import { startRedis } from '../test/support/redis-server.js';
import { EREDIS_BIN, REPO_ROOT, hasRedisCli } from '../test/support/run.js';
import type { RedisServer } from '../test/support/redis-server.js';
import { startTlsCluster, type ClusterSetup } from '../test/support/topologies.js';
import { benchKeyspace } from './keyspace.js';
import { benchPrompt } from './prompt.js';
import { median, measure, type Measured } from './measure.js';

const certs = await testCerts();
const server = await startRedis({ tls: true });
const dir = await makeOwnedDir('eredis-bench-');
const tls = ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(server.port)];
const withCli = hasRedisCli();

const eredis = (args: string[], o = {}) => measure(EREDIS_BIN, [...tls, ...args], o);
const redisCli = (args: string[], o = {}) => measure('redis-cli', [...tls, ...args], o);

/** redis-server's CPU time so far (user + system), from INFO cpu. */
async function serverCpuSeconds(): Promise<number> {
  const info = String(await command(server, ['INFO', 'cpu']));
  return [...info.matchAll(/used_cpu_(?:user|sys):([\d.]+)/g)].reduce((t, m) => t + Number(m[1]), 0);
}

const rows: string[][] = [['measurement', 'eredis', 'reference', 'result', 'target']];
const cell = (m: Measured) => `${(m.ms / 1000).toFixed(2)} s, ${m.rssMB.toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** A row comparing eredis with a reference command. */
function row(label: string, ours: Measured, ref: Measured | undefined, refName: string, target: string, ok?: (o: Measured, r: Measured) => boolean): void {
  if (!ref) return void rows.push([label, cell(ours), '(no redis-cli)', '', target]);
  const speed = ours.ms <= ref.ms ? `${(ref.ms / ours.ms).toFixed(2)}x faster` : `${(ours.ms / ref.ms).toFixed(2)}x slower`;
  const memory = `${(ours.rssMB / ref.rssMB).toFixed(2)}x the RSS`;
  rows.push([label, cell(ours), `${refName} ${cell(ref)}`, `${speed}, ${memory}`, ok ? `${target}: ${verdict(ok(ours, ref))}` : target]);
}

/**
 * A reply that comes through a MOVED streams like any other: LRANGE of 1,000,000 elements asked of a node that does not
 * hold the key (-c), against the same asked of the node that does, in eredis's own RSS; and beside redis-cli -c.
 */
async function benchRedirectedReply(cluster: ClusterSetup, caCert: string): Promise<void> {
  const key = 'big';
  const owner = cluster.nodeForSlot(await cluster.keySlot(key));
  const other = cluster.nodes.find((n) => n !== owner)!;
  await withClient(owner, async (c) => {
    for (let b = 0; b < 1000; b++) await c.sendCommand(['RPUSH', key, ...Array.from({ length: 1000 }, (_, i) => `element-${b * 1000 + i}`)]);
  });
  const at = (n: RedisServer) => ['-c', '--tls', '--cacert', caCert, '-h', '127.0.0.1', '-p', String(n.port), 'lrange', key, '0', '-1'];
  const direct = await median(3, () => measure(EREDIS_BIN, at(owner)));
  const redirected = await median(3, () => measure(EREDIS_BIN, at(other)));
  const cli = withCli ? await median(3, () => measure('redis-cli', at(other))) : undefined;
  const rss = redirected.rssMB / direct.rssMB;
  rows.push(['LRANGE 1,000,000 -c via MOVED', cell(redirected), `direct ${cell(direct)}`, `${(redirected.ms / direct.ms).toFixed(2)}x the time, ${rss.toFixed(2)}x the RSS`,
    `RSS within 10% of direct: ${verdict(rss <= 1.1)}`]);
  row('  the same beside redis-cli -c', redirected, cli, 'redis-cli', '');
}

try {
  // Data: a 1,000,000-element list, input files of SET lines and their RESP.
  const bigList = Array.from({ length: 1000 }, (_, b) => ['RPUSH', 'big', ...Array.from({ length: 1000 }, (_, i) => `element-${b * 1000 + i}`)]);
  await withClient(server, async (c) => { for (const argv of bigList) await c.sendCommand(argv); await c.set('k', 'hello'); });
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `SET key:${i} value-${i}\n`).join('');
  const resp = (n: number) => Array.from({ length: n }, (_, i) => {
    const k = `key:${i}`;
    const v = `value-${i}`;
    return `*3\r\n$3\r\nSET\r\n$${k.length}\r\n${k}\r\n$${v.length}\r\n${v}\r\n`;
  }).join('');
  const files = { lines100k: join(dir, 'set-100k.txt'), lines1m: join(dir, 'set-1m.txt'), resp1m: join(dir, 'set-1m.resp') };
  writeFileSync(files.lines100k, lines(100_000));
  writeFileSync(files.lines1m, lines(1_000_000));
  writeFileSync(files.resp1m, resp(1_000_000));

  const floor = await median(15, () => measure(process.execPath, [join(REPO_ROOT, 'bench/minimal-tls-get.mjs'), String(server.port), certs.caCert, 'k']));
  const get = await median(15, () => eredis(['get', 'k']));
  row('one-shot GET', get, floor, 'node:tls floor', '<= 1.15x the floor', (o, r) => o.ms <= 1.15 * r.ms);

  for (const [label, flags] of [['LRANGE 1,000,000 raw', ['--raw']], ['LRANGE 1,000,000 --no-raw', ['--no-raw']]] as const) {
    const args = [...flags, 'lrange', 'big', '0', '-1'];
    const ours = await median(3, () => eredis(args));
    const cli = withCli ? await median(3, () => redisCli(args)) : undefined;
    row(label, ours, cli, 'redis-cli', 'no slower, <= 1/2 its RSS', (o, r) => o.ms <= r.ms && o.rssMB <= r.rssMB / 2);
  }

  const stalled = await eredis(['--raw', 'lrange', 'big', '0', '-1'], { stallMs: 3000 });
  rows.push(['LRANGE 1,000,000, stdout blocked 3 s', cell(stalled), '', `${stalled.outLines.toLocaleString('en')} lines arrived`,
    `RSS < 80 MB, every line: ${verdict(stalled.rssMB < 80 && stalled.outLines === 1_000_000)}`]);

  await command(server, ['FLUSHDB']);
  const batch1m = await median(3, () => eredis([], { inputFile: files.lines1m }));
  const pipeCli = withCli ? await median(3, () => redisCli(['--pipe'], { inputFile: files.resp1m })) : undefined;
  row('1,000,000 SET lines on stdin', batch1m, pipeCli, 'redis-cli --pipe', 'no slower, RSS < 80 MB', (o, r) => o.ms <= r.ms && o.rssMB < 80);

  const cpuBefore = await serverCpuSeconds();
  const batch100k = await median(5, () => eredis([], { inputFile: files.lines100k }));
  const serverCpu100k = (await serverCpuSeconds() - cpuBefore) / 5;
  const cli100k = withCli ? await median(1, () => redisCli([], { inputFile: files.lines100k })) : undefined;
  row('100,000 SET lines on stdin', batch100k, cli100k, 'redis-cli', '>= 20x faster', (o, r) => r.ms >= 20 * o.ms);
  // Where the time goes: the server's own CPU time for those 100,000 SETs is a floor no client can go under.
  rows.push(['  of which redis-server CPU', `${serverCpu100k.toFixed(2)} s`, '', '', cli100k ? `20x redis-cli: ${(cli100k.ms / 20000).toFixed(2)} s` : '']);

  const cpuBeforePipe = await serverCpuSeconds();
  const pipe = await median(3, () => eredis(['--pipe'], { inputFile: files.resp1m }));
  const serverCpuPipe = (await serverCpuSeconds() - cpuBeforePipe) / 3;
  row('--pipe 1,000,000 SETs', pipe, pipeCli, 'redis-cli --pipe', '>= 2x faster, RSS < 80 MB', (o, r) => r.ms >= 2 * o.ms && o.rssMB < 80);
  // Where the time goes: the server's own CPU time for the 1,000,000 SETs is the floor of any client.
  rows.push(['  of which redis-server CPU', `${serverCpuPipe.toFixed(2)} s`, '', `${(pipe.ms / 1000 / serverCpuPipe).toFixed(2)}x it`, '']);

  // Cluster batch (-c): redis-cli follows MOVED one command at a time; eredis pipelines per node, same output.
  const cluster = await startTlsCluster({ masters: 3 });
  try {
    const clusterArgs = ['-c', '--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(cluster.nodes[0]!.port)];
    const input = lines(10_000);
    const ours = await median(5, () => measure(EREDIS_BIN, clusterArgs, { input }));
    const cli = withCli ? await median(1, () => measure('redis-cli', clusterArgs, { input })) : undefined;
    row('10,000 SET lines, -c, 3 masters', ours, cli, 'redis-cli', '');
    await benchRedirectedReply(cluster, certs.caCert);
  } finally {
    await cluster.stop();
  }

  // Key-space modes across shards: one eredis run (-c: every shard, COUNT 100) against redis-cli once per node.
  for (const k of await benchKeyspace()) row(k.label, k.ours, k.perNode, 'redis-cli x3 nodes', 'every shard in one run');

  // The shell's time to its first prompt, on loopback and through a slow link (the docs load after the prompt).
  for (const [label, ours, ref, ratio] of await benchPrompt()) {
    const met = / \(target <= 1\.2x: (met|NOT met)\)/.exec(ratio!);
    rows.push([label!, ours!.replace(/^eredis /, ''), ref!, ratio!.replace(met?.[0] ?? '', ''), met ? `<= 1.2x: ${met[1]}` : '']);
  }

  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`eredis benchmark (TLS on loopback, ${new Date().toISOString().slice(0, 10)}; median wall time, peak RSS; stdin is the input file, as in eredis < file)`);
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
} finally {
  await server.stop();
  await removeOwnedDir(dir);
}
