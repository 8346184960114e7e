// One-shot mode: `eredis [options] CMD [ARG...]`, with -r/-i repeats, -e exit codes, and MONITOR/SUBSCRIBE streams.
import { isShutdown } from '../commands/command-words.js';
import { ConnectionLostError } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import type { Session } from '../session/session.js';
import type { Output } from '../output/fd-output.js';
import { pushBytes, replyBytes, type PrintSettings } from '../output/reply-printer.js';
import { streamKind } from '../commands/stream-commands.js';

export interface OneShotOptions {
  print: PrintSettings;
  showPushes: boolean;
  repeat: number;
  intervalMs: number;
  exitOnError: boolean;
}

export interface ModeIO {
  out: Output;
  /** A line on stderr (flushes stdout first). */
  warn(line: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs argv `repeat` times (forever when negative); returns the exit code. */
export async function runOneShot(session: Session, argv: Buffer[], o: OneShotOptions, io: ModeIO): Promise<number> {
  const conn = session.conn!;
  if (o.showPushes) conn.onPush = (reply) => { io.out.write(pushBytes(reply, o.print)); io.out.flush(); };
  const stream = streamKind(argv);
  if (stream === 'pubsub') return subscribeStream(session, argv, o, io);
  for (let left = o.repeat; left < 0 || left-- > 0;) {
    let reply: Reply;
    try {
      reply = await session.execute(argv);
    } catch (err) {
      if (err instanceof ConnectionLostError) {
        if (isShutdown(argv) && !err.protocol) return 0; // the server went away as asked
        io.warn(`Error: ${err.message}`);
        return 1;
      }
      throw err;
    }
    if (o.exitOnError && reply.type === 'error') {
      io.warn(reply.value.toString('latin1'));
      return 1;
    }
    io.out.write(replyBytes(reply, argv, o.print));
    io.out.flush();
    if (stream === 'monitor' && reply.type !== 'error') return streamForever(session, argv, o, io);
    if (o.intervalMs > 0) await sleep(o.intervalMs);
  }
  return 0;
}

/**
 * SUBSCRIBE and friends: redis-cli 7 announces the stream (except in raw mode), reads pushes as replies, and prints
 * every message until the connection ends or an error reply arrives.
 */
export async function subscribeStream(session: Session, argv: Buffer[], o: OneShotOptions, io: ModeIO): Promise<number> {
  const conn = session.conn!;
  if (o.print.mode !== 'raw') io.out.write('Reading messages... (press Ctrl-C to quit)\n');
  conn.pushesAsReplies = true;
  let reply: Reply;
  try {
    reply = await session.execute(argv);
  } catch (err) {
    if (!(err instanceof ConnectionLostError)) throw err;
    io.warn(`Error: ${err.message}`);
    return 1;
  }
  io.out.write(replyBytes(reply, argv, o.print));
  io.out.flush();
  if (reply.type === 'error') return 0;
  return streamForever(session, argv, o, io);
}

/** After SUBSCRIBE or MONITOR redis-cli prints every further reply until the connection ends. */
export async function streamForever(session: Session, argv: Buffer[], o: OneShotOptions, io: ModeIO): Promise<number> {
  const conn = session.conn!;
  for (;;) {
    let reply: Reply;
    try {
      reply = await conn.nextUnsolicited();
    } catch (err) {
      if (err instanceof ConnectionLostError) {
        io.warn(`Error: ${err.message}`);
        return 1;
      }
      throw err;
    }
    io.out.write(replyBytes(reply, argv, o.print));
    io.out.flush();
  }
}
