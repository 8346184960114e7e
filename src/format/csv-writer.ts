// The --csv format, streamed: redis-cli 7.0's cliFormatReplyCSV, every aggregate (maps too) flattened with ','.
import { RESP_TYPES as T } from '../resp/types.js';
import type { ByteSink } from './byte-sink.js';
import { cStringEnd, writeRepr } from './repr.js';
import { Frames, type ReplyWriter } from './reply-writer.js';

export class CsvWriter implements ReplyWriter {
  private readonly frames = new Frames();
  private bulkType = 0;
  private bulkCut = false;

  constructor(private readonly sink: ByteSink) {}

  begin(): void {}

  end(): void {
    this.sink.byte(0x0a);
  }

  scalar(type: number, buf: Buffer, start: number, end: number): void {
    this.before();
    const s = this.sink;
    switch (type) {
      case T.NULL: s.latin1('NULL'); return;
      case T.BOOLEAN: s.latin1((buf[start]! | 0x20) === 0x74 ? 'true' : 'false'); return;
      case T.SIMPLE_STRING: this.quoted(buf, start, end); return;
      case T.SIMPLE_ERROR:
        // strlen(): the message is cut at its first NUL.
        s.latin1('ERROR,');
        this.quoted(buf, start, cStringEnd(buf, start, end));
        return;
      default: s.bytes(buf, start, end);
    }
  }

  bulk(type: number, buf: Buffer, start: number, end: number): void {
    this.bulkStart(type, end - start);
    this.bulkData(buf, start, end);
    this.bulkEnd();
  }

  bulkStart(type: number, _length: number): void {
    this.before();
    this.bulkType = type;
    this.bulkCut = false;
    if (type === T.BLOB_ERROR) this.sink.latin1('ERROR,');
    this.sink.byte(0x22);
  }

  bulkData(buf: Buffer, start: number, end: number): void {
    if (this.bulkCut) return;
    const stop = this.bulkType === T.BLOB_ERROR ? cStringEnd(buf, start, end) : end;
    writeRepr(this.sink, buf, start, stop);
    this.bulkCut = stop < end;
  }

  bulkEnd(): void {
    this.sink.byte(0x22);
  }

  aggregateStart(type: number, count: number): void {
    this.before();
    this.frames.open(type === T.MAP, count);
  }

  aggregateEnd(): void {
    this.frames.close();
  }

  private quoted(buf: Buffer, start: number, end: number): void {
    this.sink.byte(0x22);
    writeRepr(this.sink, buf, start, end);
    this.sink.byte(0x22);
  }

  private before(): void {
    if (this.frames.next() > 0) this.sink.byte(0x2c);
  }
}
