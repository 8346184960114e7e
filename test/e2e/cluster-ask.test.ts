// A slot being migrated: -c follows ASK to the importing node with ASKING, sending the command once where it was refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../support/client.js';
import type { RedisServer } from '../support/redis-server.js';
import { hasRedisCli, runEredis, runRedisCli } from '../support/run.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';

let cluster: ClusterSetup;
let owner: RedisServer;
let importer: RedisServer;
let slot: number;

beforeAll(async () => {
  cluster = await startTlsCluster({ masters: 3 });
  slot = await cluster.keySlot('ask:key');
  owner = cluster.nodeForSlot(slot);
  importer = cluster.nodes.find((n) => n !== owner)!;
  const [ownerId, importerId] = [String(await command(owner, ['CLUSTER', 'MYID'])), String(await command(importer, ['CLUSTER', 'MYID']))];
  // The key is not on the owner, so the owner answers ASK; the importer takes it after ASKING.
  await command(importer, ['CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', ownerId]);
  await command(owner, ['CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', importerId]);
});

afterAll(async () => {
  await cluster?.stop();
});

const connect = (n: RedisServer) => ['--tls', '--cacert', n.certs.caCert, '-h', '127.0.0.1', '-p', String(n.port)];

/** How many SETs the node refused with a redirect, and how many it ran. */
async function setCalls(n: RedisServer): Promise<{ calls: number; rejected: number }> {
  const info = String(await command(n, ['INFO', 'commandstats']));
  const line = /cmdstat_set:calls=(\d+),.*rejected_calls=(\d+)/.exec(info);
  return { calls: Number(line?.[1] ?? 0), rejected: Number(line?.[2] ?? 0) };
}

async function resetStats(): Promise<void> {
  for (const n of [owner, importer]) await command(n, ['CONFIG', 'RESETSTAT']);
}

describe.runIf(hasRedisCli())('ASK redirects', () => {
  it.each([
    ['one-shot', ['SET', 'ask:key', 'one'], undefined],
    ['stdin batch', [], 'SET ask:key two\nGET ask:key\n'],
  ])('%s: the owner refuses once, the importer runs it; the same output as redis-cli', async (_name, argv, input) => {
    await resetStats();
    const ours = await runEredis([...connect(owner), '-c', ...argv], { input });
    expect(ours.stderr).toBe('');
    expect(await setCalls(owner)).toEqual({ calls: 0, rejected: 1 });
    expect((await setCalls(importer)).calls).toBe(1);
    const theirs = await runRedisCli([...connect(owner), '-c', ...argv], { input });
    expect(ours.stdout.toString()).toBe(theirs.stdout.toString());
    expect(ours.code).toBe(theirs.code);
  });
});
