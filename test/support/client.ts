// Independent clients (the `redis` npm package, or a raw socket) for seeding and checking servers without eredis.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { createClient, createCluster } from 'redis';
import type { RedisServer } from './redis-server.js';
import { parseInfo } from './wait.js';

export type TestClient = ReturnType<typeof createClient>;
export type TestClusterClient = ReturnType<typeof createCluster>;

export interface ClientOptions {
  /** Defaults to the server's password; pass null to connect without AUTH. */
  password?: string | null;
  username?: string;
  /** Use the plain TCP port (server started with `plain`) instead of TLS. */
  plain?: boolean;
  /** TLS SNI / hostname to verify against (default: none, the IP is verified against the IP SAN). */
  servername?: string;
  /** Verify the server certificate (default: only when the server presents the good certificate). */
  verify?: boolean;
  /** CA file to trust (default: the test CA). */
  ca?: string;
  /** RESP protocol version (default 2). */
  resp?: 2 | 3;
  /** Reconnect after the connection drops (default: no, an error surfaces instead). */
  reconnect?: boolean;
}

const caCache = new Map<string, Buffer>();
const readCa = (file: string) => caCache.get(file) ?? caCache.set(file, readFileSync(file)).get(file)!;

function socketOptions(server: RedisServer, port: number, opts: ClientOptions) {
  const base = {
    host: server.host,
    port,
    connectTimeout: 5000,
    reconnectStrategy: opts.reconnect ? (retries: number) => Math.min(50 * 2 ** retries, 1000) : (false as const),
  };
  if (opts.plain || !server.tls) return { ...base, tls: false as const };
  return {
    ...base,
    tls: true as const,
    ca: readCa(opts.ca ?? server.certs.caCert),
    rejectUnauthorized: opts.verify ?? server.tlsCert === 'good',
    ...(opts.servername ? { servername: opts.servername } : {}),
  };
}

/** A connected `redis` client for this server. Close it with `closeClient` (or use `withClient`). */
export async function connectClient(server: RedisServer, opts: ClientOptions = {}): Promise<TestClient> {
  const port = opts.plain ? server.plainPort : server.port;
  if (port === undefined) throw new Error('connectClient: server was started without a plain port');
  const password = opts.password === null ? undefined : (opts.password ?? server.password);
  const client = createClient({
    socket: socketOptions(server, port, opts),
    ...(password !== undefined ? { password } : {}),
    ...(opts.username ? { username: opts.username } : {}),
    ...(opts.resp ? { RESP: opts.resp } : {}),
  }) as TestClient;
  // Without a listener an 'error' event (e.g. the server was killed) would crash the test process.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Closes a client quietly whatever its state (already closed, server gone). */
export async function closeClient(client: TestClient | TestClusterClient | undefined): Promise<void> {
  if (!client) return;
  try {
    if (client.isOpen) await client.close();
  } catch {
    try {
      client.destroy();
    } catch {
      /* already gone */
    }
  }
}

/** Connects, runs fn, and always closes the client. */
export async function withClient<T>(
  server: RedisServer,
  fn: (client: TestClient) => Promise<T>,
  opts?: ClientOptions,
): Promise<T> {
  const client = await connectClient(server, opts);
  try {
    return await fn(client);
  } finally {
    await closeClient(client);
  }
}

/** Runs one raw command (argv as strings) on the server and returns the reply. */
export function command<T = unknown>(server: RedisServer, argv: string[], opts?: ClientOptions): Promise<T> {
  return withClient(server, (c) => c.sendCommand<T>(argv), opts);
}

/** INFO [section] parsed into `field -> value`. */
export async function info(server: RedisServer, section?: string): Promise<Record<string, string>> {
  const text = await withClient(server, (c) => c.info(section));
  return parseInfo(String(text));
}

/** A connected `redis` cluster client seeded from the given nodes (TLS with the test CA, their password). */
export async function connectClusterClient(nodes: RedisServer[]): Promise<TestClusterClient> {
  const first = nodes[0];
  if (!first) throw new Error('connectClusterClient: no nodes');
  const password = first.password;
  const { host: _host, port: _port, ...tlsDefaults } = socketOptions(first, first.port, {});
  const cluster = createCluster({
    rootNodes: nodes.map((n) => ({ socket: socketOptions(n, n.port, {}) })),
    defaults: {
      socket: tlsDefaults,
      ...(password !== undefined ? { password } : {}),
    },
  }) as TestClusterClient;
  cluster.on('error', () => {});
  await cluster.connect();
  return cluster;
}

/**
 * Writes raw bytes to the server (TLS unless `plain`, certificate not verified) and collects what comes back
 * until `done(received)` is true; for checking exact wire bytes, e.g. RESP3 types after `HELLO 3`.
 */
export function rawExchange(
  server: RedisServer,
  payload: string | Buffer,
  done: (received: Buffer) => boolean,
  opts: { plain?: boolean; timeoutMs?: number } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const useTls = server.tls && !opts.plain;
    const port = opts.plain ? server.plainPort : server.port;
    const sock = useTls
      ? tls.connect({ host: server.host, port, rejectUnauthorized: false })
      : net.connect({ host: server.host, port: port! });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error(`rawExchange: timeout; got ${JSON.stringify(String(received))}`)),
      opts.timeoutMs ?? 5000);
    function finish(err?: Error) {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(received);
    }
    sock.once(useTls ? 'secureConnect' : 'connect', () => sock.write(payload));
    sock.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
      if (done(received)) finish();
    });
    sock.once('error', (e) => finish(e));
  });
}
