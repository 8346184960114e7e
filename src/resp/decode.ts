// Streaming, resumable RESP2/RESP3 decoder that keeps every wire type, with hiredis' error wording and server limits.
import { RESP_TYPES as T, type MapEntries, type Reply } from './types.js';

/** Malformed input; the message is hiredis' wording, printed by eredis as `Error: <message>`. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** The server's proto-max-bulk-len default; longer bulks are refused as soon as their header arrives. */
export const MAX_BULK_LENGTH = 512 * 1024 * 1024;
/** hiredis' REDIS_READER_MAX_ARRAY_ELEMENTS. */
export const MAX_AGGREGATE_LENGTH = 2 ** 32 - 1;

const CR = 13;
const LF = 10;
const DOUBLE_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DOUBLE_SPECIAL = /^-?(?:inf|nan)$/i;
const INT64_MAX = Buffer.from('9223372036854775807');
const INT64_MIN = Buffer.from('9223372036854775808');

/** Type bytes that are followed by one line (LINE), a length then a body (BULK) or a count then elements (AGG). */
const LINE = 1;
const BULK = 2;
const AGG = 3;
const KIND = new Uint8Array(256);
for (const t of [T.SIMPLE_STRING, T.SIMPLE_ERROR, T.INTEGER, T.NULL, T.BOOLEAN, T.DOUBLE, T.BIG_NUMBER]) KIND[t] = LINE;
for (const t of [T.BLOB_STRING, T.BLOB_ERROR, T.VERBATIM_STRING]) KIND[t] = BULK;
for (const t of [T.ARRAY, T.MAP, T.SET, T.ATTRIBUTE, T.PUSH]) KIND[t] = AGG;

interface Frame {
  type: number;
  items: Reply[]; // maps and attributes: keys and values alternate
  left: number;
  attributes: MapEntries | undefined; // for an attribute frame: attributes still pending from before it
}

interface PendingBulk {
  type: number;
  size: number; // body length
  need: number; // body + CRLF
  have: number;
  parts: Buffer[];
}

/**
 * Decodes replies as chunks arrive without ever re-reading consumed bytes: open aggregates live on a stack, a
 * line cut by a chunk boundary is kept in pieces and joined once its CRLF arrives, and a bulk that spans chunks
 * is collected piecewise and joined once. onReply should not throw: the rest of that chunk would be lost.
 */
export class RespDecoder {
  private stack: Frame[] = [];
  private attrs: MapEntries | undefined;
  private lineParts: Buffer[] = [];
  private bulk: PendingBulk | undefined;
  private failure: ProtocolError | undefined;

  constructor(private readonly onReply: (reply: Reply) => void) {}

  /** Feeds bytes; calls onReply for every complete top-level reply. Throws ProtocolError on malformed input. */
  write(chunk: Buffer): void {
    if (this.failure) throw this.failure;
    if (chunk.length === 0) return;
    try {
      let pos = 0;
      if (this.lineParts.length > 0) {
        pos = this.lineEndAcross(chunk);
        if (pos < 0) {
          this.lineParts.push(chunk);
          return;
        }
        // Join only the cut line; the rest of the chunk is parsed in place.
        const head = Buffer.concat([...this.lineParts, chunk.subarray(0, pos)]);
        this.lineParts = [];
        this.parse(head, 0);
      }
      if (this.bulk) {
        pos = this.fillBulk(chunk, pos);
        if (this.bulk) return;
      }
      this.parse(chunk, pos);
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.reset();
        this.failure = err;
      }
      throw err;
    }
  }

  /** Drops any partial reply and a previous protocol error. */
  reset(): void {
    this.stack = [];
    this.attrs = undefined;
    this.lineParts = [];
    this.bulk = undefined;
    this.failure = undefined;
  }

  private parse(buf: Buffer, pos: number): void {
    const len = buf.length;
    while (pos < len) {
      const type = buf[pos];
      const kind = KIND[type];
      if (kind === 0) throw new ProtocolError(`Protocol error, got ${reprByte(type)} as reply type byte`);
      const cr = findCrlf(buf, pos + 1);
      if (cr < 0) {
        this.lineParts.push(buf.subarray(pos));
        return;
      }
      const start = pos + 1;
      pos = cr + 2;
      if (kind === BULK) {
        const n = readLength(buf, start, cr);
        if (n === undefined) throw new ProtocolError('Bad bulk string length');
        if (n < -1 || n > MAX_BULK_LENGTH) throw new ProtocolError('Bulk string length out of range');
        if (n === -1) {
          this.emit({ type: 'null' });
        } else if (pos + n + 2 <= len) {
          this.emit(bulkReply(type, buf.subarray(pos, pos + n)));
          pos += n + 2;
        } else {
          const rest = buf.subarray(pos);
          this.bulk = { type, size: n, need: n + 2, have: rest.length, parts: [rest] };
          return;
        }
      } else if (kind === AGG) {
        const n = readLength(buf, start, cr);
        if (n === undefined) throw new ProtocolError('Bad multi-bulk length');
        if (n < -1 || n > MAX_AGGREGATE_LENGTH) throw new ProtocolError('Multi-bulk length out of range');
        this.openAggregate(type, n);
      } else {
        this.emit(lineReply(type, buf, start, cr));
      }
    }
  }

  private openAggregate(type: number, n: number): void {
    const attributes = this.attrs;
    this.attrs = undefined;
    if (n > 0) {
      this.stack.push({ type, items: [], left: type === T.MAP || type === T.ATTRIBUTE ? 2 * n : n, attributes });
    } else if (type === T.ATTRIBUTE) {
      this.attrs = attributes ?? [];
    } else {
      const reply: Reply = n < 0 ? { type: 'null' } : aggregateReply(type, []);
      if (attributes) reply.attributes = attributes;
      this.emit(reply);
    }
  }

  /** Hands a finished value to the innermost open aggregate, closing aggregates that become complete. */
  private emit(value: Reply): void {
    if (this.attrs) {
      value.attributes = this.attrs;
      this.attrs = undefined;
    }
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) {
        this.onReply(value);
        return;
      }
      top.items.push(value);
      if (--top.left > 0) return;
      this.stack.pop();
      if (top.type === T.ATTRIBUTE) {
        // An attribute is not an element: it waits for the reply that follows it.
        const entries = pairs(top.items);
        this.attrs = top.attributes ? top.attributes.concat(entries) : entries;
        return;
      }
      value = aggregateReply(top.type, top.items);
      if (top.attributes) value.attributes = top.attributes;
    }
  }

  private fillBulk(chunk: Buffer, pos: number): number {
    const bulk = this.bulk!;
    const take = Math.min(bulk.need - bulk.have, chunk.length - pos);
    bulk.parts.push(chunk.subarray(pos, pos + take));
    bulk.have += take;
    pos += take;
    if (bulk.have === bulk.need) {
      this.bulk = undefined;
      const body = bulk.parts.length === 1 ? bulk.parts[0] : Buffer.concat(bulk.parts, bulk.need);
      this.emit(bulkReply(bulk.type, body.subarray(0, bulk.size)));
    }
    return pos;
  }

  /** Where the pending partial line ends in chunk (index after its LF), or -1. */
  private lineEndAcross(chunk: Buffer): number {
    const last = this.lineParts[this.lineParts.length - 1];
    if (last[last.length - 1] === CR && chunk[0] === LF) return 1;
    const cr = findCrlf(chunk, 0);
    return cr < 0 ? -1 : cr + 2;
  }
}

/** Index of the CR of the first CRLF at or after from, or -1. */
function findCrlf(buf: Buffer, from: number): number {
  const last = buf.length - 1;
  let cr = buf.indexOf(CR, from);
  while (cr !== -1 && cr < last && buf[cr + 1] !== LF) cr = buf.indexOf(CR, cr + 1);
  return cr === -1 || cr >= last ? -1 : cr;
}

/**
 * Parses buf[start, end) strictly like hiredis' string2ll (no sign but '-', no leading zeros, fits int64).
 * Returns undefined when malformed; values past 2^53 are approximate, which is enough for range checks.
 */
function readLength(buf: Buffer, start: number, end: number): number | undefined {
  let i = start;
  const negative = buf[i] === 0x2d;
  if (negative) i++;
  const digits = end - i;
  if (digits === 0 || digits > 19 || (buf[i] === 0x30 && (digits > 1 || negative))) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  if (digits === 19 && buf.compare(negative ? INT64_MIN : INT64_MAX, 0, 19, end - 19, end) > 0) return undefined;
  return negative ? -v : v;
}

function lineReply(type: number, buf: Buffer, start: number, end: number): Reply {
  switch (type) {
    case T.INTEGER: {
      const n = readLength(buf, start, end);
      if (n === undefined) throw new ProtocolError('Bad integer value');
      return { type: 'integer', value: end - start < 16 ? BigInt(n) : BigInt(buf.toString('latin1', start, end)) };
    }
    case T.SIMPLE_STRING:
    case T.SIMPLE_ERROR: {
      const value = buf.subarray(start, end);
      if (value.includes(CR) || value.includes(LF)) throw new ProtocolError('Bad simple string value');
      return type === T.SIMPLE_STRING ? { type: 'simple', value } : { type: 'error', value };
    }
    case T.NULL:
      if (end !== start) throw new ProtocolError('Bad nil value');
      return { type: 'null' };
    case T.BOOLEAN: {
      const c = buf[start] | 0x20; // ASCII lower case: hiredis accepts t T f F
      if (end - start !== 1 || (c !== 0x74 && c !== 0x66)) throw new ProtocolError('Bad bool value');
      return { type: 'boolean', value: c === 0x74 };
    }
    case T.DOUBLE: {
      if (end - start >= 326) throw new ProtocolError('Double value is too large');
      const text = buf.toString('latin1', start, end);
      if (!DOUBLE_SPECIAL.test(text) && !(DOUBLE_RE.test(text) && Number.isFinite(Number(text)))) {
        throw new ProtocolError('Bad double value');
      }
      return { type: 'double', value: text };
    }
    default: {
      for (let i = start; i < end; i++) {
        const c = buf[i];
        if ((c < 0x30 || c > 0x39) && !(i === start && c === 0x2d)) throw new ProtocolError('Bad bignum value');
      }
      return { type: 'bignum', value: buf.toString('latin1', start, end) };
    }
  }
}

function bulkReply(type: number, body: Buffer): Reply {
  if (type === T.BLOB_STRING) return { type: 'bulk', value: body };
  if (type === T.BLOB_ERROR) return { type: 'error', value: body, blob: true };
  if (body.length < 4 || body[3] !== 0x3a) {
    throw new ProtocolError('Verbatim string 4 bytes of content type are missing or incorrectly encoded.');
  }
  return { type: 'verbatim', format: body.toString('latin1', 0, 3), value: body.subarray(4) };
}

function aggregateReply(type: number, items: Reply[]): Reply {
  switch (type) {
    case T.MAP:
      return { type: 'map', entries: pairs(items) };
    case T.SET:
      return { type: 'set', items };
    case T.PUSH:
      return { type: 'push', items };
    default:
      return { type: 'array', items };
  }
}

function pairs(flat: Reply[]): MapEntries {
  const entries: MapEntries = new Array(flat.length / 2);
  for (let i = 0; i < flat.length; i += 2) entries[i / 2] = [flat[i], flat[i + 1]];
  return entries;
}

/** A byte the way hiredis' chrtos shows it: "H", "\n", "\x16". */
function reprByte(byte: number): string {
  const escapes: Record<number, string> = { 0x5c: '\\\\', 0x22: '\\"', 10: '\\n', 13: '\\r', 9: '\\t', 7: '\\a', 8: '\\b' };
  if (escapes[byte] !== undefined) return `"${escapes[byte]}"`;
  if (byte >= 0x20 && byte < 0x7f) return `"${String.fromCharCode(byte)}"`;
  return `"\\x${byte.toString(16).padStart(2, '0')}"`;
}
