// Golden checks: for a broad command table and every output mode, eredis's stdout and exit code equal redis-cli's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { withClient } from '../support/client.js';
import { hasRedisCli, passwordArgs, runEredis, runRedisCli, tlsArgs } from '../support/run.js';
import { GOLDEN_COMMANDS, GOLDEN_MODES, seedGoldenData } from './golden-data.js';

const PASSWORD = 'golden-pass-0123456789';
let certs: Certs;
let server: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  server = await startRedis({ tls: true, password: PASSWORD });
  await withClient(server, seedGoldenData);
});

afterAll(async () => {
  await server?.stop();
});

function common(): string[] {
  return [...tlsArgs(certs, server), ...passwordArgs(PASSWORD)];
}

/** Runs the same argv through both tools and expects identical stdout bytes and exit code. */
async function expectSameAs(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<string> {
  const [ours, theirs] = await Promise.all([runEredis(args, opts), runRedisCli(args, opts)]);
  expect(ours.stdout.toString('latin1'), `stdout of ${JSON.stringify(args.slice(-6))}`).toBe(theirs.stdout.toString('latin1'));
  expect(ours.code, `exit code; eredis stderr: ${ours.stderr}`).toBe(theirs.code);
  return ours.stdout.toString('latin1');
}

describe.runIf(hasRedisCli())('golden: eredis prints what redis-cli prints', () => {
  describe.concurrent.each(GOLDEN_MODES.map((m) => [m.join(' ') || '(default raw)', m]))('mode %s', (_name, mode) => {
    it.each(GOLDEN_COMMANDS.map((c) => [c.join(' ').slice(0, 60), c]))('%s', async (_label, command) => {
      await expectSameAs([...common(), ...(mode as string[]), ...(command as string[])]);
    });
  });

  it.concurrent('FAKETTY forces the TTY view like redis-cli', async () => {
    const out = await expectSameAs([...common(), 'LRANGE', 'list', '0', '-1'], { env: { FAKETTY: '1' } });
    expect(out.startsWith(' 1) "a"\n')).toBe(true);
  });

  it.concurrent('raw output commands (INFO-like) print raw even in TTY mode', async () => {
    await expectSameAs([...common(), '--no-raw', 'CLIENT', 'NO-EVICT', 'on']);
    await expectSameAs([...common(), '--csv', 'LATENCY', 'DOCTOR']);
    await expectSameAs([...common(), '--no-raw', 'CLUSTER', 'INFO']);
  });

  it.concurrent('-r repeats with -D between replies', async () => {
    await expectSameAs([...common(), '-r', '3', '-D', '|', 'GET', 'str']);
    await expectSameAs([...common(), '--no-raw', '-r', '2', 'LRANGE', 'short', '0', '-1']);
  });

  it.concurrent('-e turns an error reply into exit code 1 with the error on stderr', async () => {
    const args = [...common(), '-e', 'INCR', 'str'];
    const [ours, theirs] = await Promise.all([runEredis(args), runRedisCli(args)]);
    expect(ours.code).toBe(1);
    expect(ours.code).toBe(theirs.code);
    expect(ours.stdout.length).toBe(0);
    expect(ours.stderr).toBe(theirs.stderr);
  });

  it.concurrent('a SUBSCRIBE or MONITOR the server refuses ends with its error; -r repeats a SUBSCRIBE, not a MONITOR', async () => {
    for (const mode of [[], ['--no-raw']]) {
      await expectSameAs([...common(), ...mode, 'SUBSCRIBE']);
      await expectSameAs([...common(), ...mode, '-r', '3', 'SUBSCRIBE']);
      await expectSameAs([...common(), ...mode, '-r', '2', 'MONITOR', 'extra']);
    }
    for (const command of [['SUBSCRIBE'], ['-r', '2', 'PSUBSCRIBE'], ['MONITOR', 'extra']]) {
      const args = [...common(), '-e', ...command];
      const [ours, theirs] = await Promise.all([runEredis(args), runRedisCli(args)]);
      expect(ours.stderr).toBe(theirs.stderr);
      expect(ours.stderr).toMatch(/^ERR wrong number of arguments/);
      expect(ours.code).toBe(1);
      expect(ours.code).toBe(theirs.code);
    }
  });

  it.concurrent('-x and -X read the argument from stdin', async () => {
    await expectSameAs([...common(), '-x', 'SET', 'fromstdin'], { input: 'piped value\n' });
    await expectSameAs([...common(), 'GET', 'fromstdin']);
    await expectSameAs([...common(), '-X', 'TAG', 'SET', 'tagged', 'TAG'], { input: Buffer.from([0, 1, 2, 10]) });
    await expectSameAs([...common(), '--no-raw', 'GET', 'tagged']);
  });

  it.concurrent('--quoted-input unquotes each argument', async () => {
    await expectSameAs([...common(), '--quoted-input', 'SET', '"q\\x00key"', '"v\\tal"']);
    await expectSameAs([...common(), '--no-raw', '--quoted-input', 'GET', '"q\\x00key"']);
    await expectSameAs([...common(), '--quoted-input', 'GET', '"unterminated']);
  });

  it.concurrent('--eval runs a script file with keys , args', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eredis-eval-'));
    const file = join(dir, 'script.lua');
    writeFileSync(file, "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, ','}");
    await expectSameAs([...common(), '--no-raw', '--eval', file, 'k1', 'k2', ',', 'a1', ',']);
    await expectSameAs([...common(), '--eval', file, 'only-keys']);
    rmSync(dir, { recursive: true });
  });

  it.concurrent('-n selects the database before the command', async () => {
    await expectSameAs([...common(), '-n', '3', 'SET', 'indb3', 'yes']);
    await expectSameAs([...common(), '-n', '3', 'GET', 'indb3']);
    await expectSameAs([...common(), 'GET', 'indb3']);
  });
});

describe('big numbers and attributes (redis-cli 7.0 cannot print them)', () => {
  it.each([
    [['-3', '--no-raw'], '(big number) 1234567999999999999999999999999999999\n'],
    [['-3'], '1234567999999999999999999999999999999\n'],
    [['-3', '--csv'], '1234567999999999999999999999999999999\n'],
    // JSON keeps every digit by printing a string (redis/redis PR #15764).
    [['-3', '--json'], '"1234567999999999999999999999999999999"\n'],
  ])('bignum with %j', async (mode, expected) => {
    const r = await runEredis([...common(), ...mode, 'DEBUG', 'PROTOCOL', 'bignum']);
    expect(r.stdout.toString('latin1')).toBe(expected);
    expect(r.code).toBe(0);
  });

  it('attribute replies are printed without failing', async () => {
    const r = await runEredis([...common(), '-3', '--no-raw', 'DEBUG', 'PROTOCOL', 'attrib']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString('latin1')).toContain('"Some real reply following the attribute"');
  });
});
