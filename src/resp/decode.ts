// Streaming, resumable RESP2/RESP3 decoder that keeps every wire type, with hiredis' error wording and server limits.
import { RESP_TYPES as T, type MapEntries, type Reply } from './types.js';
import {
  AGG, BULK, checkLine, CR, findCrlf, KIND, LF, MAX_AGGREGATE_LENGTH, MAX_BULK_LENGTH, ProtocolError, readLength, reprByte,
  VERBATIM_ERROR, VERBATIM_PREFIX,
} from './wire.js';

export { ProtocolError } from './wire.js';

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

function lineReply(type: number, buf: Buffer, start: number, end: number): Reply {
  checkLine(type, buf, start, end);
  switch (type) {
    case T.INTEGER:
      return { type: 'integer', value: end - start < 16 ? BigInt(readLength(buf, start, end)!) : BigInt(buf.toString('latin1', start, end)) };
    case T.SIMPLE_STRING:
      return { type: 'simple', value: buf.subarray(start, end) };
    case T.SIMPLE_ERROR:
      return { type: 'error', value: buf.subarray(start, end) };
    case T.NULL:
      return { type: 'null' };
    case T.BOOLEAN:
      return { type: 'boolean', value: (buf[start]! | 0x20) === 0x74 };
    case T.DOUBLE:
      return { type: 'double', value: buf.toString('latin1', start, end) };
    default:
      return { type: 'bignum', value: buf.toString('latin1', start, end) };
  }
}

function bulkReply(type: number, body: Buffer): Reply {
  if (type === T.BLOB_STRING) return { type: 'bulk', value: body };
  if (type === T.BLOB_ERROR) return { type: 'error', value: body, blob: true };
  if (body.length < VERBATIM_PREFIX || body[3] !== 0x3a) throw new ProtocolError(VERBATIM_ERROR);
  return { type: 'verbatim', format: body.toString('latin1', 0, 3), value: body.subarray(VERBATIM_PREFIX) };
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
