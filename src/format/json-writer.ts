// The --json and --quoted-json formats, streamed: redis-cli 7.0's cliFormatReplyJson with its two string encoders.
// Faithful to redis-cli, so not always valid JSON: an error is `error:"..."`, --json passes non-UTF-8 bytes through.
import { RESP_TYPES as T } from '../resp/types.js';
import type { ByteSink } from './byte-sink.js';
import { cStringEnd, writeJson, writeQuotedJson, type Escaper } from './repr.js';
import type { ReplyWriter } from './reply-writer.js';

export class JsonWriter implements ReplyWriter {
  private readonly isMap: boolean[] = [];
  private readonly seen: number[] = [];
  /** Aggregates used as map keys are wrapped in quotes (redis-cli quotes every non-string key). */
  private readonly quotedKey: boolean[] = [];
  private readonly escape: Escaper;
  private bulkType = 0;
  private bulkCut = false;

  constructor(private readonly sink: ByteSink, quoted: boolean) {
    this.escape = quoted ? writeQuotedJson : writeJson;
  }

  begin(): void {}

  end(): void {
    this.sink.byte(0x0a);
  }

  scalar(type: number, buf: Buffer, start: number, end: number): void {
    const key = this.before();
    const s = this.sink;
    switch (type) {
      case T.SIMPLE_STRING: this.string(buf, start, end); return;
      case T.SIMPLE_ERROR:
        // strlen(): the message is cut at its first NUL.
        s.latin1('error:');
        this.string(buf, start, cStringEnd(buf, start, end));
        return;
      case T.BIG_NUMBER:
        // redis-cli 7.0 cannot print one; like redis/redis#15764, a string: every digit kept, still valid JSON.
        this.string(buf, start, end);
        return;
    }
    if (key) s.byte(0x22);
    if (type === T.NULL) s.latin1('null');
    else if (type === T.BOOLEAN) s.latin1((buf[start]! | 0x20) === 0x74 ? 'true' : 'false');
    else s.bytes(buf, start, end); // integers, and doubles as sent (so `inf` or `nan`, exactly like redis-cli)
    if (key) s.byte(0x22);
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
    if (type === T.BLOB_ERROR) this.sink.latin1('error:');
    this.sink.byte(0x22);
  }

  bulkData(buf: Buffer, start: number, end: number): void {
    if (this.bulkCut) return;
    const stop = this.bulkType === T.BLOB_ERROR ? cStringEnd(buf, start, end) : end;
    this.escape(this.sink, buf, start, stop);
    this.bulkCut = stop < end;
  }

  bulkEnd(): void {
    this.sink.byte(0x22);
  }

  aggregateStart(type: number, _count: number): void {
    const key = this.before();
    if (key) this.sink.byte(0x22);
    this.sink.byte(type === T.MAP ? 0x7b : 0x5b);
    this.isMap.push(type === T.MAP);
    this.seen.push(0);
    this.quotedKey.push(key);
  }

  aggregateEnd(): void {
    const map = this.isMap.pop()!;
    this.seen.pop();
    this.sink.byte(map ? 0x7d : 0x5d);
    if (this.quotedKey.pop()) this.sink.byte(0x22);
  }

  private string(buf: Buffer, start: number, end: number): void {
    this.sink.byte(0x22);
    this.escape(this.sink, buf, start, end);
    this.sink.byte(0x22);
  }

  /** Separators before a value; true when the value is a map key. */
  private before(): boolean {
    const d = this.seen.length - 1;
    if (d < 0) return false;
    const i = this.seen[d]!++;
    if (this.isMap[d] && i % 2 === 1) {
      this.sink.byte(0x3a);
      return false;
    }
    if (i > 0) this.sink.byte(0x2c);
    return this.isMap[d]!;
  }
}
