// A TCP proxy that behaves like a tunnel to another region: half the round trip added each way, and a bandwidth cap
// per direction (bytes leave one after another at that rate). For time-to-prompt tests and bench/prompt.ts; also a
// script: `node scripts/run-ts.mjs test/support/slow-link.ts HOST:PORT [RTT_MS] [BYTES_PER_SEC]` prints its port.
import net from 'node:net';
import { basename } from 'node:path';

export interface SlowLinkOptions {
  /** Where connections go. */
  target: { host: string; port: number };
  /** Added round trip, split evenly between the two directions (default 80 ms). */
  rttMs?: number;
  /** Bandwidth per direction and connection (default 2 MB/s). */
  bytesPerSec?: number;
}

export interface SlowLink {
  host: '127.0.0.1';
  port: number;
  /** Bytes that went from the server to clients (to tell when a big reply has passed). */
  readonly downBytes: number;
  /** Closes the listener and every connection. */
  close(): Promise<void>;
}

/** Pieces a chunk is cut into, so a big write trickles out at the rate instead of arriving all at once. */
const PIECE = 4096;

/** One direction: each byte waits for the link to be free, takes 1/rate on it, then the one-way delay. */
class Lane {
  private readonly queue: Array<{ at: number; bytes: Buffer }> = [];
  private linkFreeAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly to: net.Socket, private readonly delayMs: number, private readonly bytesPerSec: number,
    private readonly count: (n: number) => void = () => undefined) {}

  push(chunk: Buffer): void {
    const now = performance.now();
    for (let at = 0; at < chunk.length; at += PIECE) {
      const bytes = Buffer.from(chunk.subarray(at, at + PIECE));
      this.linkFreeAt = Math.max(now, this.linkFreeAt) + (bytes.length * 1000) / this.bytesPerSec;
      this.queue.push({ at: this.linkFreeAt + this.delayMs, bytes });
    }
    this.schedule();
  }

  /** Ends the far side once everything queued has been delivered. */
  end(): void {
    this.queue.push({ at: Math.max(performance.now(), this.linkFreeAt) + this.delayMs, bytes: Buffer.alloc(0) });
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = performance.now();
      while (this.queue.length > 0 && this.queue[0]!.at <= now + 0.5) {
        const { bytes } = this.queue.shift()!;
        if (bytes.length === 0) this.to.end();
        else if (!this.to.destroyed) {
          this.to.write(bytes);
          this.count(bytes.length);
        }
      }
      this.schedule();
    }, Math.max(0, this.queue[0]!.at - performance.now()));
  }
}

export async function startSlowLink(o: SlowLinkOptions): Promise<SlowLink> {
  const oneWay = (o.rttMs ?? 80) / 2;
  const rate = o.bytesPerSec ?? 2_000_000;
  const sockets = new Set<net.Socket>();
  let down = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(o.target.port, o.target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const up = new Lane(upstream, oneWay, rate);
    const back = new Lane(client, oneWay, rate, (n) => { down += n; });
    for (const s of [client, upstream]) sockets.add(s);
    const shut = () => {
      up.stop();
      back.stop();
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (d: Buffer) => up.push(d));
    upstream.on('data', (d: Buffer) => back.push(d));
    client.on('end', () => up.end());
    upstream.on('end', () => back.end());
    client.on('error', shut);
    upstream.on('error', shut);
    client.on('close', () => upstream.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    get downBytes() { return down; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

// Run as a script: a link to HOST:PORT until Ctrl-C.
if (/^slow-link\.[cm]?[jt]s$/.test(basename(process.argv[1] ?? ''))) {
  const [hostPort, rtt, rate] = process.argv.slice(2);
  const m = /^(.*):(\d+)$/.exec(hostPort ?? '');
  if (!m) {
    console.error('usage: slow-link HOST:PORT [RTT_MS] [BYTES_PER_SEC]');
    process.exit(2);
  }
  const link = await startSlowLink({
    target: { host: m[1]!, port: Number(m[2]) }, rttMs: rtt ? Number(rtt) : undefined, bytesPerSec: rate ? Number(rate) : undefined,
  });
  console.log(`slow link on 127.0.0.1:${link.port} -> ${hostPort}`);
}
