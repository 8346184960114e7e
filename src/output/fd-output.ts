// stdout and stderr as byte sinks: replies are formatted straight into the buffer, and a full buffer is written
// synchronously (so output order with stderr matches redis-cli's; a full pipe is waited for, never spun on). A closed
// pipe ends output quietly.
import { ByteSink } from '../format/index.js';
import { writeAll } from '../util/sync-io.js';

export interface Output {
  /** The buffer reply writers format into. */
  readonly sink: ByteSink;
  /** Appends a byte string (each char code is one byte). */
  write(bytes: string): void;
  /** Writes what is buffered now. */
  flush(): void;
}

/** What every mode writes to: buffered stdout, and whole lines on stderr (stdout flushed first). */
export interface ModeIO {
  out: Output;
  warn(line: string): void;
}

/** A writer on a file descriptor; `onBrokenPipe` runs once when the reader went away (EPIPE). */
export function fdOutput(fd: number, onBrokenPipe: () => void, size = 1 << 16): Output {
  let broken = false;
  const sink = new ByteSink((bytes) => {
    if (broken) return;
    try {
      writeAll(fd, bytes);
    } catch {
      broken = true;
      onBrokenPipe();
    }
  }, size);
  return { sink, write: (bytes) => sink.latin1(bytes), flush: () => sink.flush() };
}

/** A line on stderr, written at once (it must appear before any later stdout). */
export function errorLine(stderr: Output, stdout: Output, line: string): void {
  stdout.flush();
  stderr.write(`${Buffer.from(line, 'utf8').toString('latin1')}\n`);
  stderr.flush();
}
