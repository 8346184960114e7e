// The TTY (default interactive) reply format: redis-cli 7.0's cliFormatReplyTTY, plus `(big number)` from newer CLIs.
import type { Reply } from '../resp/types.js';
import { bytes, cString, repr, type ByteString } from './repr.js';

/** cliIsMultilineValueTTY: whether a map value is printed on its own lines (after "=> " and a line break). */
export function isMultilineTTY(r: Reply): boolean {
  switch (r.type) {
    case 'array':
    case 'set':
    case 'push':
      if (r.items.length === 0) return false;
      return r.items.length > 1 || isMultilineTTY(r.items[0]!);
    case 'map':
      if (r.entries.length === 0) return false;
      return r.entries.length > 1 || isMultilineTTY(r.entries[0]![1]);
    default:
      return false;
  }
}

const EMPTY: Record<'array' | 'set' | 'push' | 'map', ByteString> = {
  array: '(empty array)\n',
  set: '(empty set)\n',
  push: '(empty push)\n',
  map: '(empty hash)\n',
};

// A push keeps ')' like an array: redis-cli leaves '>' for a future major version (see the TODO in redis-cli.c).
const SEPARATOR: Record<'array' | 'set' | 'push' | 'map', string> = { array: ')', set: '~', push: ')', map: '#' };

/**
 * One reply in TTY form, each line ending in "\n". `prefix` is the indentation of the enclosing aggregate; nested
 * aggregates put their first line right after the parent's "N) " and indent the rest by prefix + idxlen + 2 spaces.
 * Attributes are not printed (see index.ts).
 */
export function formatTTY(r: Reply, prefix: ByteString = ''): ByteString {
  switch (r.type) {
    case 'error':
      return '(error) ' + bytes(cString(r.value)) + '\n';
    case 'simple':
      return bytes(cString(r.value)) + '\n';
    case 'integer':
      return '(integer) ' + r.value.toString() + '\n';
    case 'double':
      return '(double) ' + r.value + '\n';
    case 'bignum':
      // Not printable by redis-cli 7.0 ("Unknown reply type: 13"); this is the form of redis/redis#15764.
      return '(big number) ' + r.value + '\n';
    case 'bulk':
      return repr(r.value) + '\n';
    case 'verbatim':
      // Bare bytes, no quoting and no re-indentation of embedded newlines.
      return bytes(r.value) + '\n';
    case 'null':
      return '(nil)\n';
    case 'boolean':
      return r.value ? '(true)\n' : '(false)\n';
    case 'array':
    case 'set':
    case 'push':
      return r.items.length === 0 ? EMPTY[r.type] : formatList(r.items, SEPARATOR[r.type], prefix);
    case 'map':
      return r.entries.length === 0 ? EMPTY.map : formatMap(r.entries, prefix);
    default:
      return '';
  }
}

function indexWidth(n: number): number {
  return String(n).length;
}

function formatList(items: Reply[], sep: string, prefix: ByteString): ByteString {
  const width = indexWidth(items.length);
  const child = prefix + ' '.repeat(width + 2);
  let out = '';
  for (let i = 0; i < items.length; i++) {
    out += (i === 0 ? '' : prefix) + String(i + 1).padStart(width) + sep + ' ';
    out += formatTTY(items[i]!, child);
  }
  return out;
}

function formatMap(entries: Array<[Reply, Reply]>, prefix: ByteString): ByteString {
  const width = indexWidth(entries.length);
  const child = prefix + ' '.repeat(width + 2);
  let out = '';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    out += (i === 0 ? '' : prefix) + String(i + 1).padStart(width) + '# ';
    // The key's trailing "\n" is dropped (sdsrange(out,0,-2)) so " => " follows its last line.
    out += formatTTY(key, child).slice(0, -1) + ' => ';
    if (isMultilineTTY(value)) out += '\n' + child;
    out += formatTTY(value, child);
  }
  return out;
}

/** True for the RESP3 client-tracking push redis-cli shows as `-> invalidate: ...` in TTY mode (isInvalidateReply). */
export function isInvalidatePush(r: Reply): boolean {
  if (r.type !== 'push' || r.items.length !== 2) return false;
  const [name, keys] = r.items as [Reply, Reply];
  // strncmp(str, "invalidate", 10): a longer name that starts with "invalidate" matches too.
  if (name.type !== 'bulk' || bytes(name.value.subarray(0, 10)) !== 'invalidate') return false;
  // redis-cli asserts every key is a bulk string; anything else gets the normal push format here.
  return keys.type === 'array' && keys.items.every((k) => k.type === 'bulk');
}

/** cliFormatInvalidateTTY: `-> invalidate: 'k1', 'k2'\n`, keys unescaped and cut at a NUL like C's `%s`. */
export function formatInvalidatePush(r: Reply): ByteString {
  const keys = r.type === 'push' && r.items[1]?.type === 'array' ? r.items[1].items : [];
  const names = keys.map((k) => "'" + (k.type === 'bulk' ? bytes(cString(k.value)) : '') + "'");
  return '-> invalidate: ' + names.join(', ') + '\n';
}
