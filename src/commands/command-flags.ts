// What eredis must know about a command word before sending it, decided from its bytes once: a hash table of the few
// words that are not plain (state, connection-ending, local, streams, always-raw output) and the routable ones.
import { equalsIgnoreCase } from './command-words.js';
import { printsRaw } from './raw-output-commands.js';

/** The reply prints raw whatever the output mode (INFO, CLIENT LIST ...). */
export const PRINTS_RAW = 1;
/** SELECT, MULTI/EXEC/DISCARD, HELLO, RESET: the session mirrors what they did. */
export const TRACKS_STATE = 2;
/** May close the connection or the server (SHUTDOWN, QUIT, CLIENT, DEBUG, FAILOVER, SYNC, PSYNC): never pipelined across. */
export const ENDS_SESSION = 4;
/** Handled by eredis itself: quit/exit, connect, clear, help/?, restart, :set... */
export const LOCAL = 8;
/** Starts a stream of replies (SUBSCRIBE family, MONITOR). */
export const STREAM = 16;
/** Its only key is its first argument (SET, GET, HSET...): a cluster batch routes it by that key's slot. */
export const SINGLE_KEY = 32;
/** Might print raw, depending on its subcommand and argument count (see printsRaw). */
const RAW_CANDIDATE = 64;
/**
 * May take as long as it likes, so a silent wait is no sign of a dead node: blocking commands (BLPOP k 0, WAIT, XREAD
 * BLOCK) and those that hold the whole server over the whole dataset (KEYS, FLUSHALL, FLUSHDB, SAVE, DEBUG, MIGRATE).
 */
export const BLOCKING = 128;
/** Blocks only with a BLOCK argument (XREAD, XREADGROUP): decided on the arguments. */
const BLOCK_CANDIDATE = 256;

const WORDS: Record<string, number> = {
  select: TRACKS_STATE, multi: TRACKS_STATE, exec: TRACKS_STATE, discard: TRACKS_STATE, hello: TRACKS_STATE, reset: TRACKS_STATE,
  shutdown: ENDS_SESSION, quit: ENDS_SESSION | LOCAL, client: ENDS_SESSION | RAW_CANDIDATE,
  debug: ENDS_SESSION | RAW_CANDIDATE | BLOCKING, // DEBUG SLEEP holds the whole server on purpose
  failover: ENDS_SESSION, sync: ENDS_SESSION, psync: ENDS_SESSION,
  exit: LOCAL, connect: LOCAL, clear: LOCAL, help: LOCAL, '?': LOCAL, restart: LOCAL,
  subscribe: STREAM, psubscribe: STREAM, ssubscribe: STREAM, monitor: STREAM,
  blpop: BLOCKING, brpop: BLOCKING, brpoplpush: BLOCKING, blmove: BLOCKING, blmpop: BLOCKING, bzpopmin: BLOCKING,
  bzpopmax: BLOCKING, bzmpop: BLOCKING, wait: BLOCKING, waitaof: BLOCKING, xread: BLOCK_CANDIDATE, xreadgroup: BLOCK_CANDIDATE,
  keys: BLOCKING, flushall: BLOCKING, flushdb: BLOCKING, save: BLOCKING, migrate: BLOCKING,
  info: RAW_CANDIDATE, lolwut: RAW_CANDIDATE, memory: RAW_CANDIDATE, cluster: RAW_CANDIDATE, latency: RAW_CANDIDATE, proxy: RAW_CANDIDATE,
};

/** FNV-1a of the ASCII-lower-cased bytes, cut to 30 bits so it stays a small integer (no heap number per lookup). */
function hashLower(buf: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 0x20 : c), 0x01000193);
  }
  return h >>> 2;
}

function sameLower(buf: Buffer, start: number, end: number, word: Buffer): boolean {
  if (end - start !== word.length) return false;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== word[i - start]) return false;
  }
  return true;
}

export class CommandFlags {
  private readonly table = new Map<number, Array<[Buffer, number]>>();

  /** `singleKey`: the lower-case names of commands routed by their first argument's slot (cluster batches). */
  constructor(singleKey: Iterable<string> = []) {
    const flags = new Map(Object.entries(WORDS));
    for (const name of singleKey) flags.set(name, (flags.get(name) ?? 0) | SINGLE_KEY);
    for (const [word, f] of flags) {
      const bytes = Buffer.from(word, 'latin1');
      const h = hashLower(bytes, 0, bytes.length);
      const bucket = this.table.get(h);
      if (bucket) bucket.push([bytes, f]);
      else this.table.set(h, [[bytes, f]]);
    }
  }

  /** The flags of the command word buf[start, end) (0 for a plain command), without allocating. */
  ofWord(buf: Buffer, start: number, end: number): number {
    if (buf[start] === 0x3a) return LOCAL; // :set and the shell's other ':' commands
    const bucket = this.table.get(hashLower(buf, start, end));
    if (!bucket) return 0;
    for (const [word, f] of bucket) if (sameLower(buf, start, end, word)) return f;
    return 0;
  }

  /** The flags of a whole command line; a command that might print raw is decided on its arguments. */
  of(argv: readonly Buffer[]): number {
    if (argv.length === 0) return 0;
    let f = this.ofWord(argv[0]!, 0, argv[0]!.length);
    if (f & BLOCK_CANDIDATE) f = (f & ~BLOCK_CANDIDATE) | (argv.some((a) => equalsIgnoreCase(a, 'block')) ? BLOCKING : 0);
    if (!(f & RAW_CANDIDATE)) return f;
    return (f & ~RAW_CANDIDATE) | (printsRaw(argv as Buffer[]) ? PRINTS_RAW : 0);
  }

  /** Whether the word's flags leave PRINTS_RAW to be decided on the arguments (of() does that). */
  static needsArgv(flags: number): boolean {
    return (flags & (RAW_CANDIDATE | BLOCK_CANDIDATE)) !== 0;
  }
}
