// Reply -> output bytes for every output mode: one streaming writer per mode (cliFormatReply), fed by the scanner for
// replies on the wire or by walkReply for decoded ones; and cliPushHandler's choice for out-of-band pushes.
//
// Types redis-cli 7.0 cannot print, decided from the newest upstream work:
// - RESP3 big number (`(`): 7.0 prints "Unknown reply type: 13" and exits 1. We follow redis/redis#15764 (the
//   upstream fix, "handle RESP3 big number replies in all output modes"): TTY `(big number) <digits>`, raw and CSV
//   the digits as sent, JSON and quoted JSON a string ("<digits>") so no precision is lost.
// - RESP3 attributes (`|`): 7.0's hiredis fails with a protocol error. No redis-cli or valkey-cli prints them (newer
//   hiredis, redis/hiredis#1248, only parses them), and the RESP3 spec says attributes are auxiliary data that is not
//   part of the reply and may be skipped. So every mode prints the reply they annotate and ignores `attributes`.
import type { Reply } from '../resp/types.js';
import { collectBytes, type ByteSink } from './byte-sink.js';
import { CsvWriter } from './csv-writer.js';
import { JsonWriter } from './json-writer.js';
import { RawWriter } from './raw-writer.js';
import type { ByteString } from './repr.js';
import type { ReplyWriter } from './reply-writer.js';
import { TtyWriter } from './tty-writer.js';
import { walkReply } from './reply-walker.js';
import { cString } from './repr.js';

export type OutputMode = 'tty' | 'raw' | 'csv' | 'json' | 'quoted-json';

export interface FormatOptions {
  /** `-d`: joins the elements of an aggregate in raw mode (default "\n"). A byte string, used literally. */
  bulkDelimiter: ByteString;
  /** `-D`: follows every top-level reply in raw mode (default "\n"). A byte string, used literally. */
  replyDelimiter: ByteString;
  /** Commands redis-cli always prints raw (INFO, CLIENT LIST, ...): raw form, no delimiter, in every mode. */
  verbatim?: boolean;
}

/** The writer for one output mode, formatting into `sink`. */
export function createWriter(mode: OutputMode, opts: FormatOptions, sink: ByteSink): ReplyWriter {
  if (opts.verbatim) return new RawWriter(sink, opts.bulkDelimiter, '');
  switch (mode) {
    case 'raw': return new RawWriter(sink, opts.bulkDelimiter, opts.replyDelimiter);
    case 'csv': return new CsvWriter(sink);
    case 'json': return new JsonWriter(sink, false);
    case 'quoted-json': return new JsonWriter(sink, true);
    default: return new TtyWriter(sink);
  }
}

/** Writes one decoded reply through `writer`. */
export function writeReply(writer: ReplyWriter, reply: Reply): void {
  writer.begin();
  walkReply(reply, writer);
  writer.end();
}

/** cliFormatReply: one reply as the bytes redis-cli writes to stdout for it. Never throws. */
export function formatReply(reply: Reply, mode: OutputMode, opts: FormatOptions): ByteString {
  return collectBytes((sink) => writeReply(createWriter(mode, opts, sink), reply));
}

/** True for the RESP3 client-tracking push redis-cli shows as `-> invalidate: ...` in TTY mode (isInvalidateReply). */
export function isInvalidatePush(r: Reply): boolean {
  if (r.type !== 'push' || r.items.length !== 2) return false;
  const [name, keys] = r.items as [Reply, Reply];
  // strncmp(str, "invalidate", 10): a longer name that starts with "invalidate" matches too.
  if (name.type !== 'bulk' || name.value.toString('latin1', 0, 10) !== 'invalidate') return false;
  // redis-cli asserts every key is a bulk string; anything else gets the normal push format here.
  return keys.type === 'array' && keys.items.every((k) => k.type === 'bulk');
}

/**
 * cliPushHandler: an out-of-band push (shown when --show-pushes is on, the default in TTY mode). A client-tracking
 * invalidation gets the one-line `-> invalidate: 'k'` form in TTY mode (keys unescaped, cut at a NUL like C's `%s`);
 * everything else is a normal reply.
 */
export function formatPush(reply: Reply, mode: OutputMode, opts: FormatOptions): ByteString {
  if (mode === 'tty' && isInvalidatePush(reply)) {
    const keys = (reply as { items: Reply[] }).items[1] as { items: Array<{ value: Buffer }> };
    return `-> invalidate: ${keys.items.map((k) => `'${cString(k.value).toString('latin1')}'`).join(', ')}\n`;
  }
  return formatReply(reply, mode, { ...opts, verbatim: false });
}

export { collectBytes, ByteSink } from './byte-sink.js';
export type { Drain } from './byte-sink.js';
export type { ReplyWriter } from './reply-writer.js';
export { repr, type ByteString } from './repr.js';
