// Buffered writer for stdout/stderr byte strings (latin1: one char per byte); a closed pipe ends output quietly.
import { writeAll } from '../util/sync-io.js';

export interface Output {
  /** Appends a byte string (each char code is one byte). */
  write(bytes: string): void;
  /** Writes what is buffered now. */
  flush(): void;
}

/** A writer on a file descriptor. Writes are synchronous so output order with stderr matches redis-cli's. */
export function fdOutput(fd: number, onBrokenPipe: () => void, limit = 1 << 16): Output {
  let pending = '';
  let broken = false;
  const flush = () => {
    if (pending.length === 0 || broken) return;
    const buf = Buffer.from(pending, 'latin1');
    pending = '';
    try {
      writeAll(fd, buf);
    } catch {
      broken = true;
      onBrokenPipe();
    }
  };
  return {
    write(bytes: string) {
      pending += bytes;
      if (pending.length >= limit) flush();
    },
    flush,
  };
}

/** What every mode writes to: buffered stdout, and whole lines on stderr (stdout flushed first). */
export interface ModeIO {
  out: Output;
  warn(line: string): void;
}

/** A line on stderr, written at once (it must appear before any later stdout). */
export function errorLine(stderr: Output, stdout: Output, line: string): void {
  stdout.flush();
  stderr.write(`${Buffer.from(line, 'utf8').toString('latin1')}\n`);
  stderr.flush();
}
