// Proves the e2e support works on its own (certs, TLS servers, replication, cluster, runners), before eredis exists.
import { execFile } from 'node:child_process';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import {
  closeClient, command, connectClient, connectClusterClient, info, rawExchange, withClient,
} from '../support/client.js';
import { isPortClosed } from '../support/free-port.js';
import { startRedis, stopAll, type RedisServer } from '../support/redis-server.js';
import { hasRedisCli, passwordArgs, plainArgs, runRedisCli, tlsArgs } from '../support/run.js';
import {
  startPrimaryWithReplicas, startTlsCluster, type ClusterSetup, type ReplicationSetup,
} from '../support/topologies.js';
import { waitUntil } from '../support/wait.js';

const PW = 'sm0ke-Pass!';
let certs: Certs;
beforeAll(async () => {
  certs = await testCerts();
});

/** `openssl verify ...`: resolves with combined output and whether it exited 0. */
async function verify(args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    const r = await promisify(execFile)('openssl', ['verify', ...args]);
    return { ok: true, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** The TLS error code Node gives when connecting to the server with this CA ('' when the handshake succeeds). */
function tlsErrorCode(server: RedisServer, ca: string, servername?: string): Promise<string> {
  return new Promise((resolve) => {
    const sock = tls.connect({ host: server.host, port: server.port, ca: readFileSync(ca), servername });
    sock.once('secureConnect', () => (sock.destroy(), resolve('')));
    sock.once('error', (e: NodeJS.ErrnoException) => (sock.destroy(), resolve(e.code ?? e.message)));
  });
}

describe('certificates', () => {
  it('the good server cert verifies by CA file and by hashed CA dir, for IP and ElastiCache names', async () => {
    expect((await verify(['-CAfile', certs.caCert, '-verify_ip', '127.0.0.1', certs.serverCert])).ok).toBe(true);
    const byDir = await verify(['-CApath', certs.caDir, '-verify_hostname', 'localhost', certs.serverCert]);
    expect(byDir).toMatchObject({ ok: true });
    const name = 'master.ssltest.abc123.use1.cache.amazonaws.com';
    expect((await verify(['-CAfile', certs.caCert, '-verify_hostname', name, certs.serverCert])).ok).toBe(true);
    expect((await verify(['-CAfile', certs.caCert, certs.clientCert])).ok).toBe(true);
  });

  it('the other CA, the expired cert and the wrong-host cert fail verification', async () => {
    const other = await verify(['-CAfile', certs.otherCaCert, certs.serverCert]);
    expect(other.ok).toBe(false);
    expect(other.out).toMatch(/unable to get local issuer certificate/);
    const expired = await verify(['-CAfile', certs.caCert, certs.expiredCert]);
    expect(expired.ok).toBe(false);
    expect(expired.out).toMatch(/certificate has expired/);
    expect((await verify(['-CAfile', certs.caCert, certs.wrongHostCert])).ok).toBe(true); // chain is fine...
    const wrong = await verify(['-CAfile', certs.caCert, '-verify_ip', '127.0.0.1', certs.wrongHostCert]);
    expect(wrong.ok).toBe(false); // ...the name is not
  });
});

describe.runIf(hasRedisCli())('one TLS server with a password', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis({ password: PW, plain: true });
  });
  afterAll(() => stopAll(server));

  it('a value seeded with the redis client reads back through redis-cli over TLS', async () => {
    await withClient(server, (c) => c.set('k', 'v'));
    const r = await runRedisCli([...tlsArgs(certs, server), ...passwordArgs(PW), 'get', 'k']);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe('v\n');
    expect(r.code).toBe(0);
    const byDir = await runRedisCli(['--tls', '--cacertdir', certs.caDir, '-h', server.host, '-p',
      String(server.port), 'get', 'k'], { env: { REDISCLI_AUTH: PW } });
    expect(byDir.stdout.toString()).toBe('v\n');
    expect(await command(server, ['GET', 'k'], { plain: true })).toBe('v');
  });

  it('without the password redis-cli gets NOAUTH', async () => {
    const r = await runRedisCli([...tlsArgs(certs, server), 'get', 'k']);
    expect(r.stdout.toString()).toMatch(/NOAUTH/);
  });

  it('DEBUG PROTOCOL bignum is enabled and sent as a RESP3 big number', async () => {
    const hello = `HELLO 3 AUTH default ${PW}\r\nDEBUG PROTOCOL bignum\r\n`;
    const wire = await rawExchange(server, hello, (b) => b.includes('(1234567999999999999999999999999999999\r\n'));
    expect(wire.toString('latin1').endsWith('\r\n(1234567999999999999999999999999999999\r\n')).toBe(true);
    // redis-cli 7.0's bundled hiredis has no bignum type: it says "Unknown reply type: 13" and exits 1.
    // Newer redis-cli versions print the digits; both are accepted so the smoke test runs on either.
    const r = await runRedisCli(['-3', ...tlsArgs(certs, server), ...passwordArgs(PW), 'debug', 'protocol', 'bignum']);
    if (r.code === 0) expect(r.stdout.toString()).toMatch(/1234567999999999999999999999999999999\n$/);
    else expect(r.stderr).toMatch(/Unknown reply type: 13/);
  });

  it('kill() drops the server and restart() brings it back on the same port', async () => {
    const client = await connectClient(server);
    const before = server.pid;
    await server.kill();
    expect(await isPortClosed(server.port)).toBe(true);
    await expect(client.ping()).rejects.toThrow();
    await closeClient(client);
    await server.restart();
    expect(server.pid).not.toBe(before);
    expect(await withClient(server, (c) => c.ping())).toBe('PONG');
  });
});

describe('servers with bad certificates, and ACL users', () => {
  let expired: RedisServer, wrongHost: RedisServer, good: RedisServer;
  beforeAll(async () => {
    [expired, wrongHost, good] = await Promise.all([startRedis({ tlsCert: 'expired' }),
      startRedis({ tlsCert: 'wrong-host' }), startRedis({ password: PW, aclUsers: ['alice on >alice-pw ~* +@all'] })]);
  });
  afterAll(() => stopAll(expired, wrongHost, good));

  it('clients see the expected TLS failures', async () => {
    expect(await tlsErrorCode(good, certs.caCert)).toBe('');
    expect(await tlsErrorCode(good, certs.caCert, 'replica.ssltest.abc123.use1.cache.amazonaws.com')).toBe('');
    // redis-server sends the CA along with its cert, so Node reports the untrusted CA as a self-signed chain.
    expect(await tlsErrorCode(good, certs.otherCaCert)).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(await tlsErrorCode(expired, certs.caCert)).toBe('CERT_HAS_EXPIRED');
    expect(await tlsErrorCode(wrongHost, certs.caCert)).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(await withClient(expired, (c) => c.ping())).toBe('PONG'); // seeding still works (unverified)
  });

  it('ACL users and the default password both authenticate', async () => {
    expect(await withClient(good, (c) => c.aclWhoAmI(), { username: 'alice', password: 'alice-pw' })).toBe('alice');
    expect(await withClient(good, (c) => c.aclWhoAmI())).toBe('default');
  });
});

it.runIf(hasRedisCli())('a plain TCP server with a unix socket works with redis-cli', async () => {
  const server = await startRedis({ tls: false, unixSocket: true });
  try {
    expect(server.plainPort).toBe(server.port);
    await withClient(server, (c) => c.set('plain', 'ok'));
    expect((await runRedisCli([...plainArgs(server), 'get', 'plain'])).stdout.toString()).toBe('ok\n');
    expect((await runRedisCli(['-s', server.socketPath!, 'get', 'plain'])).stdout.toString()).toBe('ok\n');
  } finally {
    await server.stop();
  }
});

describe.runIf(hasRedisCli())('primary with two TLS replicas', () => {
  let setup: ReplicationSetup;
  beforeAll(async () => {
    setup = await startPrimaryWithReplicas({ replicas: 2, password: PW });
  });
  afterAll(() => setup?.stop());

  it('replication is up and a write reaches every replica', async () => {
    expect((await info(setup.primary, 'replication')).connected_slaves).toBe('2');
    await withClient(setup.primary, (c) => c.set('replicated', 'yes'));
    for (const replica of setup.replicas) {
      expect((await info(replica, 'replication')).master_link_status).toBe('up');
      await waitUntil(() => command(replica, ['GET', 'replicated']), { what: 'the key on the replica' });
      const r = await runRedisCli([...tlsArgs(certs, replica), ...passwordArgs(PW), 'get', 'replicated']);
      expect(r.stdout.toString()).toBe('yes\n');
    }
  });
});

describe.runIf(hasRedisCli())('3-master TLS cluster', () => {
  let cluster: ClusterSetup;
  beforeAll(async () => {
    cluster = await startTlsCluster({ masters: 3, password: PW });
  });
  afterAll(() => cluster?.stop());

  it('every node reports cluster_state:ok with all slots assigned', async () => {
    for (const node of cluster.nodes) {
      const text = String(await command(node, ['CLUSTER', 'INFO']));
      expect(text).toContain('cluster_state:ok');
      expect(text).toContain('cluster_slots_assigned:16384');
    }
  });

  it('redis-cli -c --tls follows MOVED to another node', async () => {
    const key = 'foo'; // slot 12182: not on nodes[0]
    const owner = cluster.nodeForSlot(await cluster.keySlot(key));
    expect(owner).not.toBe(cluster.nodes[0]);
    const entry = [...tlsArgs(certs, cluster.nodes[0]!), ...passwordArgs(PW), '-c'];
    expect((await runRedisCli([...entry, 'set', key, 'bar'])).stdout.toString()).toBe('OK\n');
    expect((await runRedisCli([...entry, 'get', key])).stdout.toString()).toBe('bar\n');
    expect(await command(owner, ['GET', key])).toBe('bar');
    const cc = await connectClusterClient(cluster.nodes);
    try {
      expect(await cc.get(key)).toBe('bar');
    } finally {
      await closeClient(cc);
    }
  });
});
