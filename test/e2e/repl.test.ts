// The interactive shell through a real terminal (tmux): prompts, replies, reconnect, history, Ctrl-C, cluster redirects.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';
import { command, info } from '../support/client.js';
import { waitUntil } from '../support/wait.js';
import { EREDIS_BIN, hasRedisCli, runEredis, runRedisCli, tempHome, tlsArgs } from '../support/run.js';
import { startTty, type Tty } from '../support/tty.js';

const PASSWORD = 'repl-password-0123456789';
let certs: Certs;
let server: RedisServer;
let home: { dir: string; remove(): Promise<void> };
let tty: Tty | undefined;

beforeAll(async () => {
  certs = await testCerts();
  [server, home] = await Promise.all([startRedis({ tls: true, password: PASSWORD }), tempHome()]);
});
afterEach(async () => { await tty?.close(); tty = undefined; });
afterAll(async () => { await Promise.all([server?.stop(), home?.remove()]); });

const env = (extra: Record<string, string> = {}) => ({ HOME: home.dir, REDISCLI_AUTH: PASSWORD, TERM: 'xterm-256color', ...extra });
const prompt = () => `127.0.0.1:${server.port}`;
// Screens come back with trailing spaces trimmed, so a prompt reads `host:port>`.

async function shell(args: string[] = [], extra: Record<string, string> = {}): Promise<Tty> {
  tty = await startTty([EREDIS_BIN, ...tlsArgs(certs, server), ...args], { env: env(extra), cols: 100, rows: 30 });
  await tty.waitFor(`${prompt()}>`);
  return tty;
}

async function type(t: Tty, line: string, expect: string | RegExp): Promise<string> {
  await t.send(line);
  await t.key('Enter');
  return t.waitFor(expect);
}

describe('interactive shell', () => {
  it('shows replies in TTY format with the db and (TX) in the prompt', async () => {
    const t = await shell();
    await type(t, 'rpush replist a b c', '(integer) 3');
    await type(t, 'lrange replist 0 -1', '3) "c"');
    await type(t, 'select 2', `${prompt()}[2]>`);
    await type(t, 'multi', `${prompt()}[2](TX)>`);
    await type(t, 'exec', '(empty array)');
    const screen = await type(t, 'get "unbalanced', 'Invalid argument(s)');
    expect(screen).toContain(`${prompt()}[2]> lrange`.replace('[2]', '')); // earlier lines stay on screen
  });

  /** Types each line into eredis, then into redis-cli, once the prompt is back; returns both screens. */
  async function screensOf(lines: string[], args: string[] = []): Promise<string[]> {
    const screens: string[] = [];
    for (const bin of [EREDIS_BIN, 'redis-cli']) {
      await command(server, ['DEL', 'k', 'h', 'n', 'tk'], { password: PASSWORD });
      tty = await startTty([bin, ...tlsArgs(certs, server), ...args], { env: env({ REDISCLI_HISTFILE: '/dev/null', EREDIS_HISTFILE: '' }), cols: 100, rows: 30 });
      await tty.waitFor(`${prompt()}>`);
      for (const [i, line] of lines.entries()) {
        await tty.send(line);
        await tty.key('Enter');
        // Type the next line only once the prompt is back, as a person would.
        await tty.waitFor(new RegExp(`(${prompt().replace(/\./g, '\\.')}>[^]*){${i + 2}}`));
      }
      screens.push(await tty.screen());
      await tty.close();
      tty = undefined;
    }
    return screens;
  }

  it.runIf(hasRedisCli())('shows the same screen as redis-cli for the same keys', async () => {
    const keys = ['set k "a b"', 'get k', 'hset h f v', 'hgetall h', '3 incr n', 'subscribe', '3 subscribe', '2 monitor x', 'get "x'];
    const [ours, theirs] = await screensOf(keys);
    expect(ours).toContain('Invalid argument(s)');
    expect(ours).toBe(theirs);
  });

  it.runIf(hasRedisCli())('shows a push that came after a reply before the next reply, as redis-cli does', async () => {
    const [ours, theirs] = await screensOf(['client tracking on', 'get tk', 'set tk 1', 'ping'], ['-3']);
    expect(ours).toMatch(/> set tk 1\nOK\n[^\n]*> ping\n-> invalidate: 'tk'\nPONG\n/);
    expect(ours).toBe(theirs);
  });

  it('reconnects after the server restarts, keeping db and AUTH', async () => {
    const t = await shell();
    await type(t, 'select 3', `${prompt()}[3]>`);
    await type(t, 'set survivor yes', 'OK');
    await server.kill();
    await type(t, 'get survivor', 'not connected>');
    await server.restart();
    await type(t, 'ping', `PONG\n${prompt()}[3]>`);
    expect(await t.screen()).toMatch(/Error: (Server closed the connection|Connection reset by peer)/);
  });

  it('Ctrl-C clears the typed line; during BLPOP it abandons the reply and keeps the session', async () => {
    const t = await shell();
    await type(t, 'hello 3', '1# "server" => "redis"');
    await type(t, 'select 5', `${prompt()}[5]>`);
    await t.send('get something-half-typed');
    await t.key('C-c');
    await t.waitFor(/\[5\]>$/);
    await t.send('blpop never-filled 0');
    await t.key('Enter');
    await waitUntil(async () => (await info(server, 'clients')).blocked_clients === '1', { timeoutMs: 5000, what: 'BLPOP to block' });
    await t.key('C-c');
    // Under heavy load tmux has once been seen to drop the key (no ^C echoed at all); a person would press it again.
    await t.waitFor('^C', 2000).catch(() => t.key('C-c'));
    await type(t, 'ping', /PONG\n127\.0\.0\.1:\d+\[5\]>$/);
    // The new connection kept the protocol the session had switched to.
    await type(t, 'debug protocol double', '(double) 3.141');
    expect(await t.exited()).toBe(false);
  });

  it('Ctrl-C in the middle of a long reply drops the rest; the next reply is printed from its start', async () => {
    await command(server, ['DEL', 'long', 'short'], { password: PASSWORD });
    for (let i = 0; i < 500_000; i += 50_000) {
      const chunk = Array.from({ length: 50_000 }, (_, j) => `element-${i + j}`);
      await command(server, ['RPUSH', 'long', ...chunk], { password: PASSWORD });
    }
    await command(server, ['RPUSH', 'short', 'a', 'b'], { password: PASSWORD });
    const t = await shell(['--no-pager']);
    await t.send('lrange long 0 -1');
    await t.key('Enter');
    await t.waitFor(/\d\) "element-\d+"/);
    await t.key('C-c');
    await t.waitFor(/\n127\.0\.0\.1:\d+>$/);
    const screen = await type(t, 'lrange short 0 -1', /> lrange short 0 -1\n1\) "a"\n2\) "b"\n127\.0\.0\.1:\d+>$/);
    // It was stopped half-way.
    expect(screen).not.toContain('element-499999');
  });

  it('keeps secrets out of the history file (mode 0600)', async () => {
    const histfile = join(home.dir, 'hist');
    const t = await shell([], { EREDIS_HISTFILE: histfile });
    await type(t, 'ping', 'PONG');
    await type(t, `auth ${PASSWORD}`, 'OK');
    await type(t, 'config set requirepass x masterauth y', /ERR|OK/);
    await type(t, 'echo visible', '"visible"');
    await t.key('C-d');
    await new Promise((r) => setTimeout(r, 300));
    const text = readFileSync(histfile, 'utf8');
    expect(text).toBe('ping\necho visible\n');
    expect(statSync(histfile).mode & 0o777).toBe(0o600);
    await command(server, ['CONFIG', 'SET', 'requirepass', PASSWORD], { password: 'x' }).catch(() => undefined);
  });

  it('TERM=dumb gets a plain prompt with no editing or hints, like linenoise', async () => {
    const t = await shell([], { TERM: 'dumb' });
    await t.send('get ');
    expect(await t.screen({ escapes: true })).not.toMatch(/\x1b\[(0;)?90m/);
    await t.send('nosuchkey');
    await type(t, '', `(nil)\n${prompt()}>`);
  });

  it('completes command names and shows argument hints', async () => {
    const t = await shell();
    await t.send('client kil');
    await t.key('Tab');
    await t.waitFor(`${prompt()}> CLIENT KILL`);
    await t.key('C-u');
    await t.send('get ');
    const colored = await t.screen({ escapes: true });
    expect(colored).toMatch(/get \x1b\[(0;)?90m.*key/);
  });
});

describe('shell guards, timing and streams', () => {
  it('--read-only refuses write commands before sending them', async () => {
    const t = await shell(['--read-only']);
    await type(t, 'set guarded 1', "(error) eredis: --read-only refuses 'set', a write command; it was not sent");
    await type(t, 'get guarded', '(nil)');
    expect(await command(server, ['EXISTS', 'guarded'], { password: PASSWORD })).toBe(0);
  });

  it('--confirm asks before FLUSHALL; answering no sends nothing', async () => {
    await command(server, ['SET', 'precious', '1'], { password: PASSWORD });
    const t = await shell(['--confirm']);
    await t.send('flushall');
    await t.key('Enter');
    await t.waitFor(/FLUSHALL: .*Send it to/);
    await t.send('n');
    await t.key('Enter');
    await t.waitFor('(not sent)');
    expect(await command(server, ['EXISTS', 'precious'], { password: PASSWORD })).toBe(1);
  });

  it('prints how long a slow command took, unless --no-timing', async () => {
    const t = await shell();
    await type(t, 'debug sleep 0.6', /OK\n\(0\.[6-9]\ds\)/);
    await t.close();
    const quiet = await shell(['--no-timing']);
    const screen = await type(quiet, 'debug sleep 0.6', /OK\n127/);
    expect(screen).not.toMatch(/\(\d\.\d\ds\)/);
  });

  it('SUBSCRIBE streams messages until Ctrl-C, then returns to the prompt', async () => {
    const t = await shell();
    await type(t, 'subscribe news', 'Reading messages... (press Ctrl-C to quit)');
    await t.waitFor('3) (integer) 1');
    await command(server, ['PUBLISH', 'news', 'hello'], { password: PASSWORD });
    await t.waitFor('3) "hello"');
    await t.key('C-c');
    await type(t, 'ping', /PONG\n127\.0\.0\.1:\d+>$/);
  });
});

describe('MONITOR', () => {
  it('streams until Ctrl-C and ends with the timing line, like redis-cli', async () => {
    const t = await shell();
    await type(t, 'monitor', 'OK');
    await command(server, ['SET', 'watched', '1'], { password: PASSWORD });
    await t.waitFor(/"set" "watched" "1"/i);
    await t.key('C-c');
    await t.waitFor(/\^C\(\d+\.\d\ds\)\n127\.0\.0\.1:\d+>$/);
    expect(await t.screen()).not.toContain('Reading messages');
  });

  it('a MONITOR whose server goes away ends with the error once; the next command reconnects and runs', async () => {
    const t = await shell();
    await type(t, 'monitor', 'OK');
    await server.kill();
    await t.waitFor(/Error: (Server closed the connection|Connection reset by peer)\n(127\.0\.0\.1:\d+|not connected)>$/);
    await server.restart();
    const screen = await type(t, 'ping', /PONG\n127\.0\.0\.1:\d+>$/);
    expect(screen.match(/Error: /g)).toHaveLength(1);
  });
});

describe('cluster redirects (-c) over TLS', () => {
  let cluster: ClusterSetup;
  beforeAll(async () => { cluster = await startTlsCluster({ masters: 3 }); });
  afterAll(async () => { await cluster?.stop(); });

  it('prints the redirect and the prompt follows the node', async () => {
    const first = cluster.nodes[0];
    const slots = new Map<string, number>();
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) slots.set(k, await cluster.keySlot(k));
    const key = [...slots.keys()].find((k) => cluster.nodeForSlot(slots.get(k)!) !== first)!;
    const slot = slots.get(key)!;
    const target = cluster.nodeForSlot(slot);
    const { REDISCLI_AUTH: _unused, ...noPassword } = env();
    tty = await startTty([EREDIS_BIN, '-c', ...tlsArgs(certs, first)], { env: noPassword, cols: 100, rows: 30 });
    await tty.waitFor(`127.0.0.1:${first.port}>`);
    await type(tty, `set ${key} redirected`, `-> Redirected to slot [${slot}] located at 127.0.0.1:${target.port}\nOK\n127.0.0.1:${target.port}>`);
  });
});

describe('cluster batches (-c) on stdin', () => {
  let cluster: ClusterSetup;
  beforeAll(async () => { cluster = await startTlsCluster({ masters: 3 }); });
  afterAll(async () => { await cluster?.stop(); });

  it('follow redirects silently and print what redis-cli prints', async () => {
    const input = 'set a 1\nset b 2\nset c 3\nget a\nget b\nget c\nmget a b\n';
    const args = ['-c', ...tlsArgs(certs, cluster.nodes[0])];
    const ours = await runEredis(args, { input });
    expect(ours.stdout.toString()).toMatch(/^(-> Redirected to slot \[\d+\] located at 127\.0\.0\.1:\d+\n)?OK\n/);
    expect(ours.stdout.toString()).toContain("CROSSSLOT Keys in request don't hash to the same slot\n\n");
    if (hasRedisCli()) expect(ours.stdout.toString()).toBe((await runRedisCli(args, { input })).stdout.toString());
  });

  it('pipelines single-key commands per node, with the same output as redis-cli one at a time', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) lines.push(i % 3 === 2 ? `get key:${i - 1}` : `set key:${i} v${i}`);
    lines.splice(300, 0, 'ping', 'mget key:0 key:1', 'dbsize', 'get "unbalanced', 'incr key:3');
    const input = `${lines.join('\n')}\n`;
    const args = ['-c', ...tlsArgs(certs, cluster.nodes[1])];
    for (const node of cluster.nodes) await command(node, ['FLUSHALL']);
    const ours = await runEredis(args, { input });
    expect(ours.stdout.toString()).toContain('-> Redirected to slot');
    expect(ours.stderr).toBe('');
    if (hasRedisCli()) {
      for (const node of cluster.nodes) await command(node, ['FLUSHALL']);
      const theirs = await runRedisCli(args, { input });
      expect(ours.stdout.toString()).toBe(theirs.stdout.toString());
    }
  });
});
