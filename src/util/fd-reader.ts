// Reading a descriptor (stdin) into buffers we own and reuse, so a million-line input leaves no garbage behind;
// a non-blocking descriptor with nothing to read yet is waited on (backing off), never spun on.
import { read } from 'node:fs';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads up to buf.length bytes from fd into buf; resolves with the count, 0 at the end of the input. */
export async function readInto(fd: number, buf: Buffer): Promise<number> {
  for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
    try {
      return await new Promise<number>((resolve, reject) => read(fd, buf, 0, buf.length, null, (err, n) => (err ? reject(err) : resolve(n))));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EOF') return 0;
      if (code !== 'EAGAIN') throw err;
      await wait(delay);
    }
  }
}

/**
 * The input of fd as chunks that are views of ONE reused buffer: each is valid until the next is asked for, so a
 * consumer that keeps bytes must copy them.
 */
export async function* chunksOf(fd: number, size = 64 * 1024): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  for (let n = await readInto(fd, buf); n > 0; n = await readInto(fd, buf)) yield buf.subarray(0, n);
}
