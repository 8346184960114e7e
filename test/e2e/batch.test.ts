// Stdin batches: lines split like redis-cli, replies in order, identical bytes to redis-cli for the same input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { command } from '../support/client.js';
import { hasRedisCli, passwordArgs, runEredis, runRedisCli, tlsArgs } from '../support/run.js';

const PASSWORD = 'batch-pass-0123456789';
let certs: Certs;
let server: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  server = await startRedis({ tls: true, password: PASSWORD });
});

afterAll(async () => {
  await server?.stop();
});

const args = (...extra: string[]) => [...tlsArgs(certs, server), ...passwordArgs(PASSWORD), ...extra];

/** Runs input through eredis then redis-cli on a freshly flushed db; returns eredis's stdout. */
async function sameOutput(input: string | Buffer, extra: string[] = []): Promise<string> {
  await command(server, ['FLUSHALL']);
  const ours = await runEredis(args(...extra), { input });
  await command(server, ['FLUSHALL']);
  const theirs = await runRedisCli(args(...extra), { input });
  expect(ours.stdout.toString('latin1')).toBe(theirs.stdout.toString('latin1'));
  expect(ours.code).toBe(theirs.code);
  return ours.stdout.toString('latin1');
}

const MIXED = [
  'set a "x y"',
  'get a',
  '3 incr c',
  'get "bad',
  "set k'' v",
  'get ""key',
  '',
  '   ',
  'set bin "\\x00\\xff\\r\\n"',
  'get bin',
  "set sq 'it\\'s \\n'",
  'get sq',
  'rpush l 1 2 3 4 5 6 7 8 9 10 11',
  'lrange l 0 -1',
  'hset h f1 v1 f2 v2',
  'hgetall h',
  'incr a',
  'nosuchcommand',
  '0 ping',
  '-2 ping',
  '+2 ping',
  '0x2 ping',
  'select 2',
  'set indb2 yes',
  'get indb2',
  'eval "return {1,{2,{3}},redis.status_reply(\'S\')}" 0',
  ':set hints',
  ':set bogus',
  ':weird',
  'restart',
  'clear',
  'multi',
  'set t 1',
  'exec',
  'ping last',
].join('\n');

describe.runIf(hasRedisCli())('stdin batch matches redis-cli', () => {
  it('raw output (stdout is a pipe)', async () => {
    const out = await sameOutput(`${MIXED}\n`);
    expect(out).toContain('Invalid argument(s)\n');
  });

  it('TTY output with --no-raw', async () => {
    await sameOutput(`${MIXED}\n`, ['--no-raw']);
  });

  it('csv, json and RESP3', async () => {
    await sameOutput(`${MIXED}\n`, ['--csv']);
    await sameOutput(`${MIXED}\n`, ['--json']);
    await sameOutput(`${MIXED}\n`, ['-3', '--no-raw']);
  });

  it('a last line without a newline, CRLF line endings, quit stops the batch', async () => {
    await sameOutput('ping\r\nset a b\r\nget a');
    await sameOutput('ping\nquit\nping\n');
    await sameOutput('ping\nEXIT now\nping\n');
  });

  it('10,000 pipelined commands come back complete and in order', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `get k${i - 1}` : `set k${i} v${i}`));
    const out = await sameOutput(`${lines.join('\n')}\n`);
    const got = out.split('\n');
    expect(got[0]).toBe('OK');
    expect(got[9999]).toBe('v9998');
  });

  it('a SUBSCRIBE or MONITOR the server refuses ends only its own reply: the batch reads on', async () => {
    const input = 'subscribe\nping one\n3 subscribe\n2 psubscribe\nmonitor x\n2 monitor x\nping two\n';
    expect(await sameOutput(input)).toMatch(/ERR wrong number of arguments for 'subscribe' command\n[^]*one\n[^]*two\n$/);
    await sameOutput(input, ['--no-raw']);
  });

  it('-n selects the db for the whole batch', async () => {
    await sameOutput('set x 1\nget x\n', ['-n', '4']);
  });
});

describe('stdin batch behaviour', () => {
  it('reports the lost connection once and reconnects for the next lines', async () => {
    const extra = await startRedis({ tls: true });
    try {
      // The server kills our own connection while later lines are already pipelined behind it.
      const input = 'set a 1\nclient kill type normal skipme no\nget a\nget a\n';
      const r = await runEredis(tlsArgs(certs, extra), { input });
      expect(r.stderr).toBe('Error: Server closed the connection\n');
      expect(r.stdout.toString()).toBe('OK\n1\n1\n');
      expect(r.code).toBe(0);
      if (hasRedisCli()) {
        const theirs = await runRedisCli(tlsArgs(certs, extra), { input });
        expect(r.stdout.toString()).toBe(theirs.stdout.toString());
        expect(r.stderr).toBe(theirs.stderr);
      }
    } finally {
      await extra.stop();
    }
  });

  it('SHUTDOWN prints nothing; later lines report the refused connection', async () => {
    const extra = await startRedis({ tls: true });
    const r = await runEredis(tlsArgs(certs, extra), { input: 'ping\nshutdown nosave\nping\n' });
    expect(r.stdout.toString()).toBe('PONG\n');
    expect(r.stderr).toBe(`Could not connect to Redis at 127.0.0.1:${extra.port}: Connection refused\n`);
    expect(r.code).toBe(0);
    await extra.stop().catch(() => undefined);
  });
});

describe.runIf(hasRedisCli())('--pipe', () => {
  it('sends raw RESP and reports like redis-cli', async () => {
    const input = Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$4\r\nINCR\r\n$1\r\na\r\n*1\r\n$4\r\nPING\r\n');
    const ours = await runEredis(args('--pipe'), { input });
    const theirs = await runRedisCli(args('--pipe'), { input });
    expect(ours.stdout.toString()).toBe('All data transferred. Waiting for the last reply...\nLast reply received from server.\nerrors: 1, replies: 3\n');
    expect(ours.stdout.toString()).toBe(theirs.stdout.toString());
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.code).toBe(1);
  });
});
