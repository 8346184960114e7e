// Event scanner: frames RESP2/RESP3 replies in a byte stream and reports each value as it is read, building no object
// per element, so a million-element reply can be printed while it arrives. Same rules and errors as the decoder.
import { RESP_TYPES as T, type ReplyEvents } from './types.js';
import {
  AGG, BULK, checkLine, findCrlf, KIND, MAX_AGGREGATE_LENGTH, MAX_BULK_LENGTH, ProtocolError, readLength, reprByte,
  VERBATIM_ERROR, VERBATIM_PREFIX,
} from './wire.js';

/** How the target wants one reply read: as events, as its raw bytes (to decode or print later), or not at all. */
export const EVENTS = 0;
export const CAPTURE = 1;
export const SKIP = 2;
export type ScanMode = typeof EVENTS | typeof CAPTURE | typeof SKIP;

export type { ReplyEvents };

const IGNORE: ReplyEvents = {
  scalar: () => undefined, bulk: () => undefined, bulkStart: () => undefined, bulkData: () => undefined,
  bulkEnd: () => undefined, aggregateStart: () => undefined, aggregateEnd: () => undefined,
};

/** Where replies are framed to: the events of an EVENTS-mode reply go to the scanner's `events`. */
export interface ScanTarget {
  /** A top-level reply begins with this type byte (`|` when attributes come first): how to read it. */
  replyStart(type: number): ScanMode;
  /** The reply is complete; `raw` holds all its bytes when it was captured. */
  replyEnd(raw: Buffer | undefined): void;
}

/**
 * Feed it chunks; it calls the target as values complete. A chunk may be a reused read buffer: whatever the scanner
 * keeps past a write (a cut line, captured bytes) it copies, and events see the chunk only while they run. A protocol error throws ProtocolError (hiredis' words) and
 * every later write throws it again: the connection is unusable after that.
 */
export class RespScanner {
  /** Elements left in each open aggregate (maps and attributes count keys and values). */
  private readonly left: number[] = [];
  private readonly types: number[] = [];
  private attributeDepth = 0;
  private inReply = false;
  private mode: ScanMode = EVENTS;
  private lineParts: Buffer[] = [];
  /** A bulk value in progress: body bytes still to come, then its CRLF. */
  private bulkLeft = -1;
  private crlfLeft = 0;
  private prefixLeft = 0;
  private readonly captured: Buffer[] = [];
  private captureFrom = 0;
  private failure: ProtocolError | undefined;
  /** Receives the values of replies read in EVENTS mode; the target may switch it in replyStart. */
  events: ReplyEvents = IGNORE;

  constructor(private readonly target: ScanTarget) {}

  /** True while a reply has started and not ended. */
  get midReply(): boolean {
    return this.inReply;
  }

  /** From now on the current reply's remaining values are read but not reported (e.g. its reader went away). */
  skipRestOfReply(): void {
    if (this.inReply && this.mode === EVENTS) this.mode = SKIP;
  }

  write(chunk: Buffer): void {
    if (this.failure) throw this.failure;
    try {
      this.scan(chunk);
    } catch (err) {
      if (err instanceof ProtocolError) this.failure = err;
      throw err;
    }
  }

  private scan(chunk: Buffer): void {
    this.captureFrom = 0;
    let pos = 0;
    if (this.lineParts.length > 0) {
      const end = this.lineEndIn(chunk);
      if (end < 0) {
        this.lineParts.push(Buffer.from(chunk));
        this.keepCaptured(chunk, chunk.length);
        return;
      }
      const line = Buffer.concat([...this.lineParts, chunk.subarray(0, end)]);
      this.lineParts = [];
      pos = this.item(line, 0, chunk, end);
    }
    if (this.bulkLeft >= 0 || this.crlfLeft > 0) pos = this.fillBulk(chunk, pos);
    while (pos < chunk.length && this.bulkLeft < 0 && this.crlfLeft === 0) pos = this.item(chunk, pos, chunk, -1);
    if (this.inReply) this.keepCaptured(chunk, chunk.length);
  }

  /**
   * Reads one item starting at buf[pos]. `buf` is the chunk, or a joined line whose last byte sits at `chunkEnd` in
   * `chunk` (then the item ends there). Returns the position after the item in `chunk`'s terms.
   */
  private item(buf: Buffer, pos: number, chunk: Buffer, chunkEnd: number): number {
    const type = buf[pos]!;
    if (!this.inReply) {
      this.inReply = true;
      this.mode = this.target.replyStart(type);
      this.captured.length = 0;
      this.captureFrom = chunkEnd < 0 ? pos : 0;
    }
    const kind = KIND[type];
    if (kind === 0) throw new ProtocolError(`Protocol error, got ${reprByte(type)} as reply type byte`);
    const cr = findCrlf(buf, pos + 1);
    if (cr < 0) {
      this.lineParts.push(Buffer.from(buf.subarray(pos)));
      return buf.length;
    }
    const next = chunkEnd < 0 ? cr + 2 : chunkEnd;
    if (kind === AGG) {
      const n = readLength(buf, pos + 1, cr);
      if (n === undefined) throw new ProtocolError('Bad multi-bulk length');
      if (n < -1 || n > MAX_AGGREGATE_LENGTH) throw new ProtocolError('Multi-bulk length out of range');
      this.openAggregate(type, n, chunk, next);
      return next;
    }
    if (kind === BULK) {
      const n = readLength(buf, pos + 1, cr);
      if (n === undefined) throw new ProtocolError('Bad bulk string length');
      if (n < -1 || n > MAX_BULK_LENGTH) throw new ProtocolError('Bulk string length out of range');
      if (n === -1) return this.scalar(T.NULL, buf, cr, cr, chunk, next);
      if (type === T.VERBATIM_STRING && n < VERBATIM_PREFIX) throw new ProtocolError(VERBATIM_ERROR);
      if (chunkEnd < 0 && next + n + 2 <= chunk.length) return this.wholeBulk(type, chunk, next, n);
      this.bulkLeft = n;
      this.crlfLeft = 2;
      this.prefixLeft = type === T.VERBATIM_STRING ? VERBATIM_PREFIX : 0;
      if (this.reporting()) this.events.bulkStart(type, this.events.typed ? n : n - this.prefixLeft);
      return this.fillBulk(chunk, next);
    }
    checkLine(type, buf, pos + 1, cr);
    return this.scalar(type, buf, pos + 1, cr, chunk, next);
  }

  private scalar(type: number, buf: Buffer, start: number, end: number, chunk: Buffer, next: number): number {
    if (this.reporting()) this.events.scalar(type, buf, start, end);
    this.valueDone(chunk, next);
    return next;
  }

  private wholeBulk(type: number, chunk: Buffer, start: number, n: number): number {
    let from = start;
    if (type === T.VERBATIM_STRING) {
      if (chunk[start + 3] !== 0x3a) throw new ProtocolError(VERBATIM_ERROR);
      if (!this.events.typed) from += VERBATIM_PREFIX;
    }
    if (this.reporting()) this.events.bulk(type, chunk, from, start + n);
    const next = start + n + 2;
    this.valueDone(chunk, next);
    return next;
  }

  /** Takes what the chunk holds of the bulk value in progress; returns where the scan goes on. */
  private fillBulk(chunk: Buffer, pos: number): number {
    if (this.bulkLeft > 0) {
      let take = Math.min(this.bulkLeft, chunk.length - pos);
      const report = this.reporting();
      const from = pos;
      // A verbatim string's `txt:` is read, checked (its fourth byte is ':') and reported only to typed sinks.
      for (; this.prefixLeft > 0 && take > 0; this.prefixLeft--, this.bulkLeft--, pos++, take--) {
        if (this.prefixLeft === 1 && chunk[pos] !== 0x3a) throw new ProtocolError(VERBATIM_ERROR);
      }
      const dataFrom = report && this.events.typed ? from : pos;
      if (pos + take > dataFrom && report) this.events.bulkData(chunk, dataFrom, pos + take);
      this.bulkLeft -= take;
      pos += take;
    }
    if (this.bulkLeft > 0) return pos;
    this.bulkLeft = -1;
    const crlf = Math.min(this.crlfLeft, chunk.length - pos);
    this.crlfLeft -= crlf;
    pos += crlf;
    if (this.crlfLeft > 0) return pos;
    if (this.reporting()) this.events.bulkEnd();
    this.valueDone(chunk, pos);
    return pos;
  }

  private openAggregate(type: number, n: number, chunk: Buffer, next: number): void {
    if (type === T.ATTRIBUTE) {
      // Not an element: it annotates the value that follows, which is what the reader gets (`|-1` counts as `|0`).
      const typed = this.reporting() && this.events.typed;
      if (typed) this.events.aggregateStart(type, Math.max(n, 0));
      if (n > 0) {
        this.left.push(2 * n);
        this.types.push(type);
        this.attributeDepth++;
      } else if (typed) {
        this.events.aggregateEnd();
      }
      return;
    }
    if (n === -1) {
      this.scalar(T.NULL, chunk, next, next, chunk, next);
      return;
    }
    if (this.reporting()) this.events.aggregateStart(type, n);
    if (n === 0) {
      if (this.reporting()) this.events.aggregateEnd();
      this.valueDone(chunk, next);
      return;
    }
    this.left.push(type === T.MAP ? 2 * n : n);
    this.types.push(type);
  }

  /** A value ended at chunk[next]: count it in its aggregate, closing those it completes, and maybe the reply. */
  private valueDone(chunk: Buffer, next: number): void {
    for (;;) {
      const top = this.left.length - 1;
      if (top < 0) {
        this.endReply(chunk, next);
        return;
      }
      if (--this.left[top]! > 0) return;
      this.left.pop();
      if (this.types.pop() === T.ATTRIBUTE) {
        this.attributeDepth--;
        if (this.reporting() && this.events.typed) this.events.aggregateEnd();
        return;
      }
      if (this.reporting()) this.events.aggregateEnd();
    }
  }

  private endReply(chunk: Buffer, next: number): void {
    let raw: Buffer | undefined;
    if (this.mode === CAPTURE) {
      const tail = chunk.subarray(this.captureFrom, next);
      raw = Buffer.concat([...this.captured, tail]); // a copy, even of one piece: the chunk may be reused
      this.captured.length = 0;
    }
    this.inReply = false;
    this.captureFrom = next;
    this.target.replyEnd(raw);
  }

  private reporting(): boolean {
    return this.mode === EVENTS && (this.attributeDepth === 0 || this.events.typed === true);
  }

  /** A captured reply goes on past this chunk: keep its part of it. */
  private keepCaptured(chunk: Buffer, end: number): void {
    if (this.mode === CAPTURE && this.captureFrom < end) this.captured.push(Buffer.from(chunk.subarray(this.captureFrom, end)));
    this.captureFrom = 0;
  }

  /** Where the pending partial line ends in chunk (index after its LF), or -1. */
  private lineEndIn(chunk: Buffer): number {
    const last = this.lineParts[this.lineParts.length - 1]!;
    if (last[last.length - 1] === 13 && chunk[0] === 10) return 1;
    const cr = findCrlf(chunk, 0);
    return cr < 0 ? -1 : cr + 2;
  }
}
