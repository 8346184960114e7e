// The TTY (default interactive) format, written as the reply streams in: redis-cli 7.0's cliFormatReplyTTY, plus
// `(big number)` from newer CLIs. Index widths come from aggregate headers; nothing waits for the whole reply.
import { RESP_TYPES as T } from '../resp/types.js';
import type { ByteSink } from './byte-sink.js';
import { cStringEnd, writeRepr } from './repr.js';
import type { ReplyWriter } from './reply-writer.js';

const EMPTY: Record<number, string> = { [T.ARRAY]: '(empty array)', [T.SET]: '(empty set)', [T.PUSH]: '(empty push)', [T.MAP]: '(empty hash)' };
// A push keeps ')' like an array: redis-cli leaves '>' for a future major version (see the TODO in redis-cli.c).
const SEPARATOR: Record<number, string> = { [T.ARRAY]: ') ', [T.SET]: '~ ', [T.PUSH]: ') ', [T.MAP]: '# ' };
const LABEL: Record<number, string> = { [T.INTEGER]: '(integer) ', [T.DOUBLE]: '(double) ', [T.BIG_NUMBER]: '(big number) ' };

function digits(n: number): number {
  let d = 1;
  for (; n >= 10; n = Math.floor(n / 10)) d++;
  return d;
}

export class TtyWriter implements ReplyWriter {
  // One entry per open aggregate.
  private readonly type: number[] = [];
  private readonly width: number[] = [];
  /** Values started so far (keys and values, for a map). */
  private readonly seen: number[] = [];
  /** Indentation of the aggregate's own lines after its first. */
  private readonly prefix: number[] = [];
  /** Every value ends with "\n", written only when more output follows: a map key's is replaced by " => ". */
  private newline = false;
  /** Map values whose layout waits on a nested single-element chain: [depth that decides, indentation if multi-line]. */
  private readonly deciding: Array<[number, number]> = [];
  private emptyOpen = false;
  private bulkType = 0;
  private bulkCut = false;

  constructor(private readonly sink: ByteSink) {}

  begin(): void {}

  end(): void {
    this.flushNewline();
  }

  scalar(type: number, buf: Buffer, start: number, end: number): void {
    this.before(-1);
    const s = this.sink;
    switch (type) {
      case T.SIMPLE_STRING: s.bytes(buf, start, cStringEnd(buf, start, end)); break;
      case T.SIMPLE_ERROR: s.latin1('(error) '); s.bytes(buf, start, cStringEnd(buf, start, end)); break;
      case T.NULL: s.latin1('(nil)'); break;
      case T.BOOLEAN: s.latin1((buf[start]! | 0x20) === 0x74 ? '(true)' : '(false)'); break;
      default: s.latin1(LABEL[type]!); s.bytes(buf, start, end);
    }
    this.newline = true;
  }

  bulk(type: number, buf: Buffer, start: number, end: number): void {
    this.bulkStart(type, end - start);
    this.bulkData(buf, start, end);
    this.bulkEnd();
  }

  bulkStart(type: number, _length: number): void {
    this.before(-1);
    this.bulkType = type;
    this.bulkCut = false;
    if (type === T.BLOB_STRING) this.sink.byte(0x22);
    else if (type === T.BLOB_ERROR) this.sink.latin1('(error) ');
  }

  bulkData(buf: Buffer, start: number, end: number): void {
    if (this.bulkType === T.BLOB_STRING) writeRepr(this.sink, buf, start, end);
    else if (this.bulkType === T.VERBATIM_STRING) this.sink.bytes(buf, start, end); // bare bytes, no re-indentation
    else if (!this.bulkCut) {
      // An error prints as a C string: up to its first NUL.
      const stop = cStringEnd(buf, start, end);
      this.sink.bytes(buf, start, stop);
      this.bulkCut = stop < end;
    }
  }

  bulkEnd(): void {
    if (this.bulkType === T.BLOB_STRING) this.sink.byte(0x22);
    this.newline = true;
  }

  aggregateStart(type: number, count: number): void {
    this.before(count);
    if (count === 0) {
      this.sink.latin1(EMPTY[type] ?? EMPTY[T.ARRAY]!);
      this.newline = true;
      this.emptyOpen = true;
      return;
    }
    const d = this.type.length - 1;
    this.prefix.push(d < 0 ? 0 : this.childPrefix(d));
    this.type.push(type);
    this.width.push(digits(count));
    this.seen.push(0);
  }

  aggregateEnd(): void {
    if (this.emptyOpen) {
      this.emptyOpen = false;
      return;
    }
    this.type.pop();
    this.width.pop();
    this.seen.pop();
    this.prefix.pop();
  }

  private childPrefix(d: number): number {
    return this.prefix[d]! + this.width[d]! + 2;
  }

  private flushNewline(): void {
    if (!this.newline) return;
    this.newline = false;
    this.sink.byte(0x0a);
  }

  /** A value starts (`count`: its element count, -1 for a scalar): its index, or " => " after a map key. */
  private before(count: number): void {
    const d = this.type.length - 1;
    if (d < 0) return;
    const seen = this.seen[d]!++;
    const isMap = this.type[d] === T.MAP;
    const atValue = !isMap || seen % 2 === 1;
    const open = this.deciding[this.deciding.length - 1];
    if (atValue && open !== undefined && open[0] === d) {
      // cliIsMultilineValueTTY, decided as soon as the chain of one-element aggregates reaches something else.
      if (count === 1) open[0] = d + 1;
      else this.sink.release(count > 1 ? `\n${' '.repeat(this.deciding.pop()![1])}` : (this.deciding.pop(), ''));
    }
    if (isMap && seen % 2 === 1) {
      this.newline = false;
      this.sink.latin1(' => ');
      if (count > 1) {
        this.sink.byte(0x0a);
        this.sink.spaces(this.childPrefix(d));
      } else if (count === 1) {
        this.sink.hold();
        this.deciding.push([d + 1, this.childPrefix(d)]);
      }
      return;
    }
    this.flushNewline();
    const index = isMap ? seen / 2 : seen;
    if (index > 0) this.sink.spaces(this.prefix[d]!);
    this.sink.decimal(index + 1, this.width[d]!);
    this.sink.latin1(SEPARATOR[this.type[d]!]!);
  }
}
