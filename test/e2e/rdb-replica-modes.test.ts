// --rdb, --functions-rdb and --replica against a real TLS server, with redis-cli 7.0.15 as the oracle.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOwnedDir, removeOwnedDir } from '../support/child-guard.js';
import { command, info, withClient } from '../support/client.js';
import { comparableRdb, rdbAuxNames } from '../support/rdb.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { EREDIS_BIN, hasRedisCli, runEredis, runProcess, runRedisCli, tlsArgs, type RunResult } from '../support/run.js';
import { waitUntil } from '../support/wait.js';

const PASSWORD = 'rdb-test-secret';
let server: RedisServer;
let dir: string;
const env = { REDISCLI_AUTH: PASSWORD };
const args = (...rest: string[]) => [...tlsArgs(server.certs, server), '-n', '9', ...rest];
const eredis = (...rest: string[]) => runEredis(args(...rest), { env });
const redisCli = (...rest: string[]) => runRedisCli(args(...rest), { env });
/** stderr with the file name made neutral, for comparing the two tools' messages. */
const messages = (r: RunResult, file: string) => r.stderr.split(file).join('FILE');

beforeAll(async () => {
  [server, dir] = await Promise.all([startRedis({ password: PASSWORD }), makeOwnedDir('eredis-rdb-')]);
  await withClient(server, async (c) => {
    await c.sendCommand(['SELECT', '9']);
    for (let i = 0; i < 300; i++) await c.sendCommand(['SET', `key:${i}`, `value-${i}`.repeat(1 + (i % 5))]);
    await c.sendCommand(['HSET', 'h', 'f', 'v', 'g', 'w']);
    await c.sendCommand(['FUNCTION', 'LOAD', "#!lua name=lib1\nredis.register_function('func1', function() return 123 end)"]);
  });
});

afterAll(async () => {
  await Promise.all([server?.stop(), dir && removeOwnedDir(dir)]);
});

describe.runIf(hasRedisCli())('--rdb and --functions-rdb', () => {
  it.each([['yes', 'diskless'], ['no', 'disk-based']])('repl-diskless-sync %s (%s): the same dump redis-cli writes', async (diskless) => {
    await command(server, ['CONFIG', 'SET', 'repl-diskless-sync', diskless]);
    const mine = path.join(dir, `eredis-${diskless}.rdb`);
    const theirs = path.join(dir, `redis-cli-${diskless}.rdb`);
    const [e, r] = [await eredis('--rdb', mine), await redisCli('--rdb', theirs)];
    expect([e.code, r.code]).toEqual([0, 0]);
    expect(messages(e, mine)).toBe(messages(r, theirs));
    expect(e.stderr).toContain(diskless === 'yes' ? 'Transfer finished with success after ' : 'Transfer finished with success.\n');
    const [a, b] = [readFileSync(mine), readFileSync(theirs)];
    expect(rdbAuxNames(a)).toEqual(expect.arrayContaining(['redis-ver', 'ctime', 'used-mem']));
    expect(a.length).toBe(b.length);
    expect(comparableRdb(a).equals(comparableRdb(b))).toBe(true);
    const size = /after (\d+) bytes|writing (\d+) bytes/.exec(e.stderr)!;
    expect(a.length).toBe(Number(size[1] ?? size[2]));
    const check = spawnSync('redis-check-rdb', [mine], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('RDB looks OK');
  });

  it('--functions-rdb: only the functions, as redis-cli gets them', async () => {
    await command(server, ['CONFIG', 'SET', 'repl-diskless-sync', 'no']);
    const mine = path.join(dir, 'eredis-f.rdb');
    const theirs = path.join(dir, 'redis-cli-f.rdb');
    const [e, r] = [await eredis('--functions-rdb', mine), await redisCli('--functions-rdb', theirs)];
    expect(e.code).toBe(0);
    expect(messages(e, mine)).toBe(messages(r, theirs));
    expect(e.stderr).toContain('sending REPLCONF rdb-filter-only functions\n');
    const a = readFileSync(mine);
    expect(comparableRdb(a).equals(comparableRdb(readFileSync(theirs)))).toBe(true);
    expect(a.includes('lib1')).toBe(true);
    expect(a.includes('key:1')).toBe(false);
  });

  it('--rdb - writes the stream to stdout (the diskless EOF mark too, as redis-cli)', async () => {
    await command(server, ['CONFIG', 'SET', 'repl-diskless-sync', 'yes']);
    const [e, r] = [await eredis('--rdb', '-'), await redisCli('--rdb', '-')];
    expect(e.stderr).toBe(r.stderr.replace(/after \d+ bytes/, /after \d+ bytes/.exec(e.stderr)![0]));
    const size = Number(/after (\d+) bytes/.exec(e.stderr)![1]);
    expect(e.stdout.length).toBe(size + 40);
    expect(e.stdout.length).toBe(r.stdout.length);
    expect(comparableRdb(e.stdout.subarray(0, size)).equals(comparableRdb(r.stdout.subarray(0, size)))).toBe(true);
  });

  it('creates the file readable by its owner only (0600, under umask 022): it holds the whole dataset', async () => {
    const file = path.join(dir, 'private.rdb');
    const r = await runProcess('sh', ['-c', 'umask 022 && exec "$0" "$@"', EREDIS_BIN, ...args('--rdb', file)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps a longer existing file\'s tail after a disk-based transfer (no O_TRUNC), like redis-cli', async () => {
    await command(server, ['CONFIG', 'SET', 'repl-diskless-sync', 'no']);
    const file = path.join(dir, 'garbage.rdb');
    writeFileSync(file, Buffer.alloc(100_000, 0x41));
    expect((await eredis('--rdb', file)).code).toBe(0);
    const got = readFileSync(file);
    expect(got.length).toBe(100_000);
    expect(got.toString('latin1', 0, 5)).toBe('REDIS');
  });

  it.each([
    [['--rdb', '/nonexistent-dir/x.rdb']],
    [['--rdb', 'a', '--functions-rdb', 'b']],
  ])('%j fails with redis-cli\'s words and status', async (extra) => {
    const [e, r] = [await eredis(...extra), await redisCli(...extra)];
    expect([e.code, e.stderr, e.stdout.toString()]).toEqual([r.code, r.stderr, r.stdout.toString()]);
    expect(e.code).toBe(1);
  });

  it('a wrong password: the same AUTH and SYNC failure lines', async () => {
    const e = await runEredis(args('--rdb', path.join(dir, 'x.rdb')), { env: { REDISCLI_AUTH: 'wrong' } });
    const r = await runRedisCli(args('--rdb', path.join(dir, 'x.rdb')), { env: { REDISCLI_AUTH: 'wrong' } });
    expect(e.stderr).toBe(r.stderr);
    expect(e.code).toBe(r.code);
    expect(e.stderr).not.toContain('wrong');
  });
});

/** Starts a long-running tool, returns a handle to its exit. */
function background(run: Promise<RunResult>) {
  let done: RunResult | undefined;
  void run.then((r) => { done = r; });
  return { run, get done() { return done; } };
}

describe.runIf(hasRedisCli())('--replica', () => {
  it('prints the replication stream as redis-cli does, and ends when the master drops it', async () => {
    await command(server, ['CONFIG', 'SET', 'repl-diskless-sync', 'no']);
    const e = background(runEredis([...tlsArgs(server.certs, server), '--replica'], { env, timeoutMs: 30_000 }));
    const r = background(runRedisCli([...tlsArgs(server.certs, server), '--replica'], { env, timeoutMs: 30_000 }));
    await waitUntil(async () => ((await info(server, 'replication')).connected_slaves === '2')
      && Object.entries(await info(server, 'replication')).filter(([k, v]) => k.startsWith('slave') && v.includes('state=online')).length === 2,
    { timeoutMs: 15_000, intervalMs: 100, what: 'both replicas online' });
    await withClient(server, async (c) => {
      await c.sendCommand(['SET', 'test-key', 'test-value-1']);
      await c.sendCommand(['SELECT', '3']);
      await c.sendCommand(['HSET', 'h', 'f', 'v x']);
      await c.sendCommand(['SET', 'bin\x00k', 'a"b']);
    });
    // After a diskless sync the master streams only once the replica's REPLCONF ACK arrives, a second after the
    // transfer (INFO says online before that): give both that second.
    await sleep(1500);
    await command(server, ['CLIENT', 'KILL', 'TYPE', 'replica']);
    const [mine, theirs] = await Promise.all([e.run, r.run]);
    expect(mine.stdout.toString()).toBe(theirs.stdout.toString());
    // The first message after the ACK ("SELECT","0") is taken as its reply, by redis-cli and so by eredis.
    expect(mine.stdout.toString()).toBe('"SET","test-key","test-value-1"\n"SELECT","3"\n"HSET","h","f","v x"\n'
      + '"SET","bin\\x00k","a\\"b"\n');
    expect(mine.stderr).toBe(theirs.stderr);
    expect(mine.stderr.split('\n').slice(0, 3)).toEqual(['sending REPLCONF capa eof', 'sending REPLCONF rdb-filter-only ',
      'SYNC with master, discarding bytes of bulk transfer until EOF marker...']);
    expect(mine.stderr).toMatch(/SYNC done after \d+ bytes\. Logging commands from master\.\nsending REPLCONF ACK 0\nError: Server closed the connection\n$/);
    expect([mine.code, theirs.code]).toEqual([1, 1]);
    expect(existsSync(dir)).toBe(true);
  });

  it('--slave is the same mode', async () => {
    const e = background(runEredis([...tlsArgs(server.certs, server), '--slave'], { env, timeoutMs: 30_000 }));
    await waitUntil(async () => (await info(server, 'replication')).slave0?.includes('state=online') ?? false,
      { timeoutMs: 15_000, intervalMs: 100, what: 'the replica online' });
    await command(server, ['SET', 'slave-key', '1']);
    await sleep(1500);
    await command(server, ['CLIENT', 'KILL', 'TYPE', 'replica']);
    const done = await e.run;
    expect(done.code).toBe(1);
    expect(done.stdout.toString()).toBe('"SET","slave-key","1"\n');
    expect(done.stderr).toContain('SYNC done after ');
  });
});
