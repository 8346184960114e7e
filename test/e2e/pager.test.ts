// The shell's pager through a real terminal (tmux, 40 rows): a reply taller than the screen goes through less, q
// gives back a working prompt (even in the middle of a million elements), and --no-pager, `:set pager off`, the
// config file's `pager = off` and one-shot mode print straight to the terminal, as redis-cli does.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { withClient } from '../support/client.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { EREDIS_BIN, hasRedisCli, tempHome, tlsArgs } from '../support/run.js';
import { startTty, type Tty } from '../support/tty.js';
import { waitUntil } from '../support/wait.js';

let certs: Certs;
let server: RedisServer;
let home: { dir: string; remove(): Promise<void> };
let tty: Tty | undefined;

beforeAll(async () => {
  certs = await testCerts();
  [server, home] = await Promise.all([startRedis({ tls: true }), tempHome()]);
  await withClient(server, async (c) => {
    await c.rPush('list:200', Array.from({ length: 200 }, (_, i) => `item-${i + 1}`));
    for (let i = 0; i < 1_000_000; i += 50_000) await c.rPush('list:1m', Array.from({ length: 50_000 }, (_, j) => `e${i + j}`));
    await c.set('after', 'still-in-place');
  });
}, 120_000);
afterEach(async () => { await tty?.close(); tty = undefined; });
afterAll(async () => { await Promise.all([server?.stop(), home?.remove()]); });

const prompt = () => `127.0.0.1:${server.port}>`;

async function shell(args: string[] = [], env: Record<string, string> = {}): Promise<Tty> {
  tty = await startTty([EREDIS_BIN, ...tlsArgs(certs, server), ...args], { env: { HOME: home.dir, TERM: 'xterm-256color', EREDIS_HISTFILE: '', ...env }, cols: 100, rows: 40 });
  await tty.waitFor(prompt());
  return tty;
}

async function run(t: Tty, line: string): Promise<void> {
  await t.send(line);
  await t.key('Enter');
}

/** The last screen line is less's prompt (`:`), not the shell's. */
const inPager = (screen: string) => screen.trimEnd().endsWith('\n:') && !screen.trimEnd().endsWith(prompt());

describe('the pager', () => {
  it('a 200-line reply in a 40-line terminal opens less; q gives back a working prompt', async () => {
    const t = await shell();
    await run(t, 'lrange list:200 0 -1');
    const paged = await t.waitFor(/\n:$/);
    expect(inPager(paged)).toBe(true);
    expect(paged).toContain('  1) "item-1"');
    expect(paged).not.toContain('item-200');
    await t.key('q');
    await t.waitFor(new RegExp(`${prompt()}$`));
    await run(t, 'get after');
    expect(await t.waitFor('"still-in-place"')).toMatch(/"still-in-place"\n.*>$/);
  });

  it('shows the first screen of a 1,000,000-element reply at once; q abandons the rest, not the connection', async () => {
    const t = await shell();
    const started = Date.now();
    await run(t, 'lrange list:1m 0 -1');
    await t.waitFor(/ 1\) "e0"[\s\S]*\n:$/, 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    await t.key('q');
    await t.waitFor(new RegExp(`${prompt()}$`), 20_000);
    await run(t, 'get after');
    await t.waitFor('"still-in-place"');
    expect(await t.screen()).not.toMatch(/Error|not connected/);
  });

  it.each([
    ['--no-pager', ['--no-pager'], [] as string[]],
    [':set pager off', [] as string[], [':set pager off']],
  ])('%s prints the reply straight to the terminal, as redis-cli does', async (_what, flags, before) => {
    const t = await shell(flags);
    for (const line of before) await run(t, line);
    await run(t, 'lrange list:200 0 -1');
    const screen = await t.waitFor(/200\) "item-200"\n.*>$/);
    expect(inPager(screen)).toBe(false);
    if (hasRedisCli()) {
      const cli = await startTty(['redis-cli', ...tlsArgs(certs, server)], { env: { HOME: home.dir, TERM: 'xterm-256color', REDISCLI_HISTFILE: '/dev/null' }, cols: 100, rows: 40 });
      try {
        await cli.waitFor(prompt());
        await run(cli, 'lrange list:200 0 -1');
        const theirs = await cli.waitFor(/200\) "item-200"\n.*>$/);
        expect(screen.split('\n').slice(-30)).toEqual(theirs.split('\n').slice(-30));
      } finally {
        await cli.close();
      }
    }
  });

  it("the config file's `pager = off` turns it off for that target", async () => {
    mkdirSync(join(home.dir, 'cfg', 'eredis'), { recursive: true });
    writeFileSync(join(home.dir, 'cfg', 'eredis', 'config'), `[127.0.0.1:${server.port}]\npager = off\n`);
    const t = await shell([], { XDG_CONFIG_HOME: join(home.dir, 'cfg') });
    await run(t, 'lrange list:200 0 -1');
    expect(inPager(await t.waitFor(/200\) "item-200"\n.*>$/))).toBe(false);
  });

  it('one-shot mode on a terminal never pages', async () => {
    tty = await startTty([EREDIS_BIN, ...tlsArgs(certs, server), 'lrange', 'list:200', '0', '-1'], { env: { HOME: home.dir, TERM: 'xterm-256color' }, cols: 100, rows: 40 });
    await expect.poll(() => tty!.exited(), { timeout: 10_000 }).toBe(true);
    expect(await tty.screen()).toContain('200) "item-200"');
  });

  it('the pager gets the environment without its secrets (AUTH tokens, AWS keys)', async () => {
    const dump = join(home.dir, 'pager-env.txt');
    const secrets = {
      REDISCLI_AUTH: 'redis-auth-secret-1', VALKEYCLI_AUTH: 'valkey-auth-secret-2', AWS_SECRET_ACCESS_KEY: 'aws-secret-3',
      AWS_SESSION_TOKEN: 'aws-session-4', MY_APP_PASSWORD: 'app-password-5',
    };
    // The server needs no password: REDISCLI_AUTH is still sent (and accepted), as redis-cli sends it.
    const t = await shell([], { ...secrets, AWS_REGION: 'eu-west-1', EREDIS_PAGER: `env > '${dump}'; cat > /dev/null` });
    await run(t, 'lrange list:200 0 -1');
    // The pager writes its environment, then reads the reply to the end; the prompt comes back after it.
    await t.waitFor(new RegExp(`-1\n${prompt()}$`));
    const seen = await waitUntil(() => existsSync(dump) && readFileSync(dump, 'utf8'), { what: 'the pager to run' });
    expect(seen).toContain('AWS_REGION=eu-west-1');
    expect(seen).toContain('TERM=xterm-256color');
    for (const [name, value] of Object.entries(secrets)) {
      expect(seen).not.toContain(name);
      expect(seen).not.toContain(value);
    }
  });
});
