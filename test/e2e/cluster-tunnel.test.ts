// --via is never bypassed: a -c batch entering the cluster through a tunnel, with keys on shards no --via-map entry
// reaches, gets one line per such command naming the entry to add, and opens no connection to those shards, whatever
// path the line takes (the first line, which runs alone; routed lines; lines after a barrier; keyless commands). The
// entry is named as a configuration endpoint is (localhost here), not as the cluster announces it (127.0.0.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { info } from '../support/client.js';
import type { RedisServer } from '../support/redis-server.js';
import { runEredis } from '../support/run.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';

let certs: Certs;
let cluster: ClusterSetup;

beforeAll(async () => {
  certs = await testCerts();
  cluster = await startTlsCluster({ masters: 3 });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

const connections = (n: RedisServer) => info(n, 'stats').then((s) => Number(s.total_connections_received));

/** A key whose slot the given master serves. */
async function keyOn(node: RedisServer, prefix: string): Promise<string> {
  for (let i = 0; ; i++) if (cluster.nodeForSlot(await cluster.keySlot(`${prefix}${i}`)) === node) return `${prefix}${i}`;
}

describe('-c through --via, other shards unmapped', () => {
  it('refuses every command for them with the --via-map entry to add, and never connects to them', async () => {
    const [entry, other, third] = cluster.nodes as [RedisServer, RedisServer, RedisServer];
    const [away, away2, home] = [await keyOn(other, 'a'), await keyOn(third, 'b'), await keyOn(entry, 'h')];
    const before = await Promise.all(cluster.nodes.map(connections));
    // The first line runs alone; SET/GET are routed; CLIENT SETNAME is a barrier; PING and DBSIZE go to the current node.
    const input = [
      `set ${away} 1`, `set ${home} 1`, `get ${away2}`, 'ping', `client setname x`, `set ${away2} 2`, `get ${home}`,
      `incr ${away}`, 'dbsize', `get ${away}`,
    ];
    const r = await runEredis(['-c', '--via', `127.0.0.1:${entry.port}`, '--tls', '--cacert', certs.caCert, '-h', 'localhost', '-p', String(entry.port)], { input: `${input.join('\n')}\n` });
    const tunnel = (n: RedisServer) => `eredis: 127.0.0.1:${n.port} is only reachable through a tunnel: add --via-map 127.0.0.1:${n.port}=127.0.0.1:LOCALPORT for a port forward to it`;
    const refused = r.stderr.split('\n').filter((l) => l !== '');
    expect(refused).toEqual([tunnel(other), tunnel(third), tunnel(third), tunnel(other), tunnel(other)]);
    const answers = r.stdout.toString().split('\n').filter((l) => l !== '' && !l.startsWith('-> Redirected to slot'));
    expect(answers).toEqual(['OK', 'PONG', 'OK', '1', expect.stringMatching(/^\d+$/)]);
    // The others saw only this test's own INFO connection; the entry one more: eredis's, through the tunnel.
    expect(await Promise.all(cluster.nodes.map(connections))).toEqual(before.map((n, i) => n + (i === 0 ? 2 : 1)));
  });
});
