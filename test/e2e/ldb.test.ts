// --ldb / --ldb-sync-mode with --eval: the Lua debugger session, transcript for transcript with redis-cli 7.0.15,
// from a pipe and on a real terminal (tmux). The forked (--ldb) debugger runs over the plain port: over TLS the
// server's parent process closes the forked session's TLS connection (redis 7.0 itself; redis-cli fails there
// too, "Error: Server closed the connection"); --ldb-sync-mode does not fork and runs over TLS.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOwnedDir, removeOwnedDir } from '../support/child-guard.js';
import { command } from '../support/client.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { EREDIS_BIN, hasRedisCli, plainArgs, runEredis, runRedisCli, tlsArgs } from '../support/run.js';
import { startTty, type Tty } from '../support/tty.js';

let server: RedisServer;
let dir: string;
let script: string;
let broken: string;
const open: Tty[] = [];

beforeAll(async () => {
  [server, dir] = await Promise.all([startRedis({ plain: true }), makeOwnedDir('eredis-ldb-')]);
  script = path.join(dir, 't.lua');
  broken = path.join(dir, 'bad.lua');
  writeFileSync(script, "local a = redis.call('set', KEYS[1], ARGV[1])\nlocal b = redis.call('get', KEYS[1])\nreturn b\n");
  writeFileSync(broken, 'return 1 +\n');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});
afterAll(async () => {
  await Promise.all([server?.stop(), dir && removeOwnedDir(dir)]);
});

/** TLS for the synchronous debugger, the plain port for the forked one (see the top of the file). */
const conn = (flag = '--ldb') => (flag === '--ldb-sync-mode' ? tlsArgs(server.certs, server) : plainArgs(server));

describe.runIf(hasRedisCli())('--ldb from a pipe', () => {
  it.each([
    ['xterm', '--ldb', 's\nprint\nc\nget mykey\n'],
    ['xterm', '--ldb-sync-mode', 's\nprint\nc\nget mykey\n'],
    ['dumb', '--ldb', 'help\nb 2\nc\nlist\nrestart\ns\nabort\nping\n'],
    ['xterm', '--ldb', 'e redis.call("ping")\neval 1+1\nwhatever\n3 s\n\n"unbalanced\nc\n'],
    ['dumb', '--ldb', 'print\nredis ping\nr\nmaxlen 10\nc\nset x 1\nget x\n'],
  ])('TERM=%s %s, typing %j: the same transcript as redis-cli', async (term, flag, input) => {
    await command(server, ['DEL', 'mykey']);
    const args = [...conn(flag), flag, '--eval', script, 'mykey', ',', 'myval'];
    const e = await runEredis(args, { input, env: { TERM: term } });
    await command(server, ['DEL', 'mykey']);
    const r = await runRedisCli(args, { input, env: { TERM: term } });
    expect(e.stdout.toString()).toBe(r.stdout.toString());
    expect([e.code, e.stderr]).toEqual([r.code, r.stderr]);
    expect(e.stdout.toString()).toContain('Lua debugging session started, please use:\nquit    -- End the session.\n');
    expect(e.stdout.toString()).toContain('Stopped at 1, stop reason = step over');
  });

  it('the debugger session ends: redis-cli\'s closing lines, colours and the final reply in the TTY format', async () => {
    const e = await runEredis([...conn(), '--ldb', '--eval', script, 'k', ',', 'v'], { input: 's\nc\n', env: { TERM: 'xterm' } });
    expect(e.stdout.toString()).toContain('\x1b[0;33;49m-> 1   local a = redis.call(\'set\', KEYS[1], ARGV[1])\x1b[0m\n');
    expect(e.stdout.toString()).toMatch(/\n\n"v"\n\n\(Lua debugging session ended -- dataset changes rolled back\)\n\n$/);
  });

  it('a script that does not compile: "Eval debugging session can\'t start:" and the error, exit 0', async () => {
    const args = [...conn(), '--ldb', '--eval', broken];
    const [e, r] = [await runEredis(args, { input: 's\n' }), await runRedisCli(args, { input: 's\n' })];
    expect(e.stdout.toString()).toBe(r.stdout.toString());
    expect(e.stdout.toString()).toContain("\nEval debugging session can't start:\n(error) ERR Error compiling script");
    expect(e.code).toBe(0);
  });

  it.each([
    [['--ldb']],
    [['--ldb-sync-mode', 'get', 'k']],
    [['--ldb', '--eval', '/nonexistent.lua']],
  ])('%j: redis-cli\'s error and status', async (extra) => {
    const [e, r] = [await runEredis([...conn(), ...extra]), await runRedisCli([...conn(), ...extra])];
    expect(e.code).toBe(r.code);
    expect(e.code).toBe(1);
    // redis-cli names itself by argv[0] in "Try ... --help"; eredis says eredis.
    expect(e.stderr).toBe(r.stderr.replace(/Try \S+ --help/, 'Try eredis --help'));
  });
});

/** The screen once it stops changing. */
async function settled(tty: Tty): Promise<string> {
  let last = '';
  for (let same = 0, i = 0; same < 3 && i < 100; i++) {
    const now = await tty.screen({ escapes: true });
    same = now === last ? same + 1 : 0;
    last = now;
    await sleep(50);
  }
  return last;
}

describe.runIf(hasRedisCli())('--ldb on a terminal', () => {
  it('stepping, printing and continuing leave the same screen as redis-cli, then a normal prompt', async () => {
    const args = [...conn(), '--ldb', '--eval', script, 'mykey', ',', 'myval'];
    const cli = await startTty(['redis-cli', ...args], { env: { REDISCLI_HISTFILE: '/dev/null' } });
    open.push(cli);
    const ours = await startTty([EREDIS_BIN, ...args], { env: { EREDIS_HISTFILE: '/dev/null' } });
    open.push(ours);
    for (const tty of [cli, ours]) {
      await tty.waitFor('lua debugger>', 10_000);
      for (const line of ['s', 'print', 'c']) {
        await tty.send(line);
        await tty.key('Enter');
        await sleep(150);
      }
      await tty.waitFor('(Lua debugging session ended', 10_000);
      await tty.waitFor(`127.0.0.1:${server.plainPort}>`, 10_000);
    }
    const [a, b] = [await settled(cli), await settled(ours)];
    expect(b).toBe(a);
    expect(b).toContain('\x1b[33m-> 2   local b = redis.call(\'get\', KEYS[1])');
    for (const tty of [cli, ours]) {
      await tty.send('quit');
      await tty.key('Enter');
    }
    await Promise.all([cli, ours].map(async (t) => {
      for (let i = 0; i < 60 && !(await t.exited()); i++) await sleep(50);
      expect(await t.exited()).toBe(true);
    }));
  });
});
