// One queued line of the command pipeline: a command (its encoded bytes, how to print it, and the sink its reply
// streams into), fixed text, or a command to run alone. Entries are pooled and reused, so a million-line batch
// allocates a window's worth, not a million.
import { decodeCommand } from '../resp/encode.js';
import { CAPTURE, EVENTS, type ScanMode } from '../resp/scanner.js';
import { RESP_TYPES as T } from '../resp/types.js';
import { ConnectionLostError, NotSentError } from '../util/connection-errors.js';
import type { StreamWriter } from './pipeline-output.js';
import { SubmissionBase, type Submission } from './submission.js';

export const enum EntryState {
  /** Sent (or waiting in the session for its node); no reply byte yet. */
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
  /** A line for stderr in its turn (a command that could not be sent). */
  Warning,
}

/** What an entry tells the pipeline about its reply. */
export interface EntryHost {
  /** The writer for `e`'s reply when it may stream now (its turn), else undefined (it is captured). */
  streamNow(e: Entry): StreamWriter | undefined;
  /** `e`'s reply was cut off half-printed. */
  cutShort(e: Entry): void;
  /** `e` is complete (printed, captured, lost or refused). */
  settled(e: Entry): void;
  /** Whether redirects are announced (redis-cli's interactive modes). */
  readonly announcesRedirects: boolean;
}

const isError = (type: number) => type === T.SIMPLE_ERROR || type === T.BLOB_ERROR;

export class Entry extends SubmissionBase implements Submission {
  state = EntryState.Waiting;
  flags = 0;
  bytes: Buffer | undefined;
  start = 0;
  end = 0;
  /** The reply's type byte. */
  replyType = 0;
  captured: Buffer | undefined;
  lost: ConnectionLostError | undefined;
  /** Text to print in its turn, or the stderr line of a command that could not be sent. */
  text = '';
  /** Redirect lines to print before its reply. */
  note = '';
  sentAt = 0;
  events: StreamWriter | undefined;
  /** Dropped (Ctrl-C): whatever still comes for it is ignored. */
  abandoned = false;
  private argvCache: Buffer[] | undefined;

  constructor(private readonly host: EntryHost) {
    super();
  }

  /** The command's arguments, decoded from its bytes (only the slow paths need them). */
  get argv(): Buffer[] {
    this.argvCache ??= decodeCommand(this.bytes!.subarray(this.start, this.end));
    return this.argvCache;
  }

  set argv(argv: Buffer[]) {
    this.argvCache = argv;
  }

  /** Whether the session may still call it back (it was submitted and is not settled). */
  get owed(): boolean {
    return this.state === EntryState.Waiting || this.state === EntryState.Streaming;
  }

  // ReplySink.
  replyStart(type: number): ScanMode {
    this.replyType = type;
    const writer = this.abandoned || isError(type) ? undefined : this.host.streamNow(this);
    if (!writer) return CAPTURE;
    this.events = writer;
    writer.begin();
    this.state = EntryState.Streaming;
    return EVENTS;
  }

  replyEnd(raw: Buffer | undefined): void {
    if (this.state === EntryState.Streaming) {
      this.events!.end();
      this.events = undefined;
      this.state = EntryState.Done;
    } else {
      this.captured = raw;
      this.state = EntryState.Captured;
    }
    if (!this.abandoned) this.host.settled(this);
  }

  fail(err: Error): void {
    if (this.state === EntryState.Streaming && !this.abandoned) this.host.cutShort(this);
    this.events = undefined;
    if (err instanceof ConnectionLostError) {
      this.state = EntryState.Lost;
      this.lost = err;
    } else {
      this.state = EntryState.Warning;
      this.text = err instanceof NotSentError ? err.message : `Error: ${err.message}`;
    }
    if (!this.abandoned) this.host.settled(this);
  }

  redirected(slot: number, host: string, port: number): void {
    if (this.host.announcesRedirects) this.note += `-> Redirected to slot [${slot}] located at ${host}:${port}\n`;
  }

  reset(): void {
    this.state = EntryState.Waiting;
    this.flags = 0;
    this.bytes = undefined;
    this.resetSubmission();
    this.replyType = 0;
    this.captured = undefined;
    this.lost = undefined;
    this.text = '';
    this.note = '';
    this.events = undefined;
    this.abandoned = false;
    this.argvCache = undefined;
  }
}

/** A free list of entries. */
export class EntryPool {
  private readonly free: Entry[] = [];

  constructor(private readonly host: EntryHost) {}

  take(): Entry {
    return this.free.pop() ?? new Entry(this.host);
  }

  give(e: Entry): void {
    e.reset();
    if (this.free.length < 8192) this.free.push(e);
  }
}
