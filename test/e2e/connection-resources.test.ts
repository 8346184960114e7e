// Reconnecting must release each old socket's native TLS state and handle: nothing piles up over 50 reconnects.
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session } from '../../src/session/session.js';
import { prepareTls } from '../../src/net/tls.js';
import { testCerts } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';

let server: RedisServer;

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});

/** Active handles by kind ('TLSWrap', 'TCPSocketWrap', ...), after the event loop had a moment to close them. */
async function resources(): Promise<Record<string, number>> {
  await sleep(50);
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

it('50 reconnects of a TLS session leave no more active resources than one connection', async () => {
  const certs = await testCerts();
  const tls = prepareTls({ cacert: certs.caCert, insecure: false, verify: 'full' });
  const session = new Session({
    target: { host: server.host, port: server.port, tls }, timeoutMs: 5000, db: 0, hello3: 'off', cluster: false,
    credentials: {}, warn: () => undefined, viaFor: () => undefined,
  });
  await session.connect();
  expect((await session.execute([Buffer.from('PING')])).type).toBe('simple');
  const once = await resources();
  // White-box: the sockets themselves. Node frees a TLS socket's OpenSSL state from its own 'close' listener, so
  // eredis must leave that listener in place (removing only its own), and must destroy every socket it replaces.
  const socketOf = (s: Session) => (s.linkNow()!.conn as unknown as { socket: TLSSocket & { ssl: unknown } }).socket;
  const nodeListener = (socket: TLSSocket) => socket.listeners('close').some((f) => f.name === 'onSocketCloseDestroySSL');
  expect(nodeListener(socketOf(session))).toBe(true);
  const old = [socketOf(session)];
  for (let i = 0; i < 50; i++) {
    await session.connect();
    old.push(socketOf(session));
  }
  expect((await session.execute([Buffer.from('PING')])).type).toBe('simple');
  // Nothing piles up: no kind of handle has more instances than with one connection.
  const after = await resources();
  expect(Object.entries(after).filter(([kind, n]) => n > (once[kind] ?? 0))).toEqual([]);
  const current = old.pop()!;
  expect(old.filter((s) => !s.destroyed || s.ssl !== null)).toHaveLength(0);
  expect(current.ssl).not.toBeNull();
  expect(nodeListener(current)).toBe(true);
  session.close();
});
