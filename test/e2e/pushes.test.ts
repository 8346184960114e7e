// RESP3 pushes printed by the production push printer, compared with redis-cli: client-tracking invalidations in TTY
// form (`-> invalidate: 'k'`) and raw form, pub/sub pushes in a subscription, and --show-pushes n hiding them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { command } from '../support/client.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { spawnGuarded } from '../support/child-guard.js';
import { baseEnv, EREDIS_BIN, hasRedisCli, runEredis, runRedisCli, tlsArgs } from '../support/run.js';
import { waitUntil } from '../support/wait.js';

let certs: Certs;
let server: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  server = await startRedis({ tls: true });
});

afterAll(async () => {
  await server?.stop();
});

/** A batch whose own SET invalidates a key it tracks: the server pushes `invalidate` before the SET's reply. */
const TRACKING = ['CLIENT TRACKING on', 'SET k:1 v1', 'GET k:1', 'SET k:1 v2', 'GET k:1', 'DEL k:1', 'PING', ''].join('\n');

async function both(flags: string[], input: string): Promise<string> {
  await command(server, ['FLUSHALL']);
  const ours = await runEredis([...tlsArgs(certs, server), ...flags], { input });
  expect(ours.stderr).toBe('');
  if (hasRedisCli()) {
    await command(server, ['FLUSHALL']);
    const theirs = await runRedisCli([...tlsArgs(certs, server), ...flags], { input });
    expect(ours.stdout.toString('latin1')).toBe(theirs.stdout.toString('latin1'));
  }
  return ours.stdout.toString('latin1');
}

describe('RESP3 pushes (--show-pushes)', () => {
  it('TTY form: invalidations print as `-> invalidate:` lines where redis-cli prints them', async () => {
    const out = await both(['-3', '--no-raw', '--show-pushes', 'y'], TRACKING);
    expect(out).toContain("-> invalidate: 'k:1'\n");
  });

  it('raw form: the push prints as a normal reply', async () => {
    const out = await both(['-3', '--raw', '--show-pushes', 'y'], TRACKING);
    expect(out).toContain('invalidate\nk:1\n');
  });

  it('a push after the last reply is never shown: redis-cli reads pushes only on the way to a reply', async () => {
    const out = await both(['-3', '--no-raw', '--show-pushes', 'y'], 'CLIENT TRACKING on\nGET k:1\nSET k:1 v1\n');
    expect(out).toBe('OK\n(nil)\nOK\n');
  });

  it.runIf(hasRedisCli())('an unknown --show-pushes value is warned about and the command still runs, as in redis-cli', async () => {
    const args = [...tlsArgs(certs, server), '--show-pushes', 'x', 'PING'];
    const [ours, theirs] = await Promise.all([runEredis(args), runRedisCli(args)]);
    expect(ours.stderr).toBe("Unknown --show-pushes value 'x' (valid: '[y]es', '[n]o')\n");
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.stdout.toString()).toBe(theirs.stdout.toString());
    expect(ours.code).toBe(theirs.code);
  });

  it('a push that comes while MONITOR streams is printed as it comes, as redis-cli reads it then', async () => {
    await command(server, ['FLUSHALL']);
    // The key expires on its own: its invalidation is pushed with no MONITOR line after it to bring it out.
    await command(server, ['SET', 'watched', 'soon-gone', 'PX', '400']);
    const child = spawnGuarded(EREDIS_BIN, [...tlsArgs(certs, server), '-3', '--show-pushes', 'y', '--no-raw'], { env: baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString('latin1'); });
    child.stdin!.write('CLIENT TRACKING on\nGET watched\nMONITOR\n');
    try {
      await waitUntil(async () => out.includes('"soon-gone"\nOK\n'), { timeoutMs: 5000, what: 'MONITOR to start' });
      await waitUntil(async () => out.endsWith("-> invalidate: 'watched'\n"), { timeoutMs: 5000, what: 'the push during MONITOR' });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('--show-pushes n prints none of them', async () => {
    const out = await both(['-3', '--no-raw', '--show-pushes', 'n'], TRACKING);
    expect(out).not.toContain('invalidate');
  });
});
