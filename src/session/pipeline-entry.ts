// One queued line of the command pipeline: a command (its encoded bytes and how to print it), fixed text, or a command
// to run alone. Entries are pooled and reused, so a million-line batch allocates a window's worth, not a million.
import type { Connection, ConnectionLostError } from '../net/connection.js';
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

/** The bytes of entries queued for one connection, as one buffer (a view when they sit side by side). */
export function contiguous(entries: Entry[]): Buffer {
  const first = entries[0]!;
  const last = entries[entries.length - 1]!;
  let sideBySide = true;
  for (let i = 1; i < entries.length && sideBySide; i++) {
    sideBySide = entries[i]!.bytes === first.bytes && entries[i]!.start === entries[i - 1]!.end;
  }
  if (sideBySide) return first.bytes!.subarray(first.start, last.end);
  return Buffer.concat(entries.map((e) => e.bytes!.subarray(e.start, e.end)));
}
