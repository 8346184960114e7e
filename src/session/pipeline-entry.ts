// One queued line of the command pipeline: a command (its encoded bytes and how to print it), fixed text, or a command
// to run alone. Entries are pooled and reused, so a million-line batch allocates a window's worth, not a million.
import type { Connection, ConnectionLostError } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import { decodeCommand } from '../resp/encode.js';

export const enum EntryState {
  /** Sent; no reply byte yet. */
  Waiting,
  /** Its reply is being printed as it arrives. */
  Streaming,
  /** Its reply arrived while earlier lines were still printing: kept as raw bytes until its turn. */
  Captured,
  /** Printed. */
  Done,
  /** Its connection broke before the reply was complete. */
  Lost,
  /** Fixed text to print in its turn. */
  Text,
  /** To be run alone (reconnecting if needed) once everything before it is printed. */
  Alone,
  /** Its node is down: held in its place until a connection takes it (dispatch) or it is given up (drop). */
  Parked,
  /** A line for stderr in its turn (a command that could not be sent). */
  Warning,
}

/** Per-command facts the printer and the state tracker need, decided when the line was read. */
export const PRINTS_RAW = 1;
export const TRACKS_STATE = 2;
export const ENDS_SESSION = 4;

export class Entry {
  state = EntryState.Waiting;
  flags = 0;
  /** The encoded command: bytes[start, end). */
  bytes: Buffer | undefined;
  start = 0;
  end = 0;
  conn: Connection | undefined;
  /** The reply's type byte. */
  replyType = 0;
  captured: Buffer | undefined;
  lost: ConnectionLostError | undefined;
  /** The reply a line that must run alone already got, when the session can act on it without sending it again. */
  answered: Reply | undefined;
  text = '';
  sentAt = 0;
  private argvCache: Buffer[] | undefined;

  /** The command's arguments, decoded from its bytes (only the slow paths need them). */
  get argv(): Buffer[] {
    this.argvCache ??= decodeCommand(this.bytes!.subarray(this.start, this.end));
    return this.argvCache;
  }

  set argv(argv: Buffer[]) {
    this.argvCache = argv;
  }

  reset(): void {
    this.state = EntryState.Waiting;
    this.flags = 0;
    this.bytes = undefined;
    this.conn = undefined;
    this.replyType = 0;
    this.captured = undefined;
    this.lost = undefined;
    this.answered = undefined;
    this.text = '';
    this.argvCache = undefined;
  }
}

/** A free list of entries. */
export class EntryPool {
  private readonly free: Entry[] = [];

  take(): Entry {
    return this.free.pop() ?? new Entry();
  }

  give(e: Entry): void {
    e.reset();
    if (this.free.length < 8192) this.free.push(e);
  }
}

/** The bytes of entries[0, n) (queued for one connection): one view per run of entries side by side in a buffer. */
export function runsOf(entries: Entry[], n: number): Buffer[] {
  const runs: Buffer[] = [];
  let first = entries[0]!;
  for (let i = 1; i <= n; i++) {
    const e = i < n ? entries[i] : undefined;
    const prev = entries[i - 1]!;
    if (e && e.bytes === first.bytes && e.start === prev.end) continue;
    runs.push(first.bytes!.subarray(first.start, prev.end));
    if (e) first = e;
  }
  return runs;
}
