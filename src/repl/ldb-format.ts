// How redis-cli prints Lua debugger replies: raw, status lines coloured by their tag, <endsession> ending the session.
import { formatReply, type OutputMode } from '../format/index.js';
import type { Reply } from '../resp/types.js';

export interface LdbPrintState {
  /** Still debugging (redis-cli's config.eval_ldb). */
  debugging: boolean;
  /** The debugger said <endsession>: the EVAL's own reply follows (config.eval_ldb_end). */
  ended: boolean;
  /** The output mode; <endsession> switches it to the TTY format. */
  mode: OutputMode;
  /** TERM contains "xterm": colours on (redis-cli's isColorTerm, not a tty check). */
  colors: boolean;
  bulkDelimiter: string;
  replyDelimiter: string;
}

/** sdsCatColorizedLdbReply: the colour a debugger line gets, as "\x1b[bold;code;49m". */
export function ldbColor(line: string): string {
  let color = 'white';
  if (line.includes('<debug>')) color = 'bold';
  if (line.includes('<redis>')) color = 'green';
  if (line.includes('<reply>')) color = 'cyan';
  if (line.includes('<error>')) color = 'red';
  if (line.includes('<hint>')) color = 'bold';
  if (line.includes('<value>') || line.includes('<retval>')) color = 'magenta';
  if (line.length > 4 && line[3]! >= '0' && line[3]! <= '9') {
    if (line[1] === '>') color = 'yellow';
    else if (line[2] === '#') color = 'bold';
  }
  const codes: Record<string, number> = { red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36, white: 37, bold: 37 };
  return `\x1b[${color === 'bold' ? 1 : 0};${codes[color]};49m`;
}

/** cliFormatReplyRaw while debugging: statuses coloured (or ending the session), aggregates joined by -d. */
function rawLdb(reply: Reply, s: LdbPrintState): string {
  if (reply.type === 'simple' && s.debugging) {
    // A C string: what follows a NUL is not looked at.
    const text = reply.value.toString('latin1');
    const cstr = text.includes('\0') ? text.slice(0, text.indexOf('\0')) : text;
    if (cstr.startsWith('<endsession>')) {
      s.debugging = false;
      s.ended = true;
      s.mode = 'tty';
      return '';
    }
    return s.colors ? `${ldbColor(cstr)}${text}\x1b[0m` : text;
  }
  if (reply.type === 'array' || reply.type === 'set' || reply.type === 'push') {
    return reply.items.map((item) => rawLdb(item, s)).join(s.bulkDelimiter);
  }
  return formatReply(reply, 'raw', { bulkDelimiter: s.bulkDelimiter, replyDelimiter: '' });
}

/** The bytes redis-cli prints for one reply at this point of the session (cliReadReply -> cliFormatReply). */
export function ldbReplyBytes(reply: Reply, s: LdbPrintState): string {
  if (s.mode === 'raw' && s.debugging) return rawLdb(reply, s) + s.replyDelimiter;
  return formatReply(reply, s.mode, { bulkDelimiter: s.bulkDelimiter, replyDelimiter: s.replyDelimiter });
}
