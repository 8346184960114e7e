// --keystats (redis-cli 7.4) on one TLS server: the report's exact shape, Ctrl-C and --cursor, the terminal view, and
// byte-for-byte equality with a redis-cli whose --keystats is 7.4's.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { withClient } from '../support/client.js';
import { plainArgs, runEredis, runProcess, tlsArgs, type RunResult } from '../support/run.js';
import { eredisInterrupted, runInterrupted, seedStrings, seedTypes } from './keyspace-helpers.js';

/**
 * The oracle (Debian 12 packages no redis-cli with --keystats): $REDIS_CLI_74, else the one scripts/redis-cli-keystats.sh
 * built from redis 8.0's source (test/global-setup.ts) after checking its key-space code is 7.4.1's. It talks to the
 * servers' plain port.
 */
const REDIS_CLI_74 = inject('redisCli74') || undefined;

let certs: Certs;
let server: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  server = await startRedis({ tls: true, plain: true });
  await withClient(server, async (c) => {
    await seedTypes(c);
    await c.select(7);
    await seedStrings(c, 'k:', 3000, 'ten-bytes!');
  });
});

afterAll(async () => {
  await server?.stop();
});

const eredis = (args: string[], env?: Record<string, string>) => runEredis([...tlsArgs(certs, server), ...args], { env });
const cli74 = (args: string[], env?: Record<string, string>) => runProcess(REDIS_CLI_74!, [...plainArgs(server), ...args], { env });

/** Sizes (they depend on the allocator) as <size>, and runs of spaces as one. */
const shape = (text: string) => text.replace(/\d+(\.\d+)?[BKMGT]\b/g, '<size>').replace(/ +/g, ' ');

const EXPECTED_SHAPE = `
# Scanning the entire keyspace to find the biggest keys and distribution information.
# Use -i 0.1 to sleep 0.1 sec per 100 SCAN commands (not usually needed).
# Use --cursor <n> to start the scan at the cursor <n> (usually after a Ctrl-C).
# Use --top <n> to display <n> top key sizes (default is 10).
# Ctrl-C to stop the scan.

100.00% keys scanned
Keys sampled: 11
Keys size: <size>

--- Top 3 key sizes ---
 1 <size> stream "stream:a"
 2 <size> string "str:big"
 3 <size> set "set:a"

--- Top size per type ---
list list:b is <size>
hash hash:a is <size>
stream stream:a is <size>
string str:big is <size>
set set:a is <size>
zset zset:a is <size>

--- Top length and cardinality per type ---
list list:b has 10 items
hash hash:a has 4 fields
stream stream:a has 2 entries
string str:big has <size>
set set:b has 5 members
zset zset:a has 3 members
`;

describe('--keystats', () => {
  it('prints 7.4\'s report: top sizes, biggest per type (in 7.4\'s dict order), distributions, type table', async () => {
    const r = await eredis(['--keystats', '--top', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = r.stdout.toString('latin1');
    expect(shape(text).startsWith(EXPECTED_SHAPE)).toBe(true);
    expect(text).toContain('\nKey size Percentile Total keys\n-------- ---------- -----------\n');
    expect(text).toMatch(/\n +<?[\d.]+[BK] +100\.0000% +11\nNote: 0\.01% size precision, Mean: [\d.]+[BK], StdDeviation: [\d.]+[BK]\n/);
    expect(text).toContain('\nKey name length Percentile Total keys\n--------------- ---------- -----------\n'
      + '             9B  100.0000%          11\nTotal key length is 72B (6B avg)\n');
    expect(text).toMatch(/\nlist +2 +18\.18% +\d+B +\d+B +13 items +6\.50\n/);
    expect(text).toMatch(/\nstring +4 +36\.36% +[\d.]+K +\d+B +1008B +252B\n/);
  });

  it('--top 0 lists no key; bad --top / --cursor values get 7.4\'s words', async () => {
    expect((await eredis(['--keystats', '--top', '0'])).stdout.toString()).toContain('--- Top 0 key sizes ---\n\n--- Top size per type');
    for (const [args, words] of [
      [['--top', 'x'], '--top conversion error.'], [['--cursor', '-3'], '--cursor should be followed by a positive integer.'],
      [['--keystats-samples', '-1'], '--keystats-samples value should be positive.'], [['--cursor', '5z'], '--cursor conversion error.'],
    ] as const) {
      const r = await eredis(['--keystats', ...args]);
      expect(r.stderr).toBe(`${words}\n`);
      expect(r.code).toBe(1);
    }
  });

  it('on a terminal (FAKETTY): erase-line before every line and a colored bar', async () => {
    const r = await eredis(['--keystats'], { FAKETTY: '1' });
    const text = r.stdout.toString('latin1');
    expect(text).toContain(`\x1b[2K\r100.00% \x1b[32m${'|'.repeat(60)}\x1b[31m\x1b[39m\n\x1b[2K\rKeys sampled: 11\n`);
    expect(text).toContain('\x1b[2K\r--- Top 10 key sizes ---\n');
  });

  it('Ctrl-C prints the report so far and the cursor to resume from; --cursor finishes the scan', async () => {
    const stopped = await eredisInterrupted([...tlsArgs(certs, server), '-n', '7', '--keystats', '-i', '3'], 2000);
    expect(stopped.code).toBe(0);
    const text = stopped.stdout.toString();
    const cursor = /\nScan interrupted:\nUse 'eredis --keystats --cursor (\d+)' to restart from the last cursor\.\n$/.exec(text)?.[1];
    expect(cursor).toBeDefined();
    const first = Number(/\nKeys sampled: (\d+)\n/.exec(text)![1]);
    expect(first).toBeGreaterThanOrEqual(1000);
    expect(first).toBeLessThan(3000);
    const rest = await eredis(['-n', '7', '--keystats', '--cursor', cursor!]);
    expect(rest.stdout.toString()).not.toContain('Scan interrupted');
    expect(first + Number(/\nKeys sampled: (\d+)\n/.exec(rest.stdout.toString())![1])).toBeGreaterThanOrEqual(3000);
  });
});

describe.runIf(REDIS_CLI_74 !== undefined)('--keystats against redis-cli 7.4\'s --keystats', () => {
  const same = (ours: RunResult, theirs: RunResult) => {
    expect(ours.stdout.toString('latin1')).toBe(theirs.stdout.toString('latin1').replace("'redis-cli --keystats", "'eredis --keystats"));
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.code).toBe(theirs.code);
  };

  it.each([[['--keystats']], [['--keystats', '--top', '2']], [['--keystats-samples', '3']], [['-n', '5', '--keystats']],
    [['-n', '7', '--keystats', '--cursor', '17']], [['--keystats', '--pattern', '*:a']]])('%j prints the same bytes', async (args) => {
    same(await eredis(args), await cli74(args));
  });

  it('the same bytes on a terminal (FAKETTY)', async () => {
    same(await eredis(['--keystats'], { FAKETTY: '1' }), await cli74(['--keystats'], { FAKETTY: '1' }));
  });

  it('the same report and resume cursor after Ctrl-C', async () => {
    const args = ['-n', '7', '--keystats', '-i', '3'];
    const [ours, theirs] = await Promise.all([
      eredisInterrupted([...tlsArgs(certs, server), ...args], 2000), runInterrupted(REDIS_CLI_74!, [...plainArgs(server), ...args], 2000),
    ]);
    same(ours, theirs);
  });
});
