// Building a one-shot argv: --quoted-input unquoting, -x (stdin as last argument) and -X TAG (stdin replaces TAG).
import { readFileSync } from 'node:fs';
import { readFully } from '../util/sync-io.js';
import { splitArgs } from '../commands/split-args.js';

export class ArgvError extends Error {
  constructor(message: string, readonly stream: 'stdout' | 'stderr') { super(message); }
}

/** Everything on stdin until EOF, binary-safe, trailing newline included. */
export function readAllStdin(): Buffer {
  const parts: Buffer[] = [];
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 16);
    const n = readFully(0, chunk);
    if (n === 0) break;
    parts.push(chunk.subarray(0, n));
  }
  return Buffer.concat(parts);
}

/** Command words as Buffers; with quotedInput each word must be exactly one sdssplitargs token. */
export function commandArgv(words: string[], quotedInput: boolean): Buffer[] {
  return words.map((word) => {
    const raw = Buffer.from(word, 'utf8');
    if (!quotedInput) return raw;
    const parts = splitArgs(raw);
    if (parts === null || parts.length !== 1) throw new ArgvError('Invalid quoted string', 'stdout');
    return parts[0];
  });
}

/** Applies -x / -X to argv, reading stdin only when asked. */
export function withStdinArgument(argv: Buffer[], last: boolean, tag: string | undefined, read: () => Buffer): Buffer[] {
  if (last) return [...argv, read()];
  if (tag === undefined) return argv;
  const at = argv.findIndex((a) => a.toString('utf8') === tag);
  if (at < 0) throw new ArgvError('Using -X option but stdin tag not match.', 'stderr');
  const copy = argv.slice();
  copy[at] = read();
  return copy;
}

/** redis-cli --eval: EVAL <script> <numkeys> keys... args..., keys and args split by the first lone ",". */
export function evalArgv(file: string, words: Buffer[]): Buffer[] {
  let script: Buffer;
  try {
    script = readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (err as Error).message;
    throw new ArgvError(`Can't open file '${file}': ${reason}`, 'stderr');
  }
  const comma = words.findIndex((w) => w.length === 1 && w[0] === 0x2c);
  const keys = comma < 0 ? words : words.slice(0, comma);
  const args = comma < 0 ? [] : words.slice(comma + 1);
  return [Buffer.from('EVAL'), script, Buffer.from(String(keys.length)), ...keys, ...args];
}
