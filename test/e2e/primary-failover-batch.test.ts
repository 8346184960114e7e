// A stdin batch against a -g primary that dies: in-flight lines are reported, later lines wait until ElastiCache names
// the promoted replica, then go there; every line gets one answer in order, and a summary says what happened.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { spawnGuarded } from '../support/child-guard.js';
import { command } from '../support/client.js';
import { cmdGroup, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { baseEnv, EREDIS_BIN, REPO_ROOT, tempHome } from '../support/run.js';
import { startPrimaryWithReplicas, type ReplicationSetup } from '../support/topologies.js';

const TOKEN = 'failover-batch-token-0123456789';
let certs: Certs;
let rs: ReplicationSetup;
let api: ElastiCacheApiStandIn;
let home: { dir: string; remove(): Promise<void> };

const group = (primaryPort: number) => [cmdGroup({ id: 'ssltest', tls: true, authToken: true, primary: { host: '127.0.0.1', port: primaryPort } })];

beforeAll(async () => {
  certs = await testCerts();
  [rs, home] = await Promise.all([startPrimaryWithReplicas({ replicas: 1, password: TOKEN }), tempHome()]);
  api = await startElastiCacheApi({ groups: group(rs.primary.port) });
});

afterAll(async () => {
  await Promise.all([rs?.stop(), api?.close(), home?.remove()]);
});

it('waits for the promoted replica, answers every line once and in order, and sums up', async () => {
  const N = 6000;
  const env = { ...baseEnv(), ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, REDISCLI_AUTH: TOKEN } as Record<string, string>;
  const child = spawnGuarded('sh', ['-c', 'exec "$0" "$@" 2>&1', EREDIS_BIN, '-g', 'ssltest', '--refresh', '--failover-wait', '20'], {
    cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'ignore'],
  });
  const parts: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => parts.push(d));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const replica = rs.replicas[0]!;
  for (let i = 0; i < N; i += 250) {
    child.stdin!.write(Array.from({ length: 250 }, (_, k) => `SET pf:${i + k} ${i + k}\n`).join(''));
    if (i === 2000) {
      await rs.primary.kill();
      // ElastiCache promotes the replica a moment later, and its API names the new primary.
      setTimeout(() => {
        void command(replica, ['REPLICAOF', 'NO', 'ONE'], { password: TOKEN }).then(() => api.setGroups(group(replica.port)));
      }, 1000);
    }
    await new Promise((r) => setTimeout(r, 60));
  }
  child.stdin!.end();
  const code = await closed;
  const lines = Buffer.concat(parts).toString('utf8').split('\n').slice(0, -1);
  const summary = lines.at(-1)!;
  const m = /^eredis: a node stopped answering: (\d+) sent, (\d+) OK, (\d+) failed, (\d+) unknown/.exec(summary);
  expect(m, lines.slice(-5).join('\n')).not.toBeNull();
  const answers = lines.slice(0, -1).filter((l) => !l.startsWith('eredis: cannot connect to'));
  expect(answers).toHaveLength(N);
  expect(answers.filter((l) => l !== 'OK' && !/^Error: /.test(l))).toEqual([]);
  expect(answers.filter((l) => l === 'OK').length).toBeGreaterThan(0.95 * N);
  expect(code).toBe(Number(m![3]) + Number(m![4]) > 0 ? 1 : 0);
  // The lines after the failover went to the promoted replica.
  expect(await command(replica, ['GET', `pf:${N - 1}`], { password: TOKEN })).toBe(String(N - 1));
}, 90_000);
