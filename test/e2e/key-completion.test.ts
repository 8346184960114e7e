// Key-name completion in a real terminal (tmux) against real TLS servers: SCAN on the node, on every master of a
// cluster, names typed earlier, escaped globs, and typing that never waits for a slow or failing SCAN.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { command } from '../support/client.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { EREDIS_BIN, tempHome, tlsArgs } from '../support/run.js';
import { startTlsCluster, type ClusterSetup } from '../support/topologies.js';
import { startTty, type Tty } from '../support/tty.js';

const PASSWORD = 'keys-password-0123456789';
let certs: Certs;
let server: RedisServer;
let home: { dir: string; remove(): Promise<void> };
let tty: Tty | undefined;

beforeAll(async () => {
  certs = await testCerts();
  [server, home] = await Promise.all([startRedis({ tls: true, password: PASSWORD }), tempHome()]);
  await command(server, ['MSET', 'user:1000', 'alice', 'other', '1', 'q?1', 'literal', 'qa1', 'glob']);
});
afterEach(async () => { await tty?.close(); tty = undefined; });
afterAll(async () => { await Promise.all([server?.stop(), home?.remove()]); });

function env(extra: Record<string, string | undefined>): Record<string, string> {
  const all: Record<string, string | undefined> = { HOME: home.dir, REDISCLI_AUTH: PASSWORD, EREDIS_HISTFILE: '', ...extra };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

type Extra = Record<string, string | undefined>;

async function shell(target: RedisServer, args: string[] = [], extra: Extra = {}): Promise<{ t: Tty; prompt: string }> {
  tty = await startTty([EREDIS_BIN, ...tlsArgs(certs, target), ...args], { env: env(extra), cols: 100, rows: 30 });
  const prompt = `127.0.0.1:${target.port}>`;
  await tty.waitFor(prompt);
  return { t: tty, prompt };
}

const lastLine = async (t: Tty) => (await t.screen()).split('\n').pop();

describe('key names on TAB', () => {
  it('GET us<TAB> completes user:1000, which exists on the server', async () => {
    const { t, prompt } = await shell(server);
    await t.send('get us');
    await t.key('Tab');
    await t.waitFor(`${prompt} get user:1000`);
    await t.key('Enter');
    await t.waitFor('"alice"');
  });

  it('escapes glob characters in the typed prefix (the SCAN sent is MATCH q\\?*)', async () => {
    await command(server, ['CONFIG', 'SET', 'slowlog-log-slower-than', '0']);
    await command(server, ['SLOWLOG', 'RESET']);
    try {
      const { t, prompt } = await shell(server);
      await t.send('get q?');
      await t.key('Tab');
      await t.waitFor(`${prompt} get q?1`);
      const log = await command<Array<[number, number, number, string[]]>>(server, ['SLOWLOG', 'GET', '128']);
      const scans = log.map((entry) => entry[3]).filter((args) => String(args[0]).toUpperCase() === 'SCAN');
      expect(scans).toEqual([['SCAN', '0', 'MATCH', 'q\\?*', 'COUNT', '1000']]);
      // The other key q?* would match unescaped (qa1) is never offered: TAB goes back to the typed line.
      await t.key('Tab');
      await t.waitFor(new RegExp(`${prompt.replace(/\./g, '\\.')} get q\\?$`));
    } finally {
      await command(server, ['CONFIG', 'SET', 'slowlog-log-slower-than', '10000']);
    }
  });

  it('offers key names typed earlier in the session, even ones the server no longer has', async () => {
    const { t, prompt } = await shell(server);
    await t.send('set typed:only 1');
    await t.key('Enter');
    await t.waitFor('OK');
    await t.send('del typed:only');
    await t.key('Enter');
    await t.waitFor('(integer) 1');
    await t.send('get typ');
    await t.key('Tab');
    await t.waitFor(`${prompt} get typed:only`);
  });

  it('a slow SCAN never holds typing up, and its late answer never changes the line', async () => {
    const { t, prompt } = await shell(server);
    const asleep = command(server, ['DEBUG', 'SLEEP', '3']);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await t.send('get us');
    await t.key('Tab');
    await t.send('er:1');
    await t.waitFor(`${prompt} get user:1`, 1500);
    expect(Date.now() - started).toBeLessThan(1500); // the server sleeps for 2.7 s more
    await asleep;
    await new Promise((r) => setTimeout(r, 500));
    expect(await lastLine(t)).toBe(`${prompt} get user:1`);
    await t.send('000');
    await t.key('Enter');
    await t.waitFor('"alice"');
  });

  it('a failing SCAN (no permission) prints nothing into the line', async () => {
    const guarded = await startRedis({ tls: true, password: PASSWORD, aclUsers: ['alice on >alice-pw ~* +@all -scan'] });
    try {
      await command(guarded, ['SET', 'user:1000', 'x']);
      const { t, prompt } = await shell(guarded, ['--user', 'alice'], { REDISCLI_AUTH: 'alice-pw' });
      await t.send('get us');
      await t.key('Tab');
      await new Promise((r) => setTimeout(r, 600));
      expect(await t.screen()).not.toMatch(/NOPERM|error|Error/);
      expect(await lastLine(t)).toBe(`${prompt} get us`);
      await t.send('er:1000');
      await t.key('Enter');
      await t.waitFor('"x"');
    } finally {
      await tty?.close();
      tty = undefined;
      await guarded.stop();
    }
  });
});

describe('key names on every shard (-c)', () => {
  let cluster: ClusterSetup;
  beforeAll(async () => { cluster = await startTlsCluster({ masters: 3 }); });
  afterAll(async () => { await cluster?.stop(); });

  it('offers the user: keys of all three masters', async () => {
    // One user: key per master, each set on its own node.
    const keys: string[] = [];
    const owners: RedisServer[] = [];
    for (let n = 0; keys.length < 3; n++) {
      const owner = cluster.nodeForSlot(await cluster.keySlot(`user:${n}`));
      if (owners.includes(owner)) continue;
      keys.push(`user:${n}`);
      owners.push(owner);
    }
    for (const [i, k] of keys.entries()) await command(owners[i]!, ['SET', k, `v${i}`]);
    const { t, prompt } = await shell(cluster.nodes[0]!, ['-c'], { REDISCLI_AUTH: undefined });
    await t.send('get user:');
    for (const k of [...keys].sort()) {
      await t.key('Tab');
      await t.waitFor(new RegExp(`${prompt.replace(/\./g, '\\.')} get ${k}$`));
    }
  });
});
