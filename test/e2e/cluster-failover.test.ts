// A -c batch that loses a master keeps going: in-flight lines are reported (never re-sent), later lines for its slots
// wait for the replica that takes over, every input line gets exactly one reply or error line in order, and a summary
// says what happened. With --via, lines for nodes no tunnel reaches are refused, never sent around the tunnel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { spawnGuarded } from '../support/child-guard.js';
import { closeClient, connectClusterClient, info } from '../support/client.js';
import { baseEnv, EREDIS_BIN, REPO_ROOT } from '../support/run.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';

let certs: Certs;
let cluster: ClusterSetup;

beforeAll(async () => {
  certs = await testCerts();
  cluster = await startTlsCluster({ masters: 3, replicasPerMaster: 1, server: { extraArgs: ['--cluster-node-timeout', '1000'] } });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

/** eredis with stdout and stderr in one stream (to check their order), fed `write` (which may trickle). */
function batch(args: string[], write: (stdin: NodeJS.WritableStream) => Promise<void>): Promise<{ lines: string[]; code: number | null }> {
  const child = spawnGuarded('sh', ['-c', 'exec "$0" "$@" 2>&1', EREDIS_BIN, ...args], {
    cwd: REPO_ROOT, env: { ...baseEnv(), HOME: '/tmp' }, stdio: ['pipe', 'pipe', 'ignore'],
  });
  const parts: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise<{ lines: string[]; code: number | null }>((resolve) => child.once('close', (code) => {
    resolve({ lines: Buffer.concat(parts).toString('utf8').split('\n').slice(0, -1), code });
  }));
  void write(child.stdin!).then(() => child.stdin!.end());
  return done;
}

const tls = (port: number) => ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(port)];

describe('--via without --via-map entries for the other masters', () => {
  it('refuses every line routed to an unmapped node, and never connects to it', async () => {
    const entry = cluster.nodes[0]!;
    const others = cluster.nodes.slice(1);
    const connections = async () => Promise.all(others.map(async (n) => Number((await info(n, 'stats')).total_connections_received)));
    const before = await connections();
    const keys = Array.from({ length: 60 }, (_, i) => `via:${i}`);
    const slots = await Promise.all(keys.map((k) => cluster.keySlot(k)));
    const { lines } = await batch(['-c', '--via', `127.0.0.1:${entry.port}`, ...tls(entry.port)], async (stdin) => {
      stdin.write(keys.map((k) => `SET ${k} 1\n`).join(''));
    });
    const answers = lines.filter((l) => !l.startsWith('-> Redirected to slot') && !l.startsWith('eredis: a node'));
    expect(answers).toHaveLength(keys.length);
    answers.forEach((line, i) => {
      const mine = entry.port === cluster.nodeForSlot(slots[i]!).port;
      if (mine) expect(line).toBe('OK');
      else expect(line).toMatch(/^eredis: 127\.0\.0\.1:\d+ is only reachable through a tunnel: add --via-map/);
    });
    // The only new connection each of them saw is this test's own INFO.
    expect(await connections()).toEqual(before.map((n) => n + 1));
  });
});

describe('-c batch, a master killed in the middle', () => {
  it('keeps the other shards going, waits for the replica, answers every line once and in order', async () => {
    const N = 20_000;
    const input = Array.from({ length: N }, (_, i) => `SET failover:${i} ${i}\n`);
    const victim = cluster.nodes[1]!;
    const { lines, code } = await batch(['-c', '--failover-wait', '30', ...tls(cluster.nodes[0]!.port)], async (stdin) => {
      for (let i = 0; i < N; i += 500) {
        stdin.write(input.slice(i, i + 500).join(''));
        if (i === 7_500) await victim.kill(); // what an ElastiCache failover or a node loss looks like
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    // One line per input line, in order, besides redis-cli's redirect lines and the final summary. A line in flight
    // when the master died gets the lost connection in whichever words the socket gave: EOF, ECONNRESET or EPIPE.
    const summary = lines.at(-1)!;
    const m = /^eredis: a node stopped answering: (\d+) sent, (\d+) OK, (\d+) failed, (\d+) unknown/.exec(summary);
    expect(m, summary).not.toBeNull();
    const answers = lines.slice(0, -1).filter((l) => !l.startsWith('-> Redirected to slot'));
    expect(answers).toHaveLength(N);
    expect(answers.filter((l) => l !== 'OK' && !/^Error: (Server closed the connection|Connection reset by peer|Broken pipe)/.test(l) && !l.startsWith('eredis: no node took over'))).toEqual([]);
    const [, , ok, failed, unknown] = m!.map(Number);
    expect(answers.filter((l) => l === 'OK')).toHaveLength(ok!);
    expect(code).toBe(failed! + unknown! > 0 ? 1 : 0);
    // Every line reported OK was written, and nearly every line was (only in-flight ones can be missing).
    const client = await connectClusterClient([cluster.nodes[0]!, cluster.nodes[2]!]);
    try {
      const okKeys = answers.flatMap((l, i) => (l === 'OK' ? [`failover:${i}`] : []));
      const values = await Promise.all(okKeys.map((k) => client.get(k)));
      expect(values.filter((v) => v === null)).toHaveLength(0);
      expect(ok).toBeGreaterThanOrEqual(0.99 * N);
    } finally {
      await closeClient(client);
    }
  }, 120_000);
});
