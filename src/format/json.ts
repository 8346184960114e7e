// The --json and --quoted-json reply formats: redis-cli 7.0's cliFormatReplyJson with its two string encoders.
import type { Reply } from '../resp/types.js';
import { cString, jsonString, quotedJsonString, type ByteString } from './repr.js';

/**
 * One reply in JSON form, without the trailing "\n". Faithful to redis-cli, so not always valid JSON: an error is
 * `error:"..."`, --json passes non-UTF-8 bytes through raw, and --quoted-json turns `"` into `\\"`.
 * Attributes are not printed (see index.ts).
 */
export function formatJSON(r: Reply, quoted = false): ByteString {
  const str = quoted ? quotedJsonString : jsonString;
  return formatValue(r, str);
}

type StringForm = (buf: Buffer) => ByteString;

function formatValue(r: Reply, str: StringForm): ByteString {
  switch (r.type) {
    case 'error':
      // strlen(): the message is cut at its first NUL.
      return 'error:' + str(cString(r.value));
    case 'simple':
    case 'bulk':
    case 'verbatim':
      return str(r.value);
    case 'integer':
      return r.value.toString();
    case 'double':
      // As sent, so it can be `inf` or `nan` (not JSON), exactly like redis-cli.
      return r.value;
    case 'bignum':
      // redis-cli 7.0 exits with "Unknown reply type: 13". redis/redis#15764 prints a JSON string in both JSON
      // modes: it keeps every digit (and leading zeros) and stays valid JSON for any consumer.
      return str(Buffer.from(r.value, 'latin1'));
    case 'null':
      return 'null';
    case 'boolean':
      return r.value ? 'true' : 'false';
    case 'array':
    case 'set':
    case 'push': {
      const items = r.items;
      let out = '[';
      for (let i = 0; i < items.length; i++) {
        if (i > 0) out += ',';
        out += formatValue(items[i]!, str);
      }
      return out + ']';
    }
    case 'map': {
      const entries = r.entries;
      let out = '{';
      for (let i = 0; i < entries.length; i++) {
        if (i > 0) out += ',';
        out += formatKey(entries[i]![0], str) + ':' + formatValue(entries[i]![1], str);
      }
      return out + '}';
    }
    default:
      return 'null';
  }
}

/**
 * A map key: string-like keys (error, status, bulk, verbatim) print as themselves, so an error key stays
 * `error:"..."`; anything else is formatted and wrapped in quotes unless it already starts with one
 * (integer 1 -> "1", an array key -> "["a"]", invalid JSON like redis-cli's).
 */
function formatKey(key: Reply, str: StringForm): ByteString {
  switch (key.type) {
    case 'error':
    case 'simple':
    case 'bulk':
    case 'verbatim':
      return formatValue(key, str);
    default: {
      const s = formatValue(key, str);
      return s.charCodeAt(0) === 0x22 ? s : '"' + s + '"';
    }
  }
}
