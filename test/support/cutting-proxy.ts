// A TCP proxy to a real server that cuts its first connection off in the middle of a reply: `keep` bytes after the
// first place `marker` appears in what the server sends, then the connection closes (a node dying mid-reply).
// Later connections pass through untouched.
import net from 'node:net';

export interface CuttingProxy {
  host: '127.0.0.1';
  port: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: { host: string; port: number }, marker: string, keep: number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  let first = true;
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const cut = first;
    first = false;
    let left = -1;
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
    client.on('data', (d: Buffer) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (!cut || client.writableEnded) return void (client.writableEnded || client.write(d));
      const at = left < 0 ? d.indexOf(marker) : 0;
      if (at < 0) return void client.write(d);
      if (left < 0) left = keep;
      const upTo = Math.min(d.length, at + left);
      client.write(d.subarray(0, upTo));
      left -= upTo - at;
      if (left <= 0) client.end(() => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
