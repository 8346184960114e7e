// A subscription with -c belongs to the session, not to a connection: SSUBSCRIBE of a channel on another shard follows
// the MOVED and receives what is published there (as redis-cli does), and goes on receiving after that shard's master
// fails over (killed, or handed over with CLUSTER FAILOVER), where redis-cli stops.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { spawnGuarded } from '../support/child-guard.js';
import { command } from '../support/client.js';
import type { RedisServer } from '../support/redis-server.js';
import { baseEnv, EREDIS_BIN, hasRedisCli } from '../support/run.js';
import { startTlsCluster, waitForReplicaLink, type ClusterSetup } from '../support/topologies.js';
import { waitUntil } from '../support/wait.js';

let certs: Certs;
let cluster: ClusterSetup;

beforeAll(async () => {
  certs = await testCerts();
  cluster = await startTlsCluster({ masters: 3, replicasPerMaster: 1, server: { extraArgs: ['--cluster-node-timeout', '1000'] } });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

/** A subscriber running in the background; `out` is what it printed so far (stdout and stderr, in order). */
interface Subscriber {
  child: ChildProcess;
  out(): string;
  stop(): Promise<void>;
}

function subscribe(cmd: string, args: string[]): Subscriber {
  const child = spawnGuarded('sh', ['-c', 'exec "$0" "$@" 2>&1', cmd, ...args], { env: { ...baseEnv(), HOME: '/tmp' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const parts: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => parts.push(d));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    out: () => Buffer.concat(parts).toString('utf8'),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const tls = (n: RedisServer) => ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(n.port)];
const shardSubscribers = async (n: RedisServer, channel: string) => Number((await command<unknown[]>(n, ['PUBSUB', 'SHARDNUMSUB', channel]))[1]);

/** A channel whose slot shard `shard` serves (not the first: -p first is then redirected). */
async function channelOn(shard: number, prefix: string): Promise<string> {
  for (let i = 0; ; i++) {
    const channel = `${prefix}:${i}`;
    if (cluster.nodeForSlot(await cluster.keySlot(channel)) === cluster.nodes[shard]) return channel;
  }
}

/** Publishes until the subscriber shows the message (a SPUBLISH before the resubscription would be lost). */
async function publishUntilSeen(node: () => RedisServer, channel: string, message: string, sub: Subscriber): Promise<void> {
  await waitUntil(async () => {
    await command(node(), ['SPUBLISH', channel, message]).catch(() => undefined);
    return sub.out().includes(`smessage\n${channel}\n${message}\n`);
  }, { timeoutMs: 30_000, intervalMs: 200, what: `${message} to reach the subscriber; it printed: ${sub.out()}` });
}

/** The replica that serves shard i once its master is gone: wait until it says it is a master. */
async function promoted(replica: RedisServer): Promise<void> {
  await waitUntil(async () => (await command<unknown[]>(replica, ['ROLE']))[0] === 'master', { timeoutMs: 30_000, intervalMs: 100, what: 'the replica to be promoted' });
}

describe('-c SSUBSCRIBE of a channel on another shard', () => {
  it.runIf(hasRedisCli())('follows the MOVED and prints what is published there, byte for byte as redis-cli', async () => {
    const entry = cluster.nodes[0]!;
    const owner = cluster.nodes[1]!;
    const channel = await channelOn(1, 'moved');
    const ours = subscribe(EREDIS_BIN, [...tls(entry), '-c', 'SSUBSCRIBE', channel]);
    const theirs = subscribe('redis-cli', [...tls(entry), '-c', 'SSUBSCRIBE', channel]);
    try {
      await waitUntil(async () => (await shardSubscribers(owner, channel)) === 2, { what: 'both subscriptions on the owner' });
      await command(owner, ['SPUBLISH', channel, 'hello']);
      await waitUntil(() => ours.out().includes('hello\n') && theirs.out().includes('hello\n'), { what: 'the message on both' });
      expect(ours.out()).toBe(theirs.out());
      expect(ours.out()).toBe(`ssubscribe\n${channel}\n1\nsmessage\n${channel}\nhello\n`);
    } finally {
      await Promise.all([ours.stop(), theirs.stop()]);
    }
  });

  it('goes on receiving after the shard master is killed and its replica takes over', async () => {
    const entry = cluster.nodes[0]!;
    const channel = await channelOn(1, 'killed');
    const [master, replica] = [cluster.nodes[1]!, cluster.replicas[1]![0]!];
    await waitForReplicaLink(replica);
    const sub = subscribe(EREDIS_BIN, [...tls(entry), '-c', '--failover-wait', '30', 'SSUBSCRIBE', channel]);
    try {
      await waitUntil(async () => (await shardSubscribers(master, channel)) === 1, { what: 'the subscription on the master' });
      await publishUntilSeen(() => master, channel, 'before', sub);
      await master.kill();
      await promoted(replica);
      await publishUntilSeen(() => replica, channel, 'after', sub);
      expect(sub.out()).toMatch(/went away \((Server closed the connection|Connection reset by peer)\); subscribing again\n/);
      expect(sub.child.exitCode).toBeNull();
    } finally {
      await sub.stop();
    }
  }, 90_000);

  it('goes on receiving after a graceful CLUSTER FAILOVER moves the slot to the replica', async () => {
    const entry = cluster.nodes[0]!;
    // Shard 2: the test before killed shard 1's master.
    const channel = await channelOn(2, 'handover');
    const [master, replica] = [cluster.nodes[2]!, cluster.replicas[2]![0]!];
    await waitForReplicaLink(replica);
    const sub = subscribe(EREDIS_BIN, [...tls(entry), '-c', 'SSUBSCRIBE', channel]);
    try {
      await waitUntil(async () => (await shardSubscribers(master, channel)) === 1, { what: 'the subscription on the master' });
      await publishUntilSeen(() => master, channel, 'before', sub);
      await command(replica, ['CLUSTER', 'FAILOVER']);
      await promoted(replica);
      await publishUntilSeen(() => replica, channel, 'after', sub);
      expect(sub.out()).toMatch(/sunsubscribe\n/);
      expect(sub.child.exitCode).toBeNull();
    } finally {
      await sub.stop();
    }
  }, 90_000);
});
