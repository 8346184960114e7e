// The Reply tagged union: every RESP2/RESP3 wire type kept as sent, so formatters can print exactly what redis-cli prints.

/** Wire type bytes, keyed by name (the only source of type names). */
export const RESP_TYPES = {
  SIMPLE_STRING: 0x2b, // +
  SIMPLE_ERROR: 0x2d, // -
  INTEGER: 0x3a, // :
  BLOB_STRING: 0x24, // $
  ARRAY: 0x2a, // *
  NULL: 0x5f, // _
  BOOLEAN: 0x23, // #
  DOUBLE: 0x2c, // ,
  BIG_NUMBER: 0x28, // (
  BLOB_ERROR: 0x21, // !
  VERBATIM_STRING: 0x3d, // =
  MAP: 0x25, // %
  SET: 0x7e, // ~
  ATTRIBUTE: 0x7c, // |
  PUSH: 0x3e, // >
} as const;

export type MapEntries = Array<[Reply, Reply]>;

interface Base {
  /** RESP3 attributes (`|`) that preceded this reply on the wire. */
  attributes?: MapEntries;
}

export type Reply = Base &
  (
    | { type: 'simple'; value: Buffer }
    | { type: 'error'; value: Buffer; blob?: boolean }
    | { type: 'integer'; value: bigint }
    | { type: 'bulk'; value: Buffer }
    | { type: 'null' }
    | { type: 'double'; value: string }
    | { type: 'boolean'; value: boolean }
    | { type: 'bignum'; value: string }
    | { type: 'verbatim'; format: string; value: Buffer }
    | { type: 'array' | 'set' | 'push'; items: Reply[] }
    | { type: 'map'; entries: MapEntries }
  );

/**
 * The values of a reply, in wire order. Attributes are not reported to writers (nobody prints them); a sink that
 * builds typed replies sets `typed` and gets everything on the wire: attributes as ATTRIBUTE aggregates (`|0` too),
 * and a verbatim string with its `txt:` prefix.
 */
export interface ReplyEvents {
  readonly typed?: boolean;
  /** A one-line value (+ - : _ # , () or a null bulk/aggregate (reported as `_`), validated; bytes are buf[start, end). */
  scalar(type: number, buf: Buffer, start: number, end: number): void;
  /** A whole bulk value ($ ! =) in one piece; a verbatim string comes without its `txt:` prefix. */
  bulk(type: number, buf: Buffer, start: number, end: number): void;
  /** A bulk value cut by the network: its length (verbatim: without the prefix), then pieces, then the end. */
  bulkStart(type: number, length: number): void;
  bulkData(buf: Buffer, start: number, end: number): void;
  bulkEnd(): void;
  /** An aggregate (* % ~ >) of `count` elements (a map: `count` pairs); its elements follow, then aggregateEnd. */
  aggregateStart(type: number, count: number): void;
  aggregateEnd(): void;
}
