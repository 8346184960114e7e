// redis-cli's byte quoting (hiredis sds.c hi_sdscatrepr) and JSON string escapes (cli_common.c), written byte by byte
// through escape tables straight into a ByteSink.
import { collectBytes, type ByteSink } from './byte-sink.js';

/** A JS string whose char codes are bytes (0-255, latin1). */
export type ByteString = string;

function hex2(c: number): string {
  return c < 0x10 ? '0' + c.toString(16) : c.toString(16);
}

/** sdscatrepr's escape for every byte; '' for printable bytes (isprint in the C locale: 0x20-0x7e), kept as is. */
const REPR: readonly string[] = Array.from({ length: 256 }, (_, c) => {
  switch (c) {
    case 0x5c: return '\\\\';
    case 0x22: return '\\"';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    default: return c >= 0x20 && c <= 0x7e ? '' : '\\x' + hex2(c);
  }
});

/** --quoted-json: sdscatrepr with every backslash doubled (`"` becomes `\\"`, as in redis-cli). */
const QUOTED_JSON: readonly string[] = REPR.map((e) => e.replace(/\\/g, '\\\\'));

/** escapeJsonString's escape for every byte: only `\`, `"` and bytes <= 0x1f change; 0x7f and >= 0x80 stay raw. */
const JSON_ESC: readonly string[] = Array.from({ length: 256 }, (_, c) => {
  switch (c) {
    case 0x5c: return '\\\\';
    case 0x22: return '\\"';
    case 0x0a: return '\\n';
    case 0x0c: return '\\f';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x08: return '\\b';
    default: return c <= 0x1f ? '\\u' + c.toString(16).padStart(4, '0') : '';
  }
});

/** A table-driven escaper: runs of bytes that need nothing are copied, the others replaced by their escape. */
export type Escaper = (sink: ByteSink, buf: Buffer, start: number, end: number) => void;

function escaper(table: readonly string[]): Escaper {
  const needs = Uint8Array.from(table, (e) => (e === '' ? 0 : 1));
  return (sink, buf, start, end) => {
    let run = start;
    for (let i = start; i < end; i++) {
      if (needs[buf[i]!] === 0) continue;
      if (i > run) sink.bytes(buf, run, i);
      sink.latin1(table[buf[i]!]!);
      run = i + 1;
    }
    if (end > run) sink.bytes(buf, run, end);
  };
}

/** The body of sdscatrepr (no quotes). */
export const writeRepr: Escaper = escaper(REPR);
/** The body of a --quoted-json string (no quotes). */
export const writeQuotedJson: Escaper = escaper(QUOTED_JSON);
/** The body of a --json string (no quotes). */
export const writeJson: Escaper = escaper(JSON_ESC);

/** The end of the C string in buf[start, end): the first NUL, else end (what `%s`/strlen sees). */
export function cStringEnd(buf: Buffer, start: number, end: number): number {
  const z = buf.indexOf(0, start);
  return z < 0 || z >= end ? end : z;
}

/** `"` + sdscatrepr body + `"` for a Buffer, e.g. `"h\xc3\xa9llo"`. */
export function repr(buf: Buffer): ByteString {
  return collectBytes((sink) => {
    sink.byte(0x22);
    writeRepr(sink, buf, 0, buf.length);
    sink.byte(0x22);
  });
}

/** cli_common.c escapeJsonString: the `--json` string form. Not valid JSON for non-UTF-8 bytes, as in redis-cli. */
export function jsonString(buf: Buffer): ByteString {
  return collectBytes((sink) => {
    sink.byte(0x22);
    writeJson(sink, buf, 0, buf.length);
    sink.byte(0x22);
  });
}

/** The `--quoted-json` string form: sdscatrepr with every backslash doubled (`"` becomes `\\"`, as in redis-cli). */
export function quotedJsonString(buf: Buffer): ByteString {
  return collectBytes((sink) => {
    sink.byte(0x22);
    writeQuotedJson(sink, buf, 0, buf.length);
    sink.byte(0x22);
  });
}

/** The bytes before the first NUL: what C's `%s`/strlen sees (redis-cli prints errors and TTY status that way). */
export function cString(buf: Buffer): Buffer {
  return buf.subarray(0, cStringEnd(buf, 0, buf.length));
}

/** A Buffer as a byte string. */
export function bytes(buf: Buffer): ByteString {
  return buf.toString('latin1');
}
