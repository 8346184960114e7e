// Reply -> output bytes for every output mode, the way redis-cli's cliFormatReply and cliPushHandler pick a formatter.
//
// Every formatter returns a byte string (one char per byte, latin1); convert once with Buffer.from(out, 'latin1').
//
// Types redis-cli 7.0 cannot print, decided from the newest upstream work:
// - RESP3 big number (`(`): 7.0 prints "Unknown reply type: 13" and exits 1. We follow redis/redis#15764 (the
//   upstream fix, "handle RESP3 big number replies in all output modes"): TTY `(big number) <digits>`, raw and CSV
//   the digits as sent, JSON and quoted JSON a string ("<digits>") so no precision is lost.
// - RESP3 attributes (`|`): 7.0's hiredis fails with a protocol error. No redis-cli or valkey-cli prints them (newer
//   hiredis, redis/hiredis#1248, only parses them), and the RESP3 spec says attributes are auxiliary data that is not
//   part of the reply and may be skipped. So every mode prints the reply they annotate and ignores `attributes`.
import type { Reply } from '../resp/types.js';
import { formatCSV } from './csv.js';
import { formatJSON } from './json.js';
import { formatRaw } from './raw.js';
import type { ByteString } from './repr.js';
import { formatInvalidatePush, formatTTY, isInvalidatePush } from './tty.js';

export type OutputMode = 'tty' | 'raw' | 'csv' | 'json' | 'quoted-json';

export interface FormatOptions {
  /** `-d`: joins the elements of an aggregate in raw mode (default "\n"). A byte string, used literally. */
  bulkDelimiter: ByteString;
  /** `-D`: follows every top-level reply in raw mode (default "\n"). A byte string, used literally. */
  replyDelimiter: ByteString;
  /** Commands redis-cli always prints raw (INFO, CLIENT LIST, ...): raw form, no delimiter, in every mode. */
  verbatim?: boolean;
}

/** Printed instead of a reply nested deeper than the JS stack allows (thousands of levels; redis-cli would crash). */
export const TOO_DEEP = '(reply nested too deeply to print)\n';

/** cliFormatReply: one reply as the bytes redis-cli writes to stdout for it. Never throws. */
export function formatReply(reply: Reply, mode: OutputMode, opts: FormatOptions): ByteString {
  try {
    return format(reply, mode, opts);
  } catch (e) {
    if (e instanceof RangeError) return TOO_DEEP;
    throw e;
  }
}

function format(reply: Reply, mode: OutputMode, opts: FormatOptions): ByteString {
  if (opts.verbatim) return formatRaw(reply, opts.bulkDelimiter);
  switch (mode) {
    case 'tty':
      return formatTTY(reply, '');
    case 'raw':
      return formatRaw(reply, opts.bulkDelimiter) + opts.replyDelimiter;
    case 'csv':
      return formatCSV(reply) + '\n';
    case 'json':
      return formatJSON(reply, false) + '\n';
    case 'quoted-json':
      return formatJSON(reply, true) + '\n';
    default:
      return formatTTY(reply, '');
  }
}

/**
 * cliPushHandler: an out-of-band push (shown when --show-pushes is on, the default in TTY mode). A client-tracking
 * invalidation gets the one-line `-> invalidate: 'k'` form in TTY mode; everything else is a normal reply.
 */
export function formatPush(reply: Reply, mode: OutputMode, opts: FormatOptions): ByteString {
  if (mode === 'tty' && isInvalidatePush(reply)) return formatInvalidatePush(reply);
  return formatReply(reply, mode, { ...opts, verbatim: false });
}

export { formatCSV, formatInvalidatePush, formatJSON, formatRaw, formatTTY, isInvalidatePush };
export { isMultilineTTY } from './tty.js';
export { repr, type ByteString } from './repr.js';
