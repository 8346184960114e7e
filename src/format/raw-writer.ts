// The raw format (--raw, or stdout not a tty), streamed: redis-cli 7.0's cliFormatReplyRaw, aggregates flattened with
// the -d delimiter between elements, "key value" for map pairs, and -D after every reply.
import { RESP_TYPES as T } from '../resp/types.js';
import type { ByteSink } from './byte-sink.js';
import { Frames, type ReplyWriter } from './reply-writer.js';

export class RawWriter implements ReplyWriter {
  private readonly frames = new Frames();
  private bulkType = 0;
  /** The -d delimiter as one byte when it is one (the usual "\n"): written per element, so no string conversion. */
  private readonly delimiterByte: number;

  /** Delimiters are byte strings, used literally; `replyDelimiter` is '' for the always-raw commands (INFO...). */
  constructor(private readonly sink: ByteSink, private readonly bulkDelimiter: string, private readonly replyDelimiter: string) {
    this.delimiterByte = bulkDelimiter.length === 1 ? bulkDelimiter.charCodeAt(0) : -1;
  }

  begin(): void {}

  end(): void {
    if (this.replyDelimiter.length === 1) this.sink.byte(this.replyDelimiter.charCodeAt(0));
    else this.sink.latin1(this.replyDelimiter);
  }

  scalar(type: number, buf: Buffer, start: number, end: number): void {
    this.before();
    switch (type) {
      case T.NULL: return;
      case T.BOOLEAN: this.sink.latin1((buf[start]! | 0x20) === 0x74 ? '(true)' : '(false)'); return;
      case T.SIMPLE_ERROR:
        // Errors get their own "\n" on top of any delimiter, even nested: a blank line follows them.
        this.sink.bytes(buf, start, end);
        this.sink.byte(0x0a);
        return;
      default: this.sink.bytes(buf, start, end);
    }
  }

  bulk(type: number, buf: Buffer, start: number, end: number): void {
    this.bulkStart(type, end - start);
    this.sink.bytes(buf, start, end);
    this.bulkEnd();
  }

  bulkStart(type: number, _length: number): void {
    this.before();
    this.bulkType = type;
  }

  bulkData(buf: Buffer, start: number, end: number): void {
    this.sink.bytes(buf, start, end);
  }

  bulkEnd(): void {
    if (this.bulkType === T.BLOB_ERROR) this.sink.byte(0x0a);
  }

  aggregateStart(type: number, count: number): void {
    this.before();
    this.frames.open(type === T.MAP, count);
  }

  aggregateEnd(): void {
    this.frames.close();
  }

  private before(): void {
    const i = this.frames.next();
    if (i <= 0) return;
    if (this.frames.inMap() && i % 2 === 1) this.sink.byte(0x20);
    else if (this.delimiterByte >= 0) this.sink.byte(this.delimiterByte);
    else this.sink.latin1(this.bulkDelimiter);
  }
}
