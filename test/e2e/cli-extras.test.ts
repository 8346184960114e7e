// Smaller user-facing paths: unix sockets, `groups`/`describe` tables, --via-map parsing, the chooser, `npm run demo`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { startElastiCacheApi, cmdGroup, serverlessCache, standInEnv, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { EREDIS_BIN, REPO_ROOT, hasRedisCli, runEredis, runProcess, runRedisCli, tempHome } from '../support/run.js';
import { startTty } from '../support/tty.js';
import { parseViaMap, lookupVia, parseHostPort } from '../../src/settings/via.js';

let unix: RedisServer;
let api: ElastiCacheApiStandIn;
let home: { dir: string; remove(): Promise<void> };

beforeAll(async () => {
  [unix, home] = await Promise.all([startRedis({ tls: false, unixSocket: true }), tempHome()]);
  api = await startElastiCacheApi({
    groups: [
      cmdGroup({ id: 'ssltest', tls: true, authToken: true, primary: { host: '127.0.0.1', port: unix.port } }),
      cmdGroup({ id: 'plain-one', tls: false, authToken: false, primary: { host: '127.0.0.1', port: unix.port } }),
    ],
    serverless: [serverlessCache({ name: 'sless' })],
  });
});

afterAll(async () => {
  await Promise.all([unix?.stop(), api?.close(), home?.remove()]);
});

const awsEnv = () => standInEnv(api.url, home.dir) as Record<string, string>;

describe('unix socket', () => {
  it('-s connects through the socket, like redis-cli', async () => {
    const args = ['-s', unix.socketPath!, 'ping'];
    const r = await runEredis(args);
    expect(r.stdout.toString()).toBe('PONG\n');
    if (hasRedisCli()) expect(r.stdout.toString()).toBe((await runRedisCli(args)).stdout.toString());
  });
});

describe('groups and describe', () => {
  it('eredis groups prints a table of replication groups and serverless caches', async () => {
    const r = await runEredis(['groups'], { env: awsEnv() });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.toString();
    for (const text of ['ssltest', 'plain-one', 'sless', 'serverless']) expect(out).toContain(text);
    expect(out).toMatch(/^┌─+┬/); // the borders arrive as UTF-8, not cut to one byte per character
  });

  it('eredis describe -g NAME prints its nodes', async () => {
    const r = await runEredis(['describe', '-g', 'ssltest'], { env: awsEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toMatch(/│ ssltest-001 *│ primary/);
  });

  it('shell completion lists cache names, then serves them from its cache', async () => {
    const first = await runEredis(['__complete', 'groups'], { env: awsEnv() });
    expect(first.stdout.toString()).toBe('plain-one\nsless\nssltest\n');
    const calls = api.calls.length;
    const again = await runEredis(['__complete', 'groups'], { env: awsEnv() });
    expect(again.stdout.toString()).toBe(first.stdout.toString());
    expect(api.calls.length).toBe(calls);
    const broken = await runEredis(['__complete', 'groups', '--region', 'eu-west-1'], { env: { ...awsEnv(), AWS_ENDPOINT_URL_ELASTICACHE: 'http://127.0.0.1:1' } });
    expect(broken.stdout.toString() + broken.stderr).toBe('');
  });

  it('eredis -g with no name on a terminal offers a choice, then connects', async () => {
    const tty = await startTty([EREDIS_BIN, '-g'], { env: awsEnv(), cols: 120, rows: 30 });
    try {
      await tty.waitFor('plain-one');
      // Sorted by name: plain-one is first and already highlighted.
      await tty.key('Enter');
      await tty.waitFor(`127.0.0.1:${unix.port}>`);
    } finally {
      await tty.close();
    }
  });
});

describe('--via and --via-map', () => {
  it('parses port forwards and finds them by host:port, then by host', () => {
    expect(parseHostPort(':6380', '--via')).toEqual({ host: '127.0.0.1', port: 6380 });
    const map = parseViaMap('node-1.example.com:6379=127.0.0.1:7001,node-2.example.com=localhost:7002');
    expect(lookupVia(map, 'node-1.example.com', 6379)).toEqual({ host: '127.0.0.1', port: 7001 });
    expect(lookupVia(map, 'NODE-2.example.com', 6390)).toEqual({ host: 'localhost', port: 7002 });
    expect(lookupVia(map, 'node-3.example.com', 6379)).toBeUndefined();
    expect(() => parseViaMap('nonsense')).toThrow("eredis: --via-map wants NODE=HOST:PORT[,...], got 'nonsense'");
  });
});

describe('npm run demo', () => {
  it('runs one command against the local ssltest stand-in and stops everything', async () => {
    const r = await runProcess(process.execPath, ['scripts/run-ts.mjs', 'scripts/demo.ts', 'PING'], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(r.stdout.toString(), r.stderr).toBe('PONG\n');
    expect(r.code).toBe(0);
  });
});
