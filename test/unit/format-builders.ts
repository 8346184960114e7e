// Short Reply builders and the five-mode table runner shared by the formatter tests (format-*.test.ts).
import { describe, expect, it } from 'vitest';
import { formatReply, type OutputMode } from '../../src/format/index.js';
import type { MapEntries, Reply } from '../../src/resp/types.js';

/** Strings are byte strings (latin1): '\xc3\xa9' is the two UTF-8 bytes of "é". */
const b = (s: string | Buffer): Buffer => (Buffer.isBuffer(s) ? s : Buffer.from(s, 'latin1'));

export const simple = (s: string): Reply => ({ type: 'simple', value: b(s) });
export const err = (s: string): Reply => ({ type: 'error', value: b(s) });
export const blobErr = (s: string): Reply => ({ type: 'error', value: b(s), blob: true });
export const int = (n: number | bigint | string): Reply => ({ type: 'integer', value: BigInt(n) });
export const bulk = (s: string | Buffer): Reply => ({ type: 'bulk', value: b(s) });
/** A bulk string holding the UTF-8 encoding of `s`. */
export const u8 = (s: string): Reply => ({ type: 'bulk', value: Buffer.from(s, 'utf8') });
export const nil = (): Reply => ({ type: 'null' });
export const dbl = (s: string): Reply => ({ type: 'double', value: s });
export const bool = (v: boolean): Reply => ({ type: 'boolean', value: v });
export const big = (s: string): Reply => ({ type: 'bignum', value: s });
export const verb = (format: string, s: string): Reply => ({ type: 'verbatim', format, value: b(s) });
export const arr = (...items: Reply[]): Reply => ({ type: 'array', items });
export const set = (...items: Reply[]): Reply => ({ type: 'set', items });
export const push = (...items: Reply[]): Reply => ({ type: 'push', items });
export const map = (...entries: MapEntries): Reply => ({ type: 'map', entries });
export const withAttrs = (attributes: MapEntries, r: Reply): Reply => ({ ...r, attributes });

/** Expected output written one line per argument; every line, the last included, ends in "\n". */
export const lines = (...ls: string[]): string => ls.map((l) => `${l}\n`).join('');

export const MODES: readonly OutputMode[] = ['tty', 'raw', 'csv', 'json', 'quoted-json'];
export const DEFAULTS = { bulkDelimiter: '\n', replyDelimiter: '\n' };

/** One reply and the bytes redis-cli 7.0.15 printed for it in each mode: tty, raw, csv, json, quoted-json. */
export type ModeRow = [name: string, reply: Reply, tty: string, raw: string, csv: string, json: string, quoted: string];

/** The bytes as a readable diff: latin1 strings compared directly, so a mismatch shows the exact byte. */
export function runModeTable(title: string, rows: ModeRow[]): void {
  describe(title, () => {
    for (const [name, reply, ...expected] of rows) {
      it(name, () => {
        const got = MODES.map((mode) => formatReply(reply, mode, DEFAULTS));
        expect(Object.fromEntries(MODES.map((m, i) => [m, got[i]]))).toEqual(
          Object.fromEntries(MODES.map((m, i) => [m, expected[i]])),
        );
      });
    }
  });
}
