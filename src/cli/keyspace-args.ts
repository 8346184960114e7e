// The key-space flags (--scan, --bigkeys, --memkeys, --hotkeys, --keystats and their options), read the way redis-cli
// reads them: 7.0's for the 7.0 modes, 7.2's --count, 7.4's checks for --keystats-samples, --cursor and --top.
import { atoi } from '../util/c-numbers.js';
import { strtoull } from '../util/c-numbers.js';

export interface KeyspaceFlags {
  scan: boolean;
  bigkeys: boolean;
  memkeys: boolean;
  hotkeys: boolean;
  keystats: boolean;
  /** --pattern (quoted: false) or --quoted-pattern (still to be unquoted); the last one given wins. */
  pattern?: { text: string; quoted: boolean };
  /** --count (atoi): sent as SCAN ... COUNT n only when given. */
  count?: number;
  /** MEMORY USAGE ... SAMPLES n; undefined means the server's default (no SAMPLES argument). */
  samples?: number;
  /** --top (default 10) and --cursor (default 0), unsigned 64-bit as in redis-cli. */
  top: bigint;
  cursor: bigint;
}

/** A flag value redis-cli refuses, with its words (exit 1). */
export class KeyspaceFlagError extends Error {}

export function defaultKeyspaceFlags(): KeyspaceFlags {
  return { scan: false, bigkeys: false, memkeys: false, hotkeys: false, keystats: false, top: 10n, cursor: 0n };
}

/** --scan, --bigkeys, --memkeys, --hotkeys, --keystats. False when `key` is not one of them. */
export function applyKeyspaceSwitch(k: KeyspaceFlags, key: string): boolean {
  switch (key) {
    case 'scan': k.scan = true; return true;
    case 'bigkeys': k.bigkeys = true; return true;
    case 'hotkeys': k.hotkeys = true; return true;
    // Both reset the sample count to the server's default, as redis-cli does.
    case 'memkeys': k.memkeys = true; k.samples = undefined; return true;
    case 'keystats': k.keystats = true; k.samples = undefined; return true;
    default: return false;
  }
}

/** strtoll/strtoull with redis-cli 7.4's checks: no trailing characters, no negative value. */
function checked(flag: string, value: string, positiveWords: string): bigint {
  const { value: n, rest, negative } = strtoull(value);
  if (rest !== '') throw new KeyspaceFlagError(`${flag} conversion error.`);
  if (negative && n !== 0n) throw new KeyspaceFlagError(`${flag} ${positiveWords}`);
  return n;
}

/** The key-space flags that take a value. False when `key` is not one of them. */
export function applyKeyspaceValue(k: KeyspaceFlags, key: string, value: string): boolean {
  switch (key) {
    case 'pattern': k.pattern = { text: value, quoted: false }; return true;
    case 'quotedPattern': k.pattern = { text: value, quoted: true }; return true;
    case 'count': k.count = atoi(value); return true;
    case 'memkeysSamples': {
      // 7.0: atoi into an unsigned; 0 (or garbage) means the server's default.
      const n = atoi(value) >>> 0;
      k.memkeys = true;
      k.samples = n === 0 ? undefined : n;
      return true;
    }
    case 'keystatsSamples': {
      k.keystats = true;
      k.samples = Number(checked('--keystats-samples', value, 'value should be positive.'));
      return true;
    }
    case 'top': k.top = checked('--top', value, 'should be followed by a positive integer.'); return true;
    case 'cursor': k.cursor = checked('--cursor', value, 'should be followed by a positive integer.'); return true;
    default: return false;
  }
}
