// The buffer reply writers format into: bytes are appended in place and full buffers handed to `drain` (stdout, a
// pager, a collector), so output of any size flows through a fixed amount of memory.

/** Receives a full (or flushed) buffer; it must be done with the bytes when it returns (the buffer is reused). */
export type Drain = (bytes: Buffer) => void;

export class ByteSink {
  buf: Buffer;
  pos = 0;
  /** Open holds: positions output may still be inserted at, so nothing from there on may be drained yet. */
  private readonly holds: number[] = [];
  /** Where the reply being written started in `buf`, or -1 once some of it was drained. */
  private markAt = -1;
  /** The last byte drained (a newline before anything was). */
  private lastDrained = 0x0a;

  constructor(private readonly drain: Drain, size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for n more bytes: drains the buffer when it is full (or grows it while something is held). */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.holds.length === 0) this.flush();
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
  }

  byte(b: number): void {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = b;
  }

  /** A JS string whose char codes are bytes (0-255). */
  latin1(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  bytes(src: Buffer, start = 0, end = src.length): void {
    const n = end - start;
    if (n >= this.buf.length && this.holds.length === 0) {
      // A big value goes out as it is instead of being copied through the buffer.
      this.flush();
      this.lastDrained = src[end - 1]!;
      this.markAt = -1;
      this.drain(src.subarray(start, end));
      return;
    }
    this.room(n);
    if (n > 32) {
      src.copy(this.buf, this.pos, start, end);
      this.pos += n;
    } else {
      // Buffer#copy builds a view per call: for the many short values of a big reply a loop is cheaper.
      const buf = this.buf;
      for (let i = start; i < end; i++) buf[this.pos++] = src[i]!;
    }
  }

  /** `n` in decimal, padded with spaces on the left to `width` characters. */
  decimal(n: number, width = 0): void {
    let digits = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
    const pad = Math.max(0, width - digits);
    this.room(pad + digits);
    for (let i = 0; i < pad; i++) this.buf[this.pos++] = 0x20;
    let i = this.pos + digits;
    this.pos = i;
    do {
      this.buf[--i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  spaces(n: number): void {
    this.room(n);
    this.buf.fill(0x20, this.pos, this.pos + n);
    this.pos += n;
  }

  /** Marks the current position: output written from now on stays in the buffer until release(). */
  hold(): void {
    this.holds.push(this.pos);
  }

  /** Ends the innermost hold, first inserting `insert` (bytes as a latin1 string) where it began. */
  release(insert = ''): void {
    const at = this.holds.pop()!;
    if (insert === '') return;
    this.room(insert.length);
    this.buf.copy(this.buf, at + insert.length, at, this.pos);
    this.buf.write(insert, at, 'latin1');
    this.pos += insert.length;
  }

  /** Remembers where a reply starts, so that it can be taken back (dropSinceMark) while none of it was drained. */
  mark(): void {
    this.markAt = this.pos;
  }

  /**
   * Takes back what was written since mark() (a reply cut off half-way) and ends any hold; false when part of it was
   * drained already (then a newline ends that part, unless it ended with one).
   */
  dropSinceMark(): boolean {
    this.holds.length = 0;
    if (this.markAt >= 0) {
      this.pos = this.markAt;
      this.markAt = -1;
      return true;
    }
    if ((this.pos > 0 ? this.buf[this.pos - 1] : this.lastDrained) !== 0x0a) this.byte(0x0a);
    return false;
  }

  /** Drains what is buffered (nothing while a hold is open). */
  flush(): void {
    if (this.pos === 0 || this.holds.length > 0) return;
    const full = this.buf.subarray(0, this.pos);
    this.lastDrained = full[full.length - 1]!;
    this.markAt = -1;
    this.pos = 0;
    this.drain(full);
  }
}

/** Formats with `write` into a sink and returns everything it wrote, as a latin1 string (one char per byte). */
export function collectBytes(write: (sink: ByteSink) => void): string {
  let out = '';
  const sink = new ByteSink((b) => { out += b.toString('latin1'); }, 1 << 12);
  write(sink);
  sink.flush();
  return out;
}
