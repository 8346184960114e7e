// Feeds a decoded Reply to a writer as the same events the scanner reports, so objects and streams print alike.
import { RESP_TYPES as T, type Reply, type ReplyEvents } from '../resp/types.js';

const AGGREGATE: Record<string, number> = { array: T.ARRAY, set: T.SET, push: T.PUSH, map: T.MAP };
const TRUE = Buffer.from('t');
const FALSE = Buffer.from('f');
const NONE = Buffer.alloc(0);

function scalar(r: Reply, to: ReplyEvents): void {
  switch (r.type) {
    case 'simple': to.scalar(T.SIMPLE_STRING, r.value, 0, r.value.length); return;
    case 'error':
      if (r.blob) to.bulk(T.BLOB_ERROR, r.value, 0, r.value.length);
      else to.scalar(T.SIMPLE_ERROR, r.value, 0, r.value.length);
      return;
    case 'bulk': to.bulk(T.BLOB_STRING, r.value, 0, r.value.length); return;
    case 'verbatim': to.bulk(T.VERBATIM_STRING, r.value, 0, r.value.length); return;
    case 'null': to.scalar(T.NULL, NONE, 0, 0); return;
    case 'boolean': to.scalar(T.BOOLEAN, r.value ? TRUE : FALSE, 0, 1); return;
    default: {
      const type = r.type === 'integer' ? T.INTEGER : r.type === 'double' ? T.DOUBLE : T.BIG_NUMBER;
      const text = Buffer.from(String((r as { value: bigint | string }).value), 'latin1');
      to.scalar(type, text, 0, text.length);
    }
  }
}

/** Walks `reply` depth first without recursion (any nesting depth), reporting every value; attributes are skipped. */
export function walkReply(reply: Reply, to: ReplyEvents): void {
  // Each frame: the values still to report in one aggregate (a map's keys and values interleaved).
  const stack: Array<{ values: Reply[]; next: number }> = [{ values: [reply], next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.values.length) {
      stack.pop();
      if (stack.length > 0) to.aggregateEnd();
      continue;
    }
    const r = top.values[top.next++]!;
    const type = AGGREGATE[r.type];
    if (type === undefined) {
      scalar(r, to);
      continue;
    }
    const values = r.type === 'map' ? r.entries.flat() : (r as { items: Reply[] }).items;
    to.aggregateStart(type, r.type === 'map' ? r.entries.length : values.length);
    stack.push({ values, next: 0 });
  }
}
