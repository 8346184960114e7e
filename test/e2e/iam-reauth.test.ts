// IAM connections are re-AUTHed with a fresh token before the token's age runs out, on every path (one-shot, --eval,
// stdin batch, shell, key-space modes), in-band before the next command, never inside MULTI. An injected clock
// (EREDIS_TEST_CLOCK_STEP_MS: 11 hours per reading) ages the token at once; MONITOR shows what each connection sent.
import { connect, type TLSSocket } from 'node:tls';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { spawnGuarded } from '../support/child-guard.js';
import { cmdGroup, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { baseEnv, EREDIS_BIN, REPO_ROOT, runEredis, tempHome } from '../support/run.js';
import { startTty } from '../support/tty.js';
import { waitUntil } from '../support/wait.js';

const ADMIN = 'admin-password-0123456789';
const ELEVEN_HOURS = String(11 * 60 * 60 * 1000);
let certs: Certs;
let server: RedisServer;
let api: ElastiCacheApiStandIn;
let home: { dir: string; remove(): Promise<void> };

beforeAll(async () => {
  certs = await testCerts();
  // The IAM user takes any token (ElastiCache checks its signature; a test server cannot); the default user is locked.
  [server, home] = await Promise.all([
    startRedis({ tls: true, aclUsers: [`default on >${ADMIN} ~* +@all`, 'iam-user-01 on nopass ~* +@all'] }),
    tempHome(),
  ]);
  api = await startElastiCacheApi({ groups: [cmdGroup({ id: 'iamgroup', tls: true, userGroupIds: ['ug1'], primary: { host: '127.0.0.1', port: server.port } })] });
});

afterAll(async () => {
  await Promise.all([server?.stop(), api?.close(), home?.remove()]);
});

const env = () => ({ ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, EREDIS_TEST_CLOCK_STEP_MS: ELEVEN_HOURS }) as Record<string, string>;
const iam = () => ['-g', 'iamgroup', '--refresh', '--iam', '--user', 'iam-user-01', '--cacert', certs.caCert];

/** MONITOR on the server: the commands each other connection sent, in order ("auth", "set", ...). */
async function monitor(): Promise<{ byClient(): string[][]; stop(): void }> {
  const socket: TLSSocket = connect({ host: '127.0.0.1', port: server.port, ca: readFileSync(certs.caCert), servername: 'localhost' });
  let text = '';
  socket.on('data', (d: Buffer) => { text += d.toString('latin1'); });
  socket.write(`AUTH default ${ADMIN}\r\nMONITOR\r\n`);
  await waitUntil(() => text.includes('+OK\r\n+OK\r\n'), { what: 'MONITOR to start' });
  return {
    byClient: () => {
      const clients = new Map<string, string[]>();
      for (const m of text.matchAll(/^\+\d+\.\d+ \[\d+ ([^\]]+)\] "([^"]*)"/gm)) {
        const list = clients.get(m[1]!) ?? [];
        list.push(m[2]!.toLowerCase());
        clients.set(m[1]!, list);
      }
      return [...clients.values()];
    },
    stop: () => socket.destroy(),
  };
}

/** Runs `work`, then the commands of the one connection (besides MONITOR's) that sent `marker`. */
async function commandsOf(marker: string, work: () => Promise<unknown>): Promise<string[]> {
  const mon = await monitor();
  try {
    await work();
    return await waitUntil(() => mon.byClient().find((c) => c.includes(marker)), { what: `a connection that sent ${marker}` });
  } finally {
    mon.stop();
  }
}

/** The command before `command`'s n-th occurrence. */
const before = (list: string[], command: string, n = 0) => list[list.map((c, i) => (c === command ? i : -1)).filter((i) => i >= 0)[n]! - 1];

describe('IAM: a token whose age ran out is renewed before the next command', () => {
  it('one-shot: AUTH at connect, then AUTH again before the command', async () => {
    const sent = await commandsOf('set', () => runEredis([...iam(), 'SET', 'iam:one', '1'], { env: env() }));
    expect(sent).toEqual(['auth', 'auth', 'set']);
  });

  it('--eval: the same before EVAL', async () => {
    const script = join(home.dir, 'iam.lua');
    writeFileSync(script, "return redis.call('INCR', KEYS[1])");
    const sent = await commandsOf('eval', () => runEredis([...iam(), '--eval', script, 'iam:eval'], { env: env() }));
    expect(sent.slice(0, 3)).toEqual(['auth', 'auth', 'eval']);
  });

  it('stdin batch: before the lines that follow a pause, never between MULTI and EXEC', async () => {
    const sent = await commandsOf('exec', async () => {
      const child = spawnGuarded(EREDIS_BIN, iam(), { cwd: REPO_ROOT, env: { ...baseEnv(), ...env() }, stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
      const closed = new Promise((resolve) => child.once('close', resolve));
      const chunk = async (text: string, replies: number) => {
        child.stdin!.write(text);
        await waitUntil(() => out.split('\n').length > replies, { what: `${replies} replies` });
      };
      await chunk('SET iam:a 1\nMULTI\n', 2);
      await chunk('SET iam:b 2\nINCR iam:c\n', 4);
      await chunk('EXEC\nGET iam:a\n', 7); // EXEC's two replies, then GET's
      child.stdin!.end();
      await closed;
    });
    expect(before(sent, 'set')).toBe('auth');
    const multi = sent.indexOf('multi');
    expect(sent.slice(multi, sent.indexOf('exec') + 1)).toEqual(['multi', 'set', 'incr', 'exec']);
    expect(before(sent, 'get')).toBe('auth');
  });

  it('--bigkeys: before every SCAN', async () => {
    const sent = await commandsOf('scan', () => runEredis([...iam(), '--bigkeys'], { env: env() }));
    const scans = sent.filter((c) => c === 'scan').length;
    expect(scans).toBeGreaterThan(0);
    for (let n = 0; n < scans; n++) expect(before(sent, 'scan', n)).toBe('auth');
  });

  it('shell: before each command typed', async () => {
    const sent = await commandsOf('get', async () => {
      const tty = await startTty([EREDIS_BIN, ...iam()], { env: env(), cols: 100, rows: 30 });
      try {
        await tty.waitFor(`127.0.0.1:${server.port}>`);
        await tty.send('set iam:s 1');
        await tty.key('Enter');
        await tty.waitFor('OK');
        await tty.send('get iam:s');
        await tty.key('Enter');
        await tty.waitFor('"1"');
      } finally {
        await tty.close();
      }
    });
    expect(before(sent, 'set')).toBe('auth');
    expect(before(sent, 'get')).toBe('auth');
  });
});
