// What a mode hands the command pipeline to print with: writers for streamed replies, and the rest of its output.
import type { Reply, ReplyEvents } from '../resp/types.js';

/** A writer for one streamed reply (format/'s ReplyWriter). */
export interface StreamWriter extends ReplyEvents {
  begin(): void;
  end(): void;
}

/** What a mode gives the pipeline to print with. */
export interface PipelineOutput {
  /** Prints a reply that was kept as raw bytes (it arrived before its turn). */
  replay(raw: Buffer, flags: number): void;
  /** The writer a reply streams through as it arrives; cut() takes back what it wrote if the reply is cut off. */
  streamWriter(flags: number): StreamWriter;
  /** The reply streaming through streamWriter() will not end: its connection was lost, or it was abandoned. */
  cut(): void;
  /** Prints a decoded reply: an error, or the reply of a command that ran alone. */
  reply(reply: Reply, flags: number, argv: Buffer[]): void;
  /** redis-cli's interactive modes (the shell, stdin batches) print a line for each redirect they follow. */
  readonly announcesRedirects: boolean;
  /** Whether after() wants times (clocks are read per line only then). */
  readonly timed: boolean;
  /** A reply was printed; `elapsedMs` approximates how long the server spent on it (the `(1.52s)` line). */
  after(elapsedMs: number): void;
  text(text: string): void;
  warn(line: string): void;
  /** A protocol error: nothing more can be read (redis-cli exits 1). */
  fatal(message: string): void;
  /** The queue ran empty: a moment to flush output. */
  idle(): void;
}
