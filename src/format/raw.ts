// The raw reply format (--raw, or stdout not a tty): redis-cli 7.0's cliFormatReplyRaw, with the -d bulk delimiter.
import type { Reply } from '../resp/types.js';
import { bytes, type ByteString } from './repr.js';

/**
 * One reply in raw form. Aggregates are flattened with no markers and their elements joined by `bulkDelimiter`
 * (`-d`, default "\n"); a map prints "key value" per pair. The caller appends the reply delimiter (`-D`).
 * Attributes are not printed (see index.ts).
 */
export function formatRaw(r: Reply, bulkDelimiter: ByteString): ByteString {
  switch (r.type) {
    case 'null':
      return '';
    case 'error':
      // Errors get their own "\n" on top of any delimiter, even nested: a blank line follows them.
      return bytes(r.value) + '\n';
    case 'simple':
    case 'bulk':
    case 'verbatim':
      return bytes(r.value);
    case 'boolean':
      return r.value ? '(true)' : '(false)';
    case 'integer':
      return r.value.toString();
    case 'double':
      return r.value;
    case 'bignum':
      // redis-cli 7.0 exits with "Unknown reply type: 13"; the digits as sent, as in redis/redis#15764.
      return r.value;
    case 'array':
    case 'set':
    case 'push': {
      const items = r.items;
      let out = '';
      for (let i = 0; i < items.length; i++) {
        if (i > 0) out += bulkDelimiter;
        out += formatRaw(items[i]!, bulkDelimiter);
      }
      return out;
    }
    case 'map': {
      const entries = r.entries;
      let out = '';
      for (let i = 0; i < entries.length; i++) {
        if (i > 0) out += bulkDelimiter;
        out += formatRaw(entries[i]![0], bulkDelimiter) + ' ' + formatRaw(entries[i]![1], bulkDelimiter);
      }
      return out;
    }
    default:
      return '';
  }
}
