// --pipe: raw RESP from stdin straight to the server, replies counted (read, never built), errors shown, ended by an
// ECHO marker, as redis-cli's pipeMode does.
import { decodeReply } from '../resp/reply-collector.js';
import { CAPTURE, EVENTS, SKIP, type ScanMode } from '../resp/scanner.js';
import { RESP_TYPES as T, type ReplyEvents } from '../resp/types.js';
import type { ReplySink } from '../session/submission.js';
import type { Session } from '../session/session.js';
import { ConnectionLostError } from '../util/connection-errors.js';
import type { ModeIO } from '../output/fd-output.js';

/** Counts replies; shows errors; notices the marker (a 20-byte bulk) once all input was sent. */
class PipeCounter implements ReplySink {
  errors = 0;
  replies = 0;
  inputDone = false;
  /** Resolves when the marker came back, or rejects when the connection broke. */
  readonly finished: Promise<void>;
  private finish!: () => void;
  private broke!: (err: Error) => void;
  private matched = -1;
  readonly events: ReplyEvents;

  constructor(private readonly magic: Buffer, private readonly warn: (line: string) => void) {
    this.finished = new Promise((resolve, reject) => { this.finish = resolve; this.broke = reject; });
    this.finished.catch(() => undefined); // awaited by runPipe
    const compare = (buf: Buffer, start: number, end: number) => {
      if (this.matched >= 0 && this.magic.compare(buf, start, end, this.matched, this.matched + end - start) === 0) this.matched += end - start;
      else this.matched = -1;
    };
    const ignore = () => undefined;
    this.events = {
      scalar: ignore, aggregateStart: ignore, aggregateEnd: ignore, bulkEnd: ignore,
      bulk: (_t, buf, start, end) => { this.matched = end - start === 20 ? 0 : -1; compare(buf, start, end); },
      bulkStart: (_t, length) => { this.matched = length === 20 ? 0 : -1; },
      bulkData: compare,
    };
  }

  replyStart(type: number): ScanMode {
    this.matched = -1;
    if (type === T.SIMPLE_ERROR || type === T.BLOB_ERROR) return CAPTURE;
    return type === T.BLOB_STRING && this.inputDone ? EVENTS : SKIP;
  }

  replyEnd(raw: Buffer | undefined): void {
    if (raw) {
      const reply = decodeReply(raw);
      this.warn(reply.type === 'error' ? reply.value.toString('latin1') : '');
      this.errors++;
    } else if (this.matched === 20) {
      this.finish();
      return;
    }
    this.replies++;
  }

  fail(err: Error): void {
    this.broke(err);
  }
}

/** Bytes read from stdin per write: big enough that the server, not the turns between the two buffers, sets the pace. */
const PIPE_BUFFER = 1 << 20;

/** Reads the next piece of input into buf; 0 at the end. */
export type ReadInto = (buf: Buffer) => Promise<number>;

/** Streams stdin to the server; returns 1 when any reply was an error (redis-cli's pipeMode). */
export async function runPipe(session: Session, readInput: ReadInto, timeoutSec: number, io: ModeIO): Promise<number> {
  // Printable marker so it survives any inline-protocol quirk; the leading CRLF ends a partial inline command.
  const magic = Array.from({ length: 20 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
  const counter = new PipeCounter(Buffer.from(magic, 'latin1'), io.warn);
  // Every reply on the connection is one nobody asked for: they all go to the counter.
  const write = session.rawChannel(counter)!;
  try {
    await sendAll(write, readInput);
    counter.inputDone = true;
    io.out.write('All data transferred. Waiting for the last reply...\n');
    io.out.flush();
    void write(Buffer.from(`\r\n*2\r\n$4\r\nECHO\r\n$20\r\n${magic}\r\n`, 'latin1')).catch(() => undefined);
    if (await timedOut(counter.finished, timeoutSec)) {
      io.warn(`No replies for ${timeoutSec} seconds: exiting.`);
      counter.errors++;
    } else {
      io.out.write('Last reply received from server.\n');
    }
  } catch (err) {
    if (!(err instanceof ConnectionLostError)) throw err;
    io.warn(`Error: ${err.message}`);
    return 1;
  }
  io.out.write(`errors: ${counter.errors}, replies: ${counter.replies}\n`);
  return counter.errors > 0 ? 1 : 0;
}

/**
 * Copies the input to the connection through two buffers taking turns: one is read into while the other is being
 * written, and a buffer is reused only once its bytes are out. Memory stays flat however large the input.
 */
async function sendAll(write: (bytes: Buffer) => Promise<void>, readInput: ReadInto): Promise<void> {
  const buffers = [Buffer.allocUnsafe(PIPE_BUFFER), Buffer.allocUnsafe(PIPE_BUFFER)];
  const sent: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()];
  for (let i = 0; ; i ^= 1) {
    await sent[i];
    const n = await readInput(buffers[i]!);
    if (n === 0) break;
    sent[i] = write(buffers[i]!.subarray(0, n));
    sent[i]!.catch(() => undefined); // awaited in its turn
  }
  await Promise.all(sent);
}

/** Waits for `task`; true when `seconds` (0 = forever) passed first. Connection errors propagate. */
async function timedOut(task: Promise<void>, seconds: number): Promise<boolean> {
  if (seconds <= 0) {
    await task;
    return false;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => { timer = setTimeout(() => r(true), seconds * 1000); });
  try {
    return await Promise.race([task.then(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
