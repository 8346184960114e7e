// A reply cut off half-way by a lost connection (a proxy to a real server drops it after its first element): nothing
// of it is printed, as redis-cli prints nothing of a reply it did not read whole.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { command } from '../support/client.js';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { runEredis } from '../support/run.js';

let server: RedisServer;
let proxy: CuttingProxy | undefined;

beforeAll(async () => {
  server = await startRedis({ tls: false });
  await command(server, ['RPUSH', 'l', 'first', 'second', 'third', 'fourth']);
});
beforeEach(async () => {
  await proxy?.close();
  // The reply to LRANGE is `*4\r\n$5\r\nfirst\r\n...`: cut 20 bytes into it, after its first element.
  proxy = await startCuttingProxy({ host: server.host, port: server.port }, '*4\r\n$5\r\nfirst', 20);
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

const viaProxy = (args: string[], input?: string) => runEredis(['-h', proxy!.host, '-p', String(proxy!.port), ...args], { input });

describe('a reply cut off by a lost connection', () => {
  // PING runs first and alone; both LRANGEs are then in flight on the connection that is cut.
  it.each([['--no-raw', 'PONG\n'], ['--raw', 'PONG\n'], ['--csv', '"PONG"\n'], ['--json', '"PONG"\n']])(
    '%s batch: nothing of it is printed, one error line for it and one for the line after it',
    async (mode, pong) => {
      const r = await viaProxy([mode], 'ping\nlrange l 0 -1\nlrange l 0 -1\n');
      expect(r.stdout.toString()).toBe(pong);
      expect(r.stderr).toBe('Error: Server closed the connection\n'
        + 'Error: Server closed the connection (it was in flight: it may or may not have run)\n');
    });

  it('one-shot: nothing on stdout, the error on stderr, exit 1', async () => {
    const r = await viaProxy(['--no-raw', 'lrange', 'l', '0', '-1']);
    expect(r.stdout.toString()).toBe('');
    expect(r.stderr).toBe('Error: Server closed the connection\n');
    expect(r.code).toBe(1);
  });
});
