// The --csv reply format: redis-cli 7.0's cliFormatReplyCSV (every aggregate, maps included, flattened with ',').
import type { Reply } from '../resp/types.js';
import { cString, repr, type ByteString } from './repr.js';

/** One reply in CSV form, without the trailing "\n". Attributes are not printed (see index.ts). */
export function formatCSV(r: Reply): ByteString {
  switch (r.type) {
    case 'error':
      // strlen(): the message is cut at its first NUL.
      return 'ERROR,' + repr(cString(r.value));
    case 'simple':
    case 'bulk':
    case 'verbatim':
      return repr(r.value);
    case 'integer':
      return r.value.toString();
    case 'double':
      return r.value;
    case 'bignum':
      // redis-cli 7.0 exits with "Unknown reply type: 13"; the digits as sent, as in redis/redis#15764.
      return r.value;
    case 'null':
      return 'NULL';
    case 'boolean':
      return r.value ? 'true' : 'false';
    case 'array':
    case 'set':
    case 'push': {
      const items = r.items;
      let out = '';
      for (let i = 0; i < items.length; i++) {
        if (i > 0) out += ',';
        out += formatCSV(items[i]!);
      }
      return out;
    }
    case 'map': {
      const entries = r.entries;
      let out = '';
      for (let i = 0; i < entries.length; i++) {
        if (i > 0) out += ',';
        out += formatCSV(entries[i]![0]) + ',' + formatCSV(entries[i]![1]);
      }
      return out;
    }
    default:
      return '';
  }
}
