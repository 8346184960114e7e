// The RESP wire rules the typed decoder and the event scanner share: type bytes, lengths, line values, limits, errors.
import { RESP_TYPES as T } from './types.js';

/** Malformed input; the message is hiredis' wording, printed by eredis as `Error: <message>`. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** The server's proto-max-bulk-len default; longer bulks are refused as soon as their header arrives. */
export const MAX_BULK_LENGTH = 512 * 1024 * 1024;
/** hiredis' REDIS_READER_MAX_ARRAY_ELEMENTS. */
export const MAX_AGGREGATE_LENGTH = 2 ** 32 - 1;

export const CR = 13;
export const LF = 10;
const DOUBLE_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DOUBLE_SPECIAL = /^-?(?:inf|nan)$/i;
const INT64_MAX = Buffer.from('9223372036854775807');
const INT64_MIN = Buffer.from('9223372036854775808');

/** Type bytes that are followed by one line (LINE), a length then a body (BULK) or a count then elements (AGG). */
export const LINE = 1;
export const BULK = 2;
export const AGG = 3;
export const KIND = new Uint8Array(256);
for (const t of [T.SIMPLE_STRING, T.SIMPLE_ERROR, T.INTEGER, T.NULL, T.BOOLEAN, T.DOUBLE, T.BIG_NUMBER]) KIND[t] = LINE;
for (const t of [T.BLOB_STRING, T.BLOB_ERROR, T.VERBATIM_STRING]) KIND[t] = BULK;
for (const t of [T.ARRAY, T.MAP, T.SET, T.ATTRIBUTE, T.PUSH]) KIND[t] = AGG;

/** Index of the CR of the first CRLF at or after from, or -1. */
export function findCrlf(buf: Buffer, from: number): number {
  const last = buf.length - 1;
  let cr = buf.indexOf(CR, from);
  while (cr !== -1 && cr < last && buf[cr + 1] !== LF) cr = buf.indexOf(CR, cr + 1);
  return cr === -1 || cr >= last ? -1 : cr;
}

/**
 * Parses buf[start, end) strictly like hiredis' string2ll (no sign but '-', no leading zeros, fits int64).
 * Returns undefined when malformed; values past 2^53 are approximate, which is enough for range checks.
 */
export function readLength(buf: Buffer, start: number, end: number): number | undefined {
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

/** A byte the way hiredis' chrtos shows it: "H", "\n", "\x16". */
export function reprByte(byte: number): string {
  const escapes: Record<number, string> = { 0x5c: '\\\\', 0x22: '\\"', 10: '\\n', 13: '\\r', 9: '\\t', 7: '\\a', 8: '\\b' };
  if (escapes[byte] !== undefined) return `"${escapes[byte]}"`;
  if (byte >= 0x20 && byte < 0x7f) return `"${String.fromCharCode(byte)}"`;
  return `"\\x${byte.toString(16).padStart(2, '0')}"`;
}

/**
 * Validates the value of a one-line type (+ - : _ # , () in buf[start, end) the way hiredis does, throwing
 * ProtocolError in its words. Integers must be int64; doubles and big numbers keep their text as sent.
 */
export function checkLine(type: number, buf: Buffer, start: number, end: number): void {
  switch (type) {
    case T.INTEGER:
      if (readLength(buf, start, end) === undefined) throw new ProtocolError('Bad integer value');
      return;
    case T.SIMPLE_STRING:
    case T.SIMPLE_ERROR: {
      const cr = buf.indexOf(CR, start);
      const lf = buf.indexOf(LF, start);
      if ((cr >= 0 && cr < end) || (lf >= 0 && lf < end)) throw new ProtocolError('Bad simple string value');
      return;
    }
    case T.NULL:
      if (end !== start) throw new ProtocolError('Bad nil value');
      return;
    case T.BOOLEAN: {
      const c = buf[start]! | 0x20; // ASCII lower case: hiredis accepts t T f F
      if (end - start !== 1 || (c !== 0x74 && c !== 0x66)) throw new ProtocolError('Bad bool value');
      return;
    }
    case T.DOUBLE: {
      if (end - start >= 326) throw new ProtocolError('Double value is too large');
      const text = buf.toString('latin1', start, end);
      if (!DOUBLE_SPECIAL.test(text) && !(DOUBLE_RE.test(text) && Number.isFinite(Number(text)))) {
        throw new ProtocolError('Bad double value');
      }
      return;
    }
    default:
      for (let i = start; i < end; i++) {
        const c = buf[i]!;
        if ((c < 0x30 || c > 0x39) && !(i === start && c === 0x2d)) throw new ProtocolError('Bad bignum value');
      }
  }
}

/** A verbatim string's body starts with a 3-byte format and ':' (`txt:`). */
export const VERBATIM_PREFIX = 4;
export const VERBATIM_ERROR = 'Verbatim string 4 bytes of content type are missing or incorrectly encoded.';
