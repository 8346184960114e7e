// A silent node in the shell and in one-shot runs: a command on a stopped server (SIGSTOP) comes back with one line
// naming the node, not a hang; a blocking command on a healthy server keeps waiting past the reply timeout.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { spawnGuarded } from '../support/child-guard.js';
import { command } from '../support/client.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { baseEnv, EREDIS_BIN, REPO_ROOT, tempHome, tlsArgs } from '../support/run.js';
import { startTty, type Tty } from '../support/tty.js';
import { waitUntil } from '../support/wait.js';

let certs: Certs;
let server: RedisServer;
let home: { dir: string; remove(): Promise<void> };
let tty: Tty | undefined;

beforeAll(async () => {
  certs = await testCerts();
  [server, home] = await Promise.all([startRedis({ tls: true }), tempHome()]);
});
afterEach(async () => {
  process.kill(server.pid, 'SIGCONT');
  await tty?.close();
  tty = undefined;
});
afterAll(async () => {
  await Promise.all([server?.stop(), home?.remove()]);
});

const SILENT = /Error: 127\.0\.0\.1:\d+ stopped answering: no reply for 1s, nor to a PING on a new connection/;

describe('the shell with --reply-timeout 1', () => {
  it('BLPOP k 0 keeps waiting past the timeout; GET on a stopped server comes back with the one line', async () => {
    tty = await startTty([EREDIS_BIN, ...tlsArgs(certs, server), '--reply-timeout', '1'], { env: { HOME: home.dir, TERM: 'xterm-256color' }, cols: 120, rows: 30 });
    const prompt = `127.0.0.1:${server.port}>`;
    await tty.waitFor(prompt);
    await tty.send('blpop silent:k 0');
    await tty.key('Enter');
    await waitUntil(async () => String(await command(server, ['CLIENT', 'LIST'])).includes('cmd=blpop'), { what: 'BLPOP to block' });
    // Longer than the timeout and a probe: a blocking command on a healthy server is left alone.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await tty.screen()).not.toMatch(/stopped answering/);
    await command(server, ['LPUSH', 'silent:k', 'v']);
    await tty.waitFor(/1\) "silent:k"\n2\) "v"\n\(\d+\.\d\ds\)\n.*>$/);
    process.kill(server.pid, 'SIGSTOP');
    await tty.send('get silent:k');
    await tty.key('Enter');
    const screen = await tty.waitFor(new RegExp(`${SILENT.source}\\n(not connected|${prompt.slice(0, -1)})>$`), 20_000);
    expect(screen.match(/stopped answering/g)).toHaveLength(1);
  }, 60_000);
});

describe('one-shot with --reply-timeout 1', () => {
  it('a command on a server stopped after the first reply: the one line, exit 1', async () => {
    const run = pinging([...tlsArgs(certs, server), '--reply-timeout', '1']);
    await waitUntil(() => run.out().includes('PONG\n'), { what: 'the first PONG' });
    process.kill(server.pid, 'SIGSTOP');
    expect(await run.code).toBe(1);
    expect(run.err()).toMatch(new RegExp(`^${SILENT.source}\\n$`));
  }, 30_000);

  it('a connection muted on the way (a NAT that forgot it) while the server answers elsewhere: given up, exit 1', async () => {
    const proxy = await startMutingProxy(server.port);
    try {
      const run = pinging(['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(proxy.port), '--reply-timeout', '1']);
      await waitUntil(() => run.out().includes('PONG\n'), { what: 'the first PONG' });
      proxy.mute();
      expect(await run.code).toBe(1);
      expect(run.err()).toMatch(/^Error: 127\.0\.0\.1:\d+: no reply for 1s 3 times while it answers on a new connection: this connection was lost\n$/);
    } finally {
      await proxy.close();
    }
  }, 30_000);
});

/** One-shot PING every 100 ms (100 times) in the background: what it printed so far, and its exit code. */
function pinging(args: string[]): { out(): string; err(): string; code: Promise<number | null> } {
  const child = spawnGuarded(EREDIS_BIN, [...args, '-r', '100', '-i', '0.1', 'PING'], {
    cwd: REPO_ROOT, env: { ...baseEnv(), HOME: home.dir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  return { out: () => out, err: () => err, code: new Promise((resolve) => child.once('close', resolve)) };
}

/** A TCP proxy whose mute() silences the connections it carries now, both ways, without closing them. */
async function startMutingProxy(port: number): Promise<{ port: number; mute(): void; close(): Promise<void> }> {
  const open = new Set<{ muted: boolean; sockets: net.Socket[] }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    const pair = { muted: false, sockets: [client, upstream] };
    open.add(pair);
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      from.on('error', () => undefined);
      from.on('data', (d: Buffer) => { if (!pair.muted) to.write(d); });
      from.on('close', () => { to.destroy(); open.delete(pair); });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    mute: () => { for (const pair of open) pair.muted = true; },
    close: () => new Promise<void>((resolve) => {
      for (const pair of open) for (const s of pair.sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
