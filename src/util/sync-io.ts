// Synchronous reads and writes on a descriptor that may be non-blocking: EAGAIN waits (backing off), never spins.
import { readSync, writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` without burning CPU. */
function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/** Runs `op` until it stops failing with EAGAIN, sleeping 1, 2, 4 ... 50 ms between tries. */
function retryOnEagain(op: () => number): number {
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return op();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      sleepSync(wait);
    }
  }
}

/** readSync that waits out a non-blocking descriptor with nothing to read yet; 0 at EOF. */
export function readFully(fd: number, buf: Buffer, offset = 0, length = buf.length - offset): number {
  return retryOnEagain(() => {
    try {
      return readSync(fd, buf, offset, length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EOF') return 0;
      throw err;
    }
  });
}

/** Writes all of buf[offset..] (a full non-blocking pipe is waited for, not spun on); errors such as EPIPE throw. */
export function writeAll(fd: number, buf: Buffer, offset = 0): void {
  while (offset < buf.length) offset += retryOnEagain(() => writeSync(fd, buf, offset));
}
