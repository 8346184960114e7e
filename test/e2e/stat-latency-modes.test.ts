// --stat, --latency*, --intrinsic-latency and --lru-test on a real TLS server: redis-cli's lines, measured numbers aside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../support/client.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { eredisFor, redisCliFor } from '../support/run-for.js';
import { hasRedisCli, runEredis, runRedisCli, tlsArgs } from '../support/run.js';

const PASSWORD = 'stat-test-secret';
let server: RedisServer;
const env = { REDISCLI_AUTH: PASSWORD };
const conn = () => tlsArgs(server.certs, server);

beforeAll(async () => {
  server = await startRedis({ password: PASSWORD });
  await withClient(server, async (c) => {
    for (let i = 0; i < 40; i++) await c.sendCommand(['SET', `k${i}`, 'v']);
    await c.sendCommand(['SELECT', '3']);
    for (let i = 0; i < 2; i++) await c.sendCommand(['SET', `k${i}`, 'v']);
  });
});

afterAll(async () => {
  await server?.stop();
});

/** A --stat row cut at redis-cli's column widths (11, 8, " "+8, 8, 19, " "+12, child). */
function statColumns(row: string): string[] {
  return [row.slice(0, 11), row.slice(11, 19), row.slice(19, 28), row.slice(28, 36), row.slice(36, 55), row.slice(55, 68), row.slice(68)];
}

function checkStatRows(rows: string[]): void {
  expect(rows.length).toBeGreaterThanOrEqual(2);
  rows.forEach((row, i) => {
    const [keys, mem, clients, blocked, requests, conns, child] = statColumns(row);
    expect(keys).toBe('42         ');
    expect(mem).toMatch(/^\d+(\.\d\d[KMG]|B) *$/);
    expect(clients).toMatch(/^ \d+ *$/);
    expect(blocked).toMatch(/^\d+ *$/);
    expect(requests).toMatch(i === 0 ? /^\d+ \(\+0\) *$/ : /^\d+ \(\+\d+\) *$/);
    expect(conns).toMatch(/^ \d+ +$/);
    expect(child).toBe('');
  });
}

describe.runIf(hasRedisCli())('--stat', () => {
  it('prints redis-cli\'s header and rows every -i seconds', async () => {
    const [e, r] = await Promise.all([
      eredisFor([...conn(), '--stat', '-i', '0.2'], { ms: 1800, env }),
      redisCliFor([...conn(), '--stat', '-i', '0.2'], { ms: 1800, env }),
    ]);
    const [mine, theirs] = [e.stdout.toString().split('\n'), r.stdout.toString().split('\n')];
    expect(mine.slice(0, 2)).toEqual(theirs.slice(0, 2));
    expect(mine[1]).toBe('keys       mem      clients blocked requests            connections          ');
    checkStatRows(mine.slice(2, -1));
    checkStatRows(theirs.slice(2, -1));
    // No Ctrl-C handler in redis-cli's --stat: the signal ends the process.
    expect([e.signal, r.signal]).toEqual(['SIGINT', 'SIGINT']);
  });

  it('reconnects after the server goes away ("Reconnecting... N"), then goes on', async () => {
    const run = eredisFor([...conn(), '--stat', '-i', '0.2'], { ms: 4500, env });
    await new Promise((r) => setTimeout(r, 900));
    await server.restart();
    const e = await run;
    const out = e.stdout.toString();
    expect(out).toMatch(/\r\x1b\[0KReconnecting\.\.\. 1\r/);
    const after = out.slice(out.lastIndexOf('Reconnecting'));
    // The restarted server counts commands from 0 again: redis-cli prints the negative difference as "(+-N)".
    expect(after).toMatch(/\r\x1b\[0K\d+ +[\d.]+[BKMG] +\d+ +\d+ +\d+ \(\+-\d+\)/);
  });

  it('cannot connect: redis-cli\'s line and status', async () => {
    const [e, r] = [await runEredis(['-p', '1', '--stat']), await runRedisCli(['-p', '1', '--stat'])];
    expect([e.code, e.stderr]).toEqual([r.code, r.stderr]);
    expect(e.stderr).toBe('Could not connect to Redis at 127.0.0.1:1: Connection refused\n');
  });
});

const LATENCY = {
  raw: /^\d+ \d+ \d+\.\d\d \d+\n$/,
  csv: /^\d+,\d+,\d+\.\d\d,\d+\n$/,
  json: /^\{"min": \d+, "max": \d+, "avg": \d+\.\d\d, "count": \d+\}\n$/,
  'quoted-json': /^$/,
} as const;

describe.runIf(hasRedisCli())('--latency family', () => {
  it.each(Object.entries(LATENCY))('--latency, %s output: one line after a second, exit 0', async (mode, shape) => {
    const flag = mode === 'raw' ? [] : [`--${mode}`];
    const [e, r] = [await runEredis([...conn(), '--latency', ...flag], { env }), await runRedisCli([...conn(), '--latency', ...flag], { env })];
    expect(e.stdout.toString()).toMatch(shape);
    expect(r.stdout.toString()).toMatch(shape);
    expect([e.code, e.stderr]).toEqual([0, '']);
  });

  it('--latency on a terminal format (--no-raw): the line rewritten after every sample', async () => {
    const [e, r] = await Promise.all([
      eredisFor([...conn(), '--latency', '--no-raw'], { ms: 1500, env }),
      redisCliFor([...conn(), '--latency', '--no-raw'], { ms: 1500, env }),
    ]);
    for (const out of [e.stdout.toString(), r.stdout.toString()]) {
      const frames = out.split('\x1b[0G\x1b[2K').slice(1);
      expect(frames.length).toBeGreaterThan(3);
      frames.forEach((f, i) => expect(f).toMatch(new RegExp(`^min: \\d+, max: \\d+, avg: \\d+\\.\\d\\d \\(${i + 1} samples\\)$`)));
    }
  });

  it('--latency-history -i 0.3: a line per sample and " -- 0.3x seconds range" per window', async () => {
    const [e, r] = await Promise.all([
      eredisFor([...conn(), '--latency-history', '-i', '0.3'], { ms: 1600, env }),
      redisCliFor([...conn(), '--latency-history', '-i', '0.3'], { ms: 1600, env }),
    ]);
    for (const out of [e.stdout.toString(), r.stdout.toString()]) {
      const lines = out.split('\n').slice(0, -1);
      expect(lines.filter((l) => / -- 0\.3\d seconds range$/.test(l)).length).toBeGreaterThanOrEqual(2);
      expect(lines.every((l) => /^\d+ \d+ \d+\.\d\d \d+$/.test(l) || /^ -- \d+\.\d\d seconds range$/.test(l))).toBe(true);
      // Each window restarts the count at 1.
      const after = lines.findIndex((l) => l.startsWith(' -- '));
      expect(lines[after + 1]).toMatch(/^\d+ \d+ \d+\.\d\d 1$/);
    }
  });

  it.each([[[]], [['--mono']]])('--latency-dist %j: redis-cli\'s legend, then spectrum lines', async (extra) => {
    const [e, r] = await Promise.all([
      eredisFor([...conn(), '--latency-dist', '-i', '0.2', ...extra], { ms: 1600, env }),
      redisCliFor([...conn(), '--latency-dist', '-i', '0.2', ...extra], { ms: 1600, env }),
    ]);
    const legend = (out: string) => out.split('\n').slice(0, 8).join('\n');
    expect(legend(e.stdout.toString())).toBe(legend(r.stdout.toString()));
    const spectrum = e.stdout.toString().split('\n').slice(8, -1);
    expect(spectrum.length).toBeGreaterThanOrEqual(2);
    const cell = '\\x1b\\[48;5;\\d+m';
    for (const line of spectrum) expect(line).toMatch(new RegExp(`^\\x1b\\[38;5;0m(${cell}[.\\-*#1-9A-Q?]){31}\\x1b\\[0m$`));
  });
});

describe.runIf(hasRedisCli())('--intrinsic-latency and --lru-test', () => {
  const intrinsic = /^(Max latency so far: \d+ microseconds\.\n)+\n\d+ total runs \(avg latency: \d+\.\d{4} microseconds \/ \d+\.\d\d nanoseconds per run\)\.\nWorst run took \d+x longer than the average latency\.\n$/;

  it('--intrinsic-latency 1: redis-cli\'s report, exit 0, no server needed', async () => {
    const [e, r] = [await runEredis(['-p', '1', '--intrinsic-latency', '1']), await runRedisCli(['-p', '1', '--intrinsic-latency', '1'])];
    expect(e.stdout.toString()).toMatch(intrinsic);
    expect(r.stdout.toString()).toMatch(intrinsic);
    expect([e.code, e.stderr]).toEqual([0, '']);
  });

  it('Ctrl-C stops it early with the report; the average still divides the configured time', async () => {
    const e = await eredisFor(['--intrinsic-latency', '30'], { ms: 1500 });
    expect(e.code).toBe(0);
    expect(e.elapsedMs).toBeLessThan(15_000);
    const out = e.stdout.toString();
    expect(out).toMatch(intrinsic);
    const [, runs, avg] = /(\d+) total runs \(avg latency: (\d+\.\d{4})/.exec(out)!;
    expect(Number(avg)).toBeCloseTo(30_000_000 / Number(runs), 3);
  });

  it('--lru-test: one "Gets/sec" line a second, until Ctrl-C kills it', async () => {
    const line = /^\d+ Gets\/sec \| Hits: \d+ \(\d+\.\d\d%\) \| Misses: \d+ \(\d+\.\d\d%\)$/;
    const [e, r] = await Promise.all([
      eredisFor([...conn(), '--lru-test', '200'], { ms: 2600, env }),
      redisCliFor([...conn(), '--lru-test', '200'], { ms: 2600, env }),
    ]);
    for (const out of [e.stdout.toString(), r.stdout.toString()]) {
      const lines = out.split('\n').slice(0, -1);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      for (const l of lines) expect(l).toMatch(line);
    }
    expect(e.signal).toBe('SIGINT');
  });
});
