// The commands a key-space scan sends to one node (DBSIZE, SCAN, pipelined TYPE / size / OBJECT FREQ), with
// redis-cli's words for every failure.
import { repr } from '../../format/index.js';
import { cString } from '../../format/repr.js';
import { ConnectionLostError } from '../../util/connection-errors.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';
import { strtoull } from '../../util/c-numbers.js';

/** A failure in redis-cli's words (one stderr line; a leading "\n" is part of it), after which it exits 1. */
export class KeyspaceError extends Error {}

/** The connection broke (or moved to another node): a cluster-wide run may reconnect and resume at the cursor. */
export class ConnectionProblem extends KeyspaceError {}

/** A failure every node of the deployment would give too (no LFU policy for --hotkeys): it ends a cluster-wide run. */
export class DeploymentError extends KeyspaceError {}

/** A warning redis-cli prints to stderr before going on. */
export type Warn = (line: string) => void;

export interface ScanOptions {
  pattern?: Buffer;
  /** --count: sent only when given (redis-cli 7.0 never sends COUNT; the server default is 10). */
  count?: number;
}

export interface ScanBatch {
  /** The cursor SCAN returned (decimal, "0" at the end). */
  cursor: string;
  keys: Buffer[];
}

const B = (s: string) => Buffer.from(s, 'latin1');
const SCAN = B('SCAN');
const TYPE = B('TYPE');
const MATCH = B('MATCH');
const COUNT = B('COUNT');

/** hiredis's reply type numbers, for "Invalid reply type (%d)". */
const HIREDIS_TYPE: Record<Reply['type'], number> = {
  bulk: 1, array: 2, integer: 3, null: 4, simple: 5, error: 6, double: 7, boolean: 8, map: 9, set: 10, push: 12,
  bignum: 13, verbatim: 14,
};

const errorText = (reply: Reply): string => (reply.type === 'error' ? reply.value.toString('utf8') : '');
/** A key as C's `%s` prints it (cut at a NUL byte). */
export const rawKey = (key: Buffer): string => cString(key).toString('utf8');

/** hiredis's (err, errstr) for a broken connection: EOF is 3, I/O 1, protocol 4. */
function contextError(err: unknown): string {
  if (!(err instanceof ConnectionLostError)) throw err;
  const code = err.protocol ? 4 : err.message === 'Server closed the connection' ? 3 : 1;
  return `${code}: ${err.message}`;
}

async function orIoError(run: Promise<Reply>): Promise<Reply> {
  try {
    return await run;
  } catch (err) {
    if (err instanceof ConnectionLostError) throw new ConnectionProblem('\nI/O error');
    throw err;
  }
}

/** getDbSize(). */
export async function dbSize(session: Session): Promise<number> {
  const reply = await orIoError(session.execute([B('DBSIZE')]));
  if (reply.type === 'error') throw new KeyspaceError(`Couldn't determine DBSIZE: ${errorText(reply)}`);
  if (reply.type !== 'integer') throw new KeyspaceError('Non INTEGER response from DBSIZE!');
  return Number(reply.value);
}

/** sendScan(): one SCAN call from `cursor`. */
export async function scanOnce(session: Session, cursor: string, opts: ScanOptions): Promise<ScanBatch> {
  const argv: Buffer[] = [SCAN, B(cursor)];
  if (opts.pattern) argv.push(MATCH, opts.pattern);
  if (opts.count !== undefined) argv.push(COUNT, B(String(opts.count)));
  const reply = await orIoError(session.execute(argv));
  if (reply.type === 'error') throw new KeyspaceError(`SCAN error: ${errorText(reply)}`);
  if (reply.type !== 'array') throw new KeyspaceError('Non ARRAY response from SCAN!');
  if (reply.items.length !== 2) throw new KeyspaceError('Invalid element count from SCAN!');
  const [next, keys] = reply.items as [Reply, Reply];
  if (next.type !== 'bulk' || keys.type !== 'array') throw new KeyspaceError('Invalid reply types from SCAN!');
  return {
    cursor: strtoull(next.value.toString('latin1')).value.toString(),
    keys: keys.items.map((k) => (k.type === 'bulk' || k.type === 'simple' ? k.value : Buffer.alloc(0))),
  };
}

/** The replies of a pipelined batch, in order; `failure` when the connection broke before the rest came. */
interface Batch {
  replies: Reply[];
  failure?: unknown;
}

/**
 * Sends a batch's commands in one write (one TLS record instead of one per command: those writes were most of the
 * CPU time) and collects the replies in order, as redis-cli appends them all before reading. Like redis-cli's, these
 * per-key commands never follow a redirect (executeAll takes replies as they are), so a scan stays on its node.
 */
function pipeline(session: Session, commands: Buffer[][]): Promise<Batch> {
  return session.executeAll(commands);
}

/** The i-th reply, or the failure that kept it from coming, worded by `lost`. */
function replyAt(batch: Batch, i: number, lost: (why: string) => string): Reply {
  if (i < batch.replies.length) return batch.replies[i]!;
  throw new ConnectionProblem(lost(contextError(batch.failure)));
}

/** getKeyTypes(): the TYPE of every key ('none' for a key deleted since SCAN). */
export async function keyTypes(session: Session, keys: Buffer[]): Promise<string[]> {
  const batch = await pipeline(session, keys.map((k) => [TYPE, k]));
  return keys.map((key, i) => {
    const reply = replyAt(batch, i, (why) => `Error getting type for key '${rawKey(key)}' (${why})`);
    if (reply.type === 'error') throw new KeyspaceError(`TYPE returned an error: ${errorText(reply)}`);
    if (reply.type !== 'simple') throw new KeyspaceError(`Invalid reply type (${HIREDIS_TYPE[reply.type]}) for TYPE on key '${rawKey(key)}'!`);
    return reply.value.toString('latin1');
  });
}

/** How sizes are measured: the type's own size command, or MEMORY USAGE [SAMPLES n]. */
export type SizeQuery = { kind: 'length' } | { kind: 'memory'; samples?: number };

/** Size command per type (STRLEN, LLEN...); module types have none. */
export const SIZE_COMMANDS: Readonly<Record<string, string>> = {
  string: 'STRLEN', list: 'LLEN', set: 'SCARD', hash: 'HLEN', zset: 'ZCARD', stream: 'XLEN',
};

const MEMORY = B('MEMORY');
const USAGE = B('USAGE');
const SAMPLES = B('SAMPLES');

/** The command measuring one key, and its name for warnings; undefined when the key is not measured. */
function sizeCommand(key: Buffer, type: string, query: SizeQuery): { argv: Buffer[]; name: string } | undefined {
  if (type === 'none') return undefined;
  if (query.kind === 'memory') {
    const argv = query.samples === undefined ? [MEMORY, USAGE, key] : [MEMORY, USAGE, key, SAMPLES, B(String(query.samples))];
    return { argv, name: 'MEMORY USAGE' };
  }
  const name = SIZE_COMMANDS[type];
  return name === undefined ? undefined : { argv: [B(name), key], name };
}

/**
 * getKeySizes() for one or more kinds of size at once (one write): for keys whose type is known (not 'none', and
 * with a size command unless measuring memory); 0 for the others. A non-integer reply is a warning and size 0.
 */
export async function keySizes(session: Session, keys: Buffer[], types: string[], queries: SizeQuery[], warn: Warn): Promise<number[][]> {
  const plan = queries.map((q) => keys.map((key, i) => sizeCommand(key, types[i]!, q)));
  const batch = await pipeline(session, plan.flatMap((cmds) => cmds.flatMap((c) => (c ? [c.argv] : []))));
  let next = 0;
  return plan.map((cmds) => cmds.map((c, i) => {
    if (!c) return 0;
    const reply = replyAt(batch, next++, (why) => `Error getting size for key '${rawKey(keys[i]!)}' (${why})`);
    if (reply.type === 'integer') return Number(reply.value);
    warn(`Warning:  ${c.name} on '${rawKey(keys[i]!)}' failed (may have changed type)`);
    return 0;
  }));
}

/** getKeyFreqs(): OBJECT FREQ of every key; an error reply (no LFU policy) is fatal, as in redis-cli. */
export async function keyFreqs(session: Session, keys: Buffer[], warn: Warn): Promise<number[]> {
  const batch = await pipeline(session, keys.map((k) => [B('OBJECT'), B('FREQ'), k]));
  return keys.map((key, i) => {
    const reply = replyAt(batch, i, (why) => `Error getting freq for key '${repr(key)}' (${why})`);
    if (reply.type === 'integer') return Number(reply.value);
    if (reply.type === 'error') throw new DeploymentError(`Error: ${errorText(reply)}`);
    warn(`Warning: OBJECT freq on '${repr(key)}' failed (may have been deleted)`);
    return 0;
  });
}
