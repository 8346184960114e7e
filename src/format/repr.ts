// redis-cli's byte quoting (hiredis sds.c hi_sdscatrepr) and JSON string escapes (cli_common.c), on byte strings.

/**
 * Formatters build "byte strings": JS strings whose char codes are bytes (0-255, latin1). Concatenating strings is far
 * cheaper than concatenating Buffers for huge replies; the caller converts once with Buffer.from(out, 'latin1').
 */
export type ByteString = string;

function hex2(c: number): string {
  return c < 0x10 ? '0' + c.toString(16) : c.toString(16);
}

/** sdscatrepr's escape for every byte; printable bytes (isprint in the C locale: 0x20-0x7e) map to themselves. */
const REPR: readonly string[] = Array.from({ length: 256 }, (_, c) => {
  switch (c) {
    case 0x5c: return '\\\\';
    case 0x22: return '\\"';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    default: return c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '\\x' + hex2(c);
  }
});

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
    default: return c <= 0x1f ? '\\u' + c.toString(16).padStart(4, '0') : String.fromCharCode(c);
  }
});

function needsRepr(c: number): boolean {
  return c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c;
}

function needsJson(c: number): boolean {
  return c < 0x20 || c === 0x22 || c === 0x5c;
}

/** `"` + sdscatrepr body + `"` for a Buffer, e.g. `"h\xc3\xa9llo"`. */
export function repr(buf: Buffer): ByteString {
  const n = buf.length;
  let i = 0;
  while (i < n && !needsRepr(buf[i]!)) i++;
  if (i === n) return '"' + buf.toString('latin1') + '"';
  let out = '"' + buf.toString('latin1', 0, i);
  for (; i < n; i++) out += REPR[buf[i]!];
  return out + '"';
}

/** cli_common.c escapeJsonString: the `--json` string form. Not valid JSON for non-UTF-8 bytes, as in redis-cli. */
export function jsonString(buf: Buffer): ByteString {
  const n = buf.length;
  let i = 0;
  while (i < n && !needsJson(buf[i]!)) i++;
  if (i === n) return '"' + buf.toString('latin1') + '"';
  let out = '"' + buf.toString('latin1', 0, i);
  for (; i < n; i++) out += JSON_ESC[buf[i]!];
  return out + '"';
}

/** The `--quoted-json` string form: sdscatrepr with every backslash doubled (`"` becomes `\\"`, as in redis-cli). */
export function quotedJsonString(buf: Buffer): ByteString {
  const q = repr(buf);
  return q.indexOf('\\') < 0 ? q : q.replace(/\\/g, '\\\\');
}

/** The bytes before the first NUL: what C's `%s`/strlen sees (redis-cli prints errors and TTY status that way). */
export function cString(buf: Buffer): Buffer {
  const z = buf.indexOf(0);
  return z < 0 ? buf : buf.subarray(0, z);
}

/** A Buffer as a byte string. */
export function bytes(buf: Buffer): ByteString {
  return buf.toString('latin1');
}
