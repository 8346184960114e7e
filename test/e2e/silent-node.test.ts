// A node that stops answering without closing (SIGSTOP: what an availability-zone or network failure looks like from
// the client) no longer hangs eredis: after --reply-timeout and a failed PING on a new connection it counts as gone.
// A -c batch then waits for the replica that takes over; a -g batch for the primary the API names next.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { spawnGuarded } from '../support/child-guard.js';
import { closeClient, command, connectClusterClient } from '../support/client.js';
import { cmdGroup, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import type { RedisServer } from '../support/redis-server.js';
import { baseEnv, EREDIS_BIN, REPO_ROOT, tempHome } from '../support/run.js';
import { startPrimaryWithReplicas, startTlsCluster, waitForReplicaLink, type ClusterSetup, type ReplicationSetup } from '../support/topologies.js';
import { waitUntil } from '../support/wait.js';

let certs: Certs;
let home: { dir: string; remove(): Promise<void> };

beforeAll(async () => {
  certs = await testCerts();
  home = await tempHome();
});

afterAll(async () => {
  await home?.remove();
});

const SUMMARY = /^eredis: a node stopped answering: (\d+) sent, (\d+) OK, (\d+) failed, (\d+) unknown/;
const stop = (n: RedisServer) => process.kill(n.pid, 'SIGSTOP');
const resume = (n: RedisServer) => { try { process.kill(n.pid, 'SIGCONT'); } catch { /* gone */ } };

/** eredis with stdout and stderr in one stream, fed N `SET prefix:i i` lines 100 at a time, `fault` after `at` lines. */
async function trickle(args: string[], env: Record<string, string>, prefix: string, n: number, at: number, fault: () => Promise<void> | void) {
  const child = spawnGuarded('sh', ['-c', 'exec "$0" "$@" 2>&1', EREDIS_BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'ignore'] });
  const parts: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => parts.push(d));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  for (let i = 0; i < n; i += 100) {
    child.stdin!.write(Array.from({ length: 100 }, (_, k) => `SET ${prefix}:${i + k} ${i + k}\n`).join(''));
    if (i === at) await fault();
    await new Promise((r) => setTimeout(r, 20));
  }
  child.stdin!.end();
  const code = await closed;
  const lines = Buffer.concat(parts).toString('utf8').split('\n').slice(0, -1);
  const summary = SUMMARY.exec(lines.at(-1) ?? '');
  const notes = /^(-> Redirected to slot|eredis: .*: asked ElastiCache again)/;
  return { code, lines, summary, answers: lines.slice(0, -1).filter((l) => !notes.test(l)) };
}

describe('-c batch, the master of one shard stopped (SIGSTOP)', () => {
  let cluster: ClusterSetup;
  beforeAll(async () => {
    cluster = await startTlsCluster({ masters: 3, replicasPerMaster: 1, server: { extraArgs: ['--cluster-node-timeout', '1000'] } });
  }, 120_000);
  afterAll(async () => {
    for (const n of cluster?.nodes ?? []) resume(n);
    await cluster?.stop();
  });

  it('ends on its own: every line answered once, in order, at least 99% written, the summary on stderr', async () => {
    const N = 20_000;
    const victim = cluster.nodes[1]!;
    await Promise.all(cluster.replicas.flat().map((r) => waitForReplicaLink(r)));
    const env = { ...baseEnv(), HOME: home.dir } as Record<string, string>;
    const args = ['-c', '--reply-timeout', '2', '--failover-wait', '30', '--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(cluster.nodes[0]!.port)];
    const r = await trickle(args, env, 'silent', N, 7_500, () => { stop(victim); });
    expect(r.summary, r.lines.slice(-5).join('\n')).not.toBeNull();
    expect(r.lines.join('\n')).not.toMatch(/internal error|    at /);
    expect(r.answers).toHaveLength(N);
    const wrong = r.answers.filter((l) => l !== 'OK' && !/^Error: 127\.0\.0\.1:\d+ stopped answering: no reply for \d+s, nor to a PING/.test(l)
      && !l.startsWith('eredis: no node took over'));
    expect(wrong).toEqual([]);
    const [, , ok, failed, unknown] = r.summary!.map(Number);
    expect(r.answers.filter((l) => l === 'OK')).toHaveLength(ok!);
    expect(ok).toBeGreaterThanOrEqual(0.99 * N);
    expect(r.code).toBe(failed! + unknown! > 0 ? 1 : 0);
    // Back from the stop, the old master rejoins as a replica: nothing eredis called OK is lost.
    resume(victim);
    const client = await connectClusterClient([cluster.nodes[0]!, cluster.nodes[2]!]);
    try {
      const okKeys = r.answers.flatMap((l, i) => (l === 'OK' ? [`silent:${i}`] : []));
      await waitUntil(async () => (await Promise.all(okKeys.slice(-50).map((k) => client.get(k)))).every((v) => v !== null), { what: 'the cluster to settle' });
      const values = await Promise.all(okKeys.map((k) => client.get(k)));
      expect(values.filter((v) => v === null)).toHaveLength(0);
    } finally {
      await closeClient(client);
    }
  }, 120_000);

  it('a graceful CLUSTER FAILOVER in the middle: every line OK, no summary (nothing was lost)', async () => {
    const N = 10_000;
    const replica = cluster.replicas[2]![0]!;
    await waitForReplicaLink(replica);
    const env = { ...baseEnv(), HOME: home.dir } as Record<string, string>;
    const args = ['-c', '--reply-timeout', '2', '--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(cluster.nodes[0]!.port)];
    const r = await trickle(args, env, 'handover', N, 3_000, async () => { await command(replica, ['CLUSTER', 'FAILOVER']); });
    expect(r.summary).toBeNull();
    expect(r.lines.filter((l) => !l.startsWith('-> Redirected to slot'))).toEqual(Array.from({ length: N }, () => 'OK'));
    expect(r.code).toBe(0);
  }, 120_000);
});

describe('-g batch, the primary stopped (SIGSTOP)', () => {
  const TOKEN = 'silent-primary-token-0123456789';
  let rs: ReplicationSetup;
  let api: ElastiCacheApiStandIn;
  const group = (port: number) => [cmdGroup({ id: 'ssltest', tls: true, authToken: true, primary: { host: '127.0.0.1', port } })];
  beforeAll(async () => {
    rs = await startPrimaryWithReplicas({ replicas: 1, password: TOKEN });
    api = await startElastiCacheApi({ groups: group(rs.primary.port) });
  });
  afterAll(async () => {
    if (rs) resume(rs.primary);
    await Promise.all([rs?.stop(), api?.close()]);
  });

  it('finishes on the primary the API names next', async () => {
    const N = 6000;
    const replica = rs.replicas[0]!;
    const env = { ...baseEnv(), ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, REDISCLI_AUTH: TOKEN } as Record<string, string>;
    const r = await trickle(['-g', 'ssltest', '--refresh', '--reply-timeout', '2', '--failover-wait', '30'], env, 'gp', N, 2000, async () => {
      stop(rs.primary);
      // ElastiCache promotes the replica, and its API names the new primary.
      await command(replica, ['REPLICAOF', 'NO', 'ONE'], { password: TOKEN });
      api.setGroups(group(replica.port));
    });
    expect(r.summary, r.lines.slice(-5).join('\n')).not.toBeNull();
    expect(r.answers).toHaveLength(N);
    expect(r.answers.filter((l) => l !== 'OK' && !/ stopped answering: /.test(l))).toEqual([]);
    expect(await command(replica, ['GET', `gp:${N - 1}`], { password: TOKEN })).toBe(String(N - 1));
  }, 120_000);
});
