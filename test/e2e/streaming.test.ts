// Output at scale: a reply read through a slow or stalled stdout arrives complete and in order without eredis
// spinning, an output larger than V8's string limit prints whole, and a million-line batch answers every line in order.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { command, withClient } from '../support/client.js';
import { spawnGuarded } from '../support/child-guard.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { baseEnv, EREDIS_BIN, REPO_ROOT, tlsArgs } from '../support/run.js';

let certs: Certs;
let server: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  server = await startRedis({ tls: true });
  await withClient(server, async (c) => {
    for (let i = 0; i < 200_000; i += 10_000) {
      await c.rPush('list:200k', Array.from({ length: 10_000 }, (_, j) => `element-${i + j}`));
    }
  });
});

afterAll(async () => {
  await server?.stop();
});

const expectedList = () => Array.from({ length: 200_000 }, (_, i) => `element-${i}\n`).join('');

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** Runs eredis (optionally wrapped), reading its stdout with `reader`; resolves with the bytes and the exit code. */
function spawnEredis(args: string[], wrap: string[] = []): { child: ReturnType<typeof spawnGuarded>; done: Promise<{ out: Buffer; code: number | null }> } {
  const cmd = wrap.length ? wrap[0]! : EREDIS_BIN;
  const child = spawnGuarded(cmd, [...wrap.slice(1), ...(wrap.length ? [EREDIS_BIN] : []), ...args], {
    cwd: REPO_ROOT, env: { ...baseEnv(), HOME: '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const parts: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise<{ out: Buffer; code: number | null }>((resolve) => {
    child.once('close', (code) => resolve({ out: Buffer.concat(parts), code }));
  });
  return { child, done };
}

describe('a slow or stalled stdout', () => {
  it('a reply read by a consumer that keeps pausing arrives complete and in order', async () => {
    const { child, done } = spawnEredis([...tlsArgs(certs, server), 'lrange', 'list:200k', '0', '-1']);
    // Read a little, then stop reading for a while, over and over.
    let paused = 0;
    child.stdout!.on('data', () => {
      if (paused++ % 8 !== 0) return;
      child.stdout!.pause();
      setTimeout(() => child.stdout!.resume(), 40);
    });
    const { out, code } = await done;
    expect(code).toBe(0);
    expect(out.toString('latin1')).toBe(expectedList());
  });

  it('a full non-blocking pipe is waited on, not spun on: little CPU while stdout is stalled for 2 s', async () => {
    // Python makes the pipe's file description non-blocking, then execs eredis with it as stdout.
    const nonBlocking = ['python3', '-c',
      'import fcntl, os, sys; fl = fcntl.fcntl(1, fcntl.F_GETFL); fcntl.fcntl(1, fcntl.F_SETFL, fl | os.O_NONBLOCK); os.execv(sys.argv[1], sys.argv[1:])'];
    const { child, done } = spawnEredis([...tlsArgs(certs, server), 'lrange', 'list:200k', '0', '-1'], nonBlocking);
    child.stdout!.pause();
    await new Promise((r) => setTimeout(r, 700)); // let it start and fill the pipe
    const before = cpuSeconds(child.pid!);
    await new Promise((r) => setTimeout(r, 2000));
    const spent = cpuSeconds(child.pid!) - before;
    child.stdout!.resume();
    const { out, code } = await done;
    expect(spent).toBeLessThan(0.3);
    expect(code).toBe(0);
    expect(out.toString('latin1')).toBe(expectedList());
  });
});

it('an output larger than 600 MB (beyond V8\'s string limit) prints completely', async () => {
  const element = 'x'.repeat(1 << 20);
  await command(server, ['EVAL', "for i = 1, 650 do redis.call('RPUSH', KEYS[1], ARGV[1]) end", '1', 'list:650MB', element]);
  const { child, done } = spawnEredis([...tlsArgs(certs, server), '--raw', 'lrange', 'list:650MB', '0', '-1']);
  let bytes = 0;
  let lines = 0;
  child.stdout!.removeAllListeners('data');
  child.stdout!.on('data', (d: Buffer) => {
    bytes += d.length;
    for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
  });
  const { code } = await done;
  await command(server, ['DEL', 'list:650MB']);
  expect(code).toBe(0);
  expect(lines).toBe(650);
  expect(bytes).toBe(650 * ((1 << 20) + 1));
}, 120_000);

it('a batch of 1,000,000 lines answers every line, in order, and writes every key', async () => {
  await command(server, ['FLUSHDB']);
  const lines: string[] = [];
  for (let i = 0; i < 500_000; i++) lines.push(`SET key:${i} value-${i}`, `GET key:${i}`);
  const child = spawnGuarded(EREDIS_BIN, tlsArgs(certs, server), { cwd: REPO_ROOT, env: { ...baseEnv(), HOME: '/tmp' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const parts: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => parts.push(d));
  const code = new Promise((resolve) => child.once('close', resolve));
  child.stdin!.end(`${lines.join('\n')}\n`);
  expect(await code).toBe(0);
  const out = Buffer.concat(parts).toString('latin1').split('\n');
  expect(out.length).toBe(1_000_001);
  const wrong = [];
  for (let i = 0; i < 500_000 && wrong.length < 5; i++) {
    if (out[2 * i] !== 'OK' || out[2 * i + 1] !== `value-${i}`) wrong.push([i, out[2 * i], out[2 * i + 1]]);
  }
  expect(wrong).toEqual([]);
  await withClient(server, async (c) => {
    expect(await c.dbSize()).toBe(500_000);
    expect(await c.get('key:499999')).toBe('value-499999');
  });
}, 120_000);
