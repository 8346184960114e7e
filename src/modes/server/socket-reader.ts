// Pull-style reads from a socket handed over by Connection.detach(): chunks in order, bytes can be pushed back.
import type { Socket } from 'node:net';

export class SocketReader {
  private readonly chunks: Buffer[] = [];
  private waiter?: () => void;
  private ended = false;

  /** Attach at once after detach(): data arriving before the first 'data' listener would be lost. */
  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.wake();
    });
    socket.on('end', () => this.end());
    socket.on('close', () => this.end());
    socket.on('error', () => this.end());
  }

  private end(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /** The next bytes that arrived, or undefined once the connection is closed and everything was read. */
  async next(): Promise<Buffer | undefined> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) return chunk;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
  }

  /** Puts bytes back in front of what is still to be read. */
  unshift(bytes: Buffer): void {
    if (bytes.length > 0) this.chunks.unshift(bytes);
  }

  write(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  close(): void {
    this.socket.destroy();
  }
}
