// The typed decoder as a sink of the event scanner: builds a Reply (every wire type, attributes attached to the value
// that follows them) from the scanner's events, so there is one RESP reader. Also whole-buffer and streaming helpers.
import { EVENTS, RespScanner } from './scanner.js';
import { RESP_TYPES as T, type MapEntries, type Reply, type ReplyEvents } from './types.js';
import { readLength, VERBATIM_PREFIX } from './wire.js';

interface Frame {
  type: number;
  /** Maps and attributes: keys and values alternate. */
  items: Reply[];
  /** Attributes that came before this aggregate: they belong to it. */
  attributes: MapEntries | undefined;
}

export class ReplyCollector implements ReplyEvents {
  readonly typed = true;
  private readonly stack: Frame[] = [];
  private attrs: MapEntries | undefined;
  private bulkType = 0;
  private bulkParts: Buffer[] = [];
  private done: Reply | undefined;

  /** `copy`: the bytes are a reused read buffer, so values keep copies; otherwise they are views of it. */
  constructor(private readonly copy = false) {}

  /** The reply completed since the last take(), if any. */
  take(): Reply | undefined {
    const reply = this.done;
    this.done = undefined;
    return reply;
  }

  /** Forgets a reply in progress (its connection went away). */
  reset(): void {
    this.stack.length = 0;
    this.attrs = undefined;
    this.bulkParts = [];
    this.done = undefined;
  }

  scalar(type: number, buf: Buffer, start: number, end: number): void {
    this.emit(lineReply(type, buf, start, end, this.copy));
  }

  bulk(type: number, buf: Buffer, start: number, end: number): void {
    const body = buf.subarray(start, end);
    this.emit(bulkReply(type, this.copy ? Buffer.from(body) : body));
  }

  bulkStart(type: number): void {
    this.bulkType = type;
    this.bulkParts = [];
  }

  bulkData(buf: Buffer, start: number, end: number): void {
    this.bulkParts.push(Buffer.from(buf.subarray(start, end)));
  }

  bulkEnd(): void {
    const parts = this.bulkParts;
    this.bulkParts = [];
    this.emit(bulkReply(this.bulkType, parts.length === 1 ? parts[0]! : Buffer.concat(parts)));
  }

  aggregateStart(type: number): void {
    const attributes = this.attrs;
    this.attrs = undefined;
    this.stack.push({ type, items: [], attributes });
  }

  aggregateEnd(): void {
    const top = this.stack.pop()!;
    if (top.type === T.ATTRIBUTE) {
      // Not an element: it waits for the value that follows it (two in a row merge).
      const entries = pairs(top.items);
      this.attrs = top.attributes ? top.attributes.concat(entries) : entries;
      return;
    }
    const value = aggregateReply(top.type, top.items);
    if (top.attributes) value.attributes = top.attributes;
    this.place(value);
  }

  private emit(value: Reply): void {
    if (this.attrs) {
      value.attributes = this.attrs;
      this.attrs = undefined;
    }
    this.place(value);
  }

  private place(value: Reply): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.items.push(value);
    else this.done = value;
  }
}

/** Decodes one whole reply from its bytes (a captured reply); values are views of `raw`. */
export function decodeReply(raw: Buffer): Reply {
  const collector = new ReplyCollector();
  const scanner = new RespScanner({ replyStart: () => EVENTS, replyEnd: () => undefined });
  scanner.events = collector;
  scanner.write(raw);
  return collector.take()!;
}

/**
 * Decodes replies from a stream of chunks that stay valid (values may be views of them), calling onReply for each
 * complete one. Malformed input throws ProtocolError (hiredis' words), and again on every later write until reset().
 */
export class ReplyDecoder {
  private scanner!: RespScanner;
  private readonly collector = new ReplyCollector();

  constructor(private readonly onReply: (reply: Reply) => void) {
    this.reset();
  }

  write(chunk: Buffer): void {
    if (chunk.length > 0) this.scanner.write(chunk);
  }

  /** Drops any partial reply and a previous protocol error. */
  reset(): void {
    this.collector.reset();
    this.scanner = new RespScanner({ replyStart: () => EVENTS, replyEnd: () => this.onReply(this.collector.take()!) });
    this.scanner.events = this.collector;
  }
}

function lineReply(type: number, buf: Buffer, start: number, end: number, copy: boolean): Reply {
  switch (type) {
    case T.INTEGER:
      return { type: 'integer', value: end - start < 16 ? BigInt(readLength(buf, start, end)!) : BigInt(buf.toString('latin1', start, end)) };
    case T.SIMPLE_STRING:
    case T.SIMPLE_ERROR: {
      const view = buf.subarray(start, end);
      const value = copy ? Buffer.from(view) : view;
      return type === T.SIMPLE_STRING ? { type: 'simple', value } : { type: 'error', value };
    }
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
  for (let i = 0; i < flat.length; i += 2) entries[i / 2] = [flat[i]!, flat[i + 1]!];
  return entries;
}
