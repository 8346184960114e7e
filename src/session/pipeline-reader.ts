// Reads one connection's replies for the command pipeline: the reply of the line whose turn it is streams straight to
// its writer; a reply that arrives early (another connection's line is still printing) is kept as raw bytes; errors
// are always kept, so the pipeline can look at them (redirects, NOAUTH, READONLY) before anything is printed.
import { CAPTURE, EVENTS, type ScanMode } from '../resp/scanner.js';
import { RESP_TYPES as T, type ReplyEvents } from '../resp/types.js';
import type { ConnectionLostError, ReplyReader } from '../net/connection.js';
import { ReplyQueue } from '../net/reply-queue.js';
import { EntryState, type Entry } from './pipeline-entry.js';

/** What the reader needs of the pipeline. */
export interface ReaderHost {
  /** The writer for an entry whose reply may stream now, or undefined when it is not that entry's turn. */
  streamNow(e: Entry): (ReplyEvents & { begin(): void; end(): void }) | undefined;
  /** An entry's reply is complete (printed, or captured), or its connection broke. */
  settled(e: Entry): void;
  /** The reply streaming for `e` was cut off (its connection was lost). */
  cutShort(e: Entry): void;
}

export class PipelineReader implements ReplyReader {
  /** Entries sent on this connection whose replies have not started. */
  readonly waiting = new ReplyQueue<Entry>();
  private current: Entry | undefined;
  private printing: { end(): void } | undefined;
  events: ReplyEvents | undefined;

  constructor(private readonly host: ReaderHost) {}

  start(type: number): ScanMode {
    const e = this.waiting.shift()!;
    this.current = e;
    e.replyType = type;
    const printer = type === T.SIMPLE_ERROR || type === T.BLOB_ERROR ? undefined : this.host.streamNow(e);
    if (!printer) return CAPTURE;
    printer.begin();
    this.printing = printer;
    this.events = printer;
    e.state = EntryState.Streaming;
    return EVENTS;
  }

  done(raw: Buffer | undefined): void {
    const e = this.current!;
    this.current = undefined;
    if (e.state === EntryState.Streaming) {
      this.printing!.end();
      this.printing = undefined;
      e.state = EntryState.Done;
    } else {
      e.captured = raw;
      e.state = EntryState.Captured;
    }
    this.host.settled(e);
  }

  /** Called once per reply still owed (the connection queued this reader once per command). */
  fail(err: ConnectionLostError): void {
    const e = this.current ?? this.waiting.shift();
    this.current = undefined;
    if (this.printing && e?.state === EntryState.Streaming) this.host.cutShort(e);
    this.printing = undefined;
    if (!e) return;
    e.state = EntryState.Lost;
    e.lost = err;
    this.host.settled(e);
  }
}
