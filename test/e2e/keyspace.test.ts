// --scan, --bigkeys, --memkeys, --hotkeys on one TLS server: eredis prints what redis-cli 7.0 prints (stdout, stderr,
// exit code), including Ctrl-C in the middle of a scan and redis's own "Scan mode" test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { info, withClient } from '../support/client.js';
import { hasRedisCli, runEredis, runRedisCli, tlsArgs, type RunResult } from '../support/run.js';
import { eredisInterrupted, runInterrupted, seedStrings, seedTypes, sortedLines } from './keyspace-helpers.js';

let certs: Certs;
let server: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  server = await startRedis({ tls: true, plain: true });
  await withClient(server, async (c) => {
    await seedTypes(c); // db 0
    await c.select(6);
    await c.set('only', 'x'); // db 6: exactly one key
    await c.select(7);
    await seedStrings(c, 'k:', 3000, 'ten-bytes!'); // db 7: for Ctrl-C
    await c.select(9);
    await seedStrings(c, 'key:', 1000); // db 9: redis's "Scan mode" test
    await c.select(10);
    await c.set(Buffer.from('nul\0after', 'latin1'), 'x');
    await c.set(Buffer.from('caf\xc3\xa9', 'latin1'), 'x');
  });
});

afterAll(async () => {
  await server?.stop();
});

const tls = () => tlsArgs(certs, server);

function expectSame(ours: RunResult, theirs: RunResult): void {
  expect(ours.stderr).toBe(theirs.stderr);
  expect(ours.stdout.toString('latin1')).toBe(theirs.stdout.toString('latin1'));
  expect(ours.code).toBe(theirs.code);
}

async function same(args: string[]): Promise<RunResult> {
  const [ours, theirs] = await Promise.all([runEredis([...tls(), ...args]), runRedisCli([...tls(), ...args])]);
  expectSame(ours, theirs);
  return ours;
}

describe.runIf(hasRedisCli())('key-space modes on one node, against redis-cli 7.0', () => {
  it.each([
    [['--scan']], [['--no-raw', '--scan']], [['--csv', '--scan']], [['--scan', '--pattern', 'list:*']],
    [['-n', '10', '--scan']], [['-n', '10', '--no-raw', '--scan']], [['--scan', '--quoted-pattern', '"bin\\x01*"']],
  ])('%j prints the same keys, the same way', async (args) => {
    const r = await same(args);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it("passes redis's own \"Scan mode\" test (tests/integration/redis-cli.tcl)", async () => {
    const all = await runEredis([...tls(), '-n', '9', '--scan']);
    expect(all.stdout.toString().split(/\s+/).filter(Boolean)).toHaveLength(1000);
    const one = await runEredis([...tls(), '-n', '9', '--scan', '--pattern', '*:2']);
    expect(one.stdout.toString().trim()).toBe('key:2');
    const quoted = await runEredis([...tls(), '-n', '9', '--scan', '--quoted-pattern', '"*:\\x32"']);
    expect(quoted.stdout.toString().trim()).toBe('key:2');
  });

  it('--count N (redis-cli 7.2) sends COUNT: the same keys in far fewer SCAN calls', async () => {
    const calls = async () => Number(/calls=(\d+)/.exec((await info(server, 'commandstats')).cmdstat_scan ?? 'calls=0')![1]);
    const before = await calls();
    const counted = await runEredis([...tls(), '-n', '7', '--scan', '--count', '1000']);
    const used = (await calls()) - before;
    const plain = await runRedisCli([...tls(), '-n', '7', '--scan']);
    expect(sortedLines(counted.stdout)).toEqual(sortedLines(plain.stdout));
    expect(sortedLines(counted.stdout)).toHaveLength(3000);
    expect(used).toBeLessThan(10); // COUNT 10 (the default) needs about 300
  });

  it.each([
    [['--bigkeys']], [['--memkeys']], [['--memkeys-samples', '2']], [['-n', '5', '--bigkeys']], [['-n', '6', '--bigkeys']],
    [['-n', '5', '--memkeys']], [['-n', '6', '--memkeys']], [['--bigkeys', '--pattern', '*:a']], [['-n', '10', '--memkeys']],
  ])('%j prints the same report', async (args) => {
    const r = await same(args);
    expect(r.stdout.toString()).toContain('-------- summary -------');
  });

  it('--hotkeys without an LFU policy: the banner, then the server error, exit 1', async () => {
    const r = await same(['--hotkeys']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: ERR An LFU maxmemory policy is not selected/);
    // An empty keyspace sends no OBJECT FREQ: a summary and exit 0.
    expect((await same(['-n', '5', '--hotkeys'])).code).toBe(0);
  });

  it('refuses bad flags with redis-cli\'s words', async () => {
    const bad = await same(['--quoted-pattern', '"unterminated', '--scan']);
    expect(bad.stderr).toBe('Invalid quoted string specified for --quoted-pattern.\n');
    expect((await same(['--scan', '--pattern'])).stderr).toBe("Unrecognized option or bad number of args for: '--pattern'\n");
    await same(['-p', '1', '--bigkeys']);
  });

  it('Ctrl-C during the -i pause stops the scan and still prints the summary (exit 0)', async () => {
    const args = [...tls(), '-n', '7', '--bigkeys', '-i', '3'];
    const [ours, theirs] = await Promise.all([eredisInterrupted(args, 2000), runInterrupted('redis-cli', args, 2000)]);
    expectSame(ours, theirs);
    expect(ours.stdout.toString()).toMatch(/\n\[\d\d\.\d\d%\] Sampled 1\d{3} keys in the keyspace!\n/);
  });

  it('Ctrl-C stops --scan after the current batch, exit 0', async () => {
    const r = await eredisInterrupted([...tls(), '-n', '7', '--scan', '-i', '0.05'], 1500);
    expect(r.code).toBe(0);
    const keys = sortedLines(r.stdout);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length).toBeLessThan(3000);
    expect(keys.every((k) => k.startsWith('k:'))).toBe(true);
  });
});

describe.runIf(hasRedisCli())('--hotkeys with an LFU policy, against redis-cli 7.0', () => {
  beforeAll(async () => {
    await withClient(server, async (c) => {
      await c.configSet('maxmemory-policy', 'allkeys-lfu');
      for (let i = 0; i < 30; i++) await c.get('str:small');
      for (let i = 0; i < 10; i++) await c.lRange('list:a', 0, -1);
    });
  });
  afterAll(async () => {
    await withClient(server, (c) => c.configSet('maxmemory-policy', 'noeviction'));
  });

  it('prints the same hot keys and summary', async () => {
    const r = await same(['--hotkeys']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/hot key found with counter: \d+\tkeyname: "str:small"\n/);
  });
});
