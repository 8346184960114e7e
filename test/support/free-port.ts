// Free loopback TCP ports for test servers: bind port 0, read the port the kernel chose, close, hand it out.
import net from 'node:net';

/** Ports already handed out by this process, so two servers in one test file never get the same one. */
const handedOut = new Set<number>();

function probe(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ host, port: 0, exclusive: true }, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

/**
 * A loopback port that was free a moment ago and has not been returned before by this process.
 * Another process may still grab it before the caller binds it; startRedis retries with fresh ports
 * when redis-server reports "Address already in use".
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await probe(host);
    if (port > 0 && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: could not find an unused loopback port after 50 attempts');
}

/** Several distinct free ports at once. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await freePort(host));
  return ports;
}

/** True when nothing accepts TCP connections on host:port (used to check that a killed server is really gone). */
export function isPortClosed(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (closed: boolean) => {
      sock.destroy();
      resolve(closed);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(false));
    sock.once('error', () => done(true));
  });
}
