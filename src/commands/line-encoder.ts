// A command line straight into RESP bytes: the words of a plain line (no quotes, no NUL, no repeat count) are copied
// into the write buffer with no object per line; anything else is left to splitArgs, the slow, exact path.

/** C-locale isspace(): skipped between words. */
const SPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]) SPACE[c] = 1;
/** What ends an unquoted word in sdssplitargs (\v and \f do not), and what starts a quoted section. */
const STOP = new Uint8Array(256);
STOP[0x20] = STOP[0x0a] = STOP[0x0d] = STOP[0x09] = 1;
STOP[0x22] = STOP[0x27] = STOP[0x00] = 2;

/** The line needs splitArgs: quotes, a NUL byte, or a leading repeat count. */
export const SLOW = -1;

function digits(n: number): number {
  let d = 1;
  for (; n >= 10; n = Math.floor(n / 10)) d++;
  return d;
}

export class LineEncoder {
  buf: Buffer;
  pos = 0;
  /** Where the last encoded command starts in `buf` (it ends at `pos`). */
  lastStart = 0;
  /** The last encoded command's first word, and its first argument (a cluster batch routes by it), in `line`. */
  wordStart = 0;
  wordEnd = 0;
  keyStart = 0;
  keyEnd = 0;

  constructor(private readonly size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Buffers left behind because they filled up since the last use() (they hold encoded lines too). */
  readonly filled: Buffer[] = [];

  /** Encodes into `buf` from its start from now on (a fresh or recycled buffer); the old one is the caller's. */
  use(buf: Buffer): void {
    this.buf = buf;
    this.pos = 0;
    this.filled.length = 0;
  }

  /** Takes back the last encoded command (a line that turned out to need the slow path after all). */
  undoLast(): void {
    this.pos = this.lastStart;
  }

  /**
   * Encodes line[start, end) as one command at `pos` and returns its word count, 0 for a blank line, or SLOW when the
   * line needs splitArgs (nothing is written then).
   */
  encode(line: Buffer, start: number, end: number): number {
    let argc = 0;
    let size = 0;
    for (let i = start; ;) {
      while (i < end && SPACE[line[i]!] === 1) i++;
      if (i >= end) break;
      const from = i;
      while (i < end && STOP[line[i]!] === 0) i++;
      if (i < end && STOP[line[i]!] === 2) return SLOW;
      if (argc === 0) {
        this.wordStart = from;
        this.wordEnd = i;
        const c = line[from]!;
        if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) return SLOW; // maybe "3 PING": a repeat count
      } else if (argc === 1) {
        this.keyStart = from;
        this.keyEnd = i;
      }
      argc++;
      size += 5 + digits(i - from) + (i - from);
    }
    if (argc === 0) return 0;
    size += 3 + digits(argc);
    this.room(size);
    this.lastStart = this.pos;
    this.header(0x2a, argc);
    for (let i = start; ;) {
      while (i < end && SPACE[line[i]!] === 1) i++;
      if (i >= end) break;
      const from = i;
      while (i < end && STOP[line[i]!] === 0) i++;
      this.header(0x24, i - from);
      if (i - from > 32) {
        line.copy(this.buf, this.pos, from, i);
        this.pos += i - from;
      } else {
        for (let k = from; k < i; k++) this.buf[this.pos++] = line[k]!; // cheaper than a view per word
      }
      this.buf[this.pos++] = 13;
      this.buf[this.pos++] = 10;
    }
    return argc;
  }

  /** Appends an argv split by splitArgs (the slow path) as one command. */
  encodeArgv(argv: readonly Buffer[]): void {
    let size = 3 + digits(argv.length);
    for (const a of argv) size += 5 + digits(a.length) + a.length;
    this.room(size);
    this.lastStart = this.pos;
    this.header(0x2a, argv.length);
    for (const a of argv) {
      this.header(0x24, a.length);
      a.copy(this.buf, this.pos);
      this.pos += a.length;
      this.buf[this.pos++] = 13;
      this.buf[this.pos++] = 10;
    }
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // The bytes already encoded stay in the old buffer (entries point into it); new ones go to a fresh one.
    this.filled.push(this.buf);
    this.buf = Buffer.allocUnsafe(Math.max(this.size, n));
    this.pos = 0;
  }

  /** `*N\r\n` or `$N\r\n`. */
  private header(type: number, n: number): void {
    const buf = this.buf;
    buf[this.pos++] = type;
    const end = this.pos + digits(n);
    let i = end;
    do {
      buf[--i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    this.pos = end;
    buf[this.pos++] = 13;
    buf[this.pos++] = 10;
  }
}
