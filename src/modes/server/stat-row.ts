// --stat's header and rows from INFO text, exactly as redis-cli 7.0's statMode prints them (strstr field lookup included).
import { bytesToHuman, padRight } from './c-format.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

export const STAT_HEADER =
  '------- data ------ --------------------- load -------------------- - child -\n'
  + 'keys       mem      clients blocked requests            connections          \n';

/**
 * redis-cli's getInfoField: the first occurrence of `field` anywhere in the text (a plain strstr, so
 * "bgsave_in_progress" matches inside "rdb_bgsave_in_progress"), skipping one more character, up to '\r' or ','.
 */
export function infoField(info: string, field: string): string | undefined {
  const at = info.indexOf(field);
  if (at < 0) return undefined;
  const start = at + field.length + 1;
  const cr = info.indexOf('\r', start);
  const comma = info.indexOf(',', start);
  const end = comma >= 0 && (cr < 0 || comma < cr) ? comma : cr < 0 ? info.length : cr;
  return info.slice(start, end);
}

/** getLongInfoField: strtol of the field (clamped like strtol), LONG_MIN when the field is missing. */
export function longInfoField(info: string, field: string): bigint {
  const value = infoField(info, field);
  if (value === undefined) return LONG_MIN;
  const m = /^\s*([+-]?\d+)/.exec(value);
  if (!m) return 0n;
  const n = BigInt(m[1]!);
  return n < LONG_MIN ? LONG_MIN : n > LONG_MAX ? LONG_MAX : n;
}

const wrap = (n: bigint) => BigInt.asIntN(64, n);

/** The state one --stat loop keeps between rows. */
export interface StatState {
  /** total_commands_processed of the previous row (0 before the first). */
  requests: bigint;
}

/** One row (with its newline) for INFO text `info`; updates `state.requests`. */
export function statRow(info: string, state: StatState): string {
  let keys = 0n;
  for (let j = 0; j < 20; j++) {
    const k = longInfoField(info, `db${j}:keys`);
    if (k !== LONG_MIN) keys = wrap(keys + k);
  }
  const keysText = String(keys);
  let row = padRight(keysText, 11);
  const memory = longInfoField(info, 'used_memory');
  // A missing field is LONG_MIN, which bytesToHuman cannot negate: C prints the sign twice.
  row += padRight(memory === LONG_MIN ? `-${LONG_MIN}B` : bytesToHuman(Number(memory), keysText), 8);
  row += ` ${padRight(String(longInfoField(info, 'connected_clients')), 8)}`;
  row += padRight(String(longInfoField(info, 'blocked_clients')), 8);
  const requests = longInfoField(info, 'total_commands_processed');
  row += padRight(`${requests} (+${state.requests === 0n ? 0n : wrap(requests - state.requests)})`, 19);
  state.requests = requests;
  row += ` ${padRight(String(longInfoField(info, 'total_connections_received')), 12)}`;
  const children = wrap(longInfoField(info, 'bgsave_in_progress')
    | wrap(longInfoField(info, 'aof_rewrite_in_progress') << 1n)
    | wrap(longInfoField(info, 'loading') << 2n));
  row += ({ 1: 'SAVE', 2: 'AOF', 3: 'SAVE+AOF', 4: 'LOAD' } as Record<string, string>)[String(children)] ?? '';
  return `${row}\n`;
}
