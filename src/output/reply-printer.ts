// Reply -> output bytes for a command, choosing the formatter as redis-cli does (raw-output commands, invalidate pushes).
import { formatReply } from '../format/index.js';
import type { PrintSettings } from '../settings/settings.js';
import type { Reply } from '../resp/types.js';
import { printsRaw } from '../commands/raw-output-commands.js';


/** The bytes redis-cli prints for `reply` to the command `argv`. */
export function replyBytes(reply: Reply, argv: Buffer[], s: PrintSettings): string {
  return formatReply(reply, s.mode, { bulkDelimiter: s.bulkDelimiter, replyDelimiter: s.replyDelimiter, verbatim: printsRaw(argv) });
}

function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return (nul >= 0 ? buf.subarray(0, nul) : buf).toString('latin1');
}

/** The bytes redis-cli's push handler prints for an out-of-band RESP3 push. */
export function pushBytes(reply: Reply, s: PrintSettings): string {
  if (s.mode === 'tty' && reply.type === 'push' && reply.items.length === 2) {
    const [kind, keys] = reply.items;
    if (kind.type === 'bulk' && kind.value.subarray(0, 10).toString('latin1') === 'invalidate' && keys.type === 'array') {
      const names = keys.items.map((k) => `'${k.type === 'bulk' ? cString(k.value) : ''}'`);
      return `-> invalidate: ${names.join(', ')}\n`;
    }
  }
  return formatReply(reply, s.mode, { bulkDelimiter: s.bulkDelimiter, replyDelimiter: s.replyDelimiter });
}
