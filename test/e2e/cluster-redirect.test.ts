// A reply that comes through a MOVED streams like any other: -c LRANGE of 1,000,000 elements asked of a node that does
// not hold the key prints exactly what redis-cli prints, raw and formatted (its memory is measured in npm run bench).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { command } from '../support/client.js';
import type { RedisServer } from '../support/redis-server.js';
import { hasRedisCli, runEredis, runRedisCli } from '../support/run.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';

let certs: Certs;
let cluster: ClusterSetup;
let other: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  cluster = await startTlsCluster({ masters: 3 });
  const owner = cluster.nodeForSlot(await cluster.keySlot('big'));
  other = cluster.nodes.find((n) => n !== owner)!;
  const fill = "for i = 0, 999 do local t = {} for j = 1, 1000 do t[j] = 'element-' .. (i * 1000 + j) end "
    + "redis.call('RPUSH', KEYS[1], unpack(t)) end return redis.call('LLEN', KEYS[1])";
  expect(await command(owner, ['EVAL', fill, '1', 'big'])).toBe(1_000_000);
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

describe.runIf(hasRedisCli())('-c LRANGE of 1,000,000 elements through a MOVED', () => {
  it.each([['--raw'], ['--no-raw']])('%s: the same bytes as redis-cli', async (mode) => {
    const args = ['-c', '--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(other.port), mode, 'LRANGE', 'big', '0', '-1'];
    const [ours, theirs] = [await runEredis(args), await runRedisCli(args)];
    expect([ours.code, ours.stderr]).toEqual([0, '']);
    expect(ours.stdout.length).toBe(theirs.stdout.length);
    expect(ours.stdout.equals(theirs.stdout)).toBe(true);
    expect(ours.stdout.toString('latin1', 0, mode === '--raw' ? 10 : 20)).toBe(mode === '--raw' ? 'element-1\n' : '      1) "element-1"');
  }, 60_000);
});

describe.runIf(hasRedisCli())('a transaction on a node the session leaves', () => {
  it('goes with the connection redis-cli closes to follow a redirect: the same output, no QUEUED afterwards', async () => {
    const nodeOf = async (key: string) => cluster.nodeForSlot(await cluster.keySlot(key));
    const entry = await nodeOf('a');
    let away = 'b';
    for (let i = 0; (await nodeOf(away)) === entry; i++) away = `b${i}`;
    const input = `MULTI\nSET ${away} 1\nEXEC\nGET a\nSET a after\nGET a\n`;
    const args = ['-c', '--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(entry.port)];
    const run = async (tool: typeof runEredis) => {
      await command(entry, ['SET', 'a', 'before']);
      return tool(args, { input });
    };
    const [ours, theirs] = [await run(runEredis), await run(runRedisCli)];
    expect(ours.stdout.toString()).toBe(theirs.stdout.toString());
    expect(ours.stdout.toString()).toMatch(/ERR EXEC without MULTI\n.*before\n(.*\n)?OK\nafter\n$/s);
    expect(ours.stdout.toString()).not.toContain('QUEUED');
  });
});

