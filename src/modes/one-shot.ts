// One-shot mode: `eredis [options] CMD [ARG...]`, with -r/-i repeats, -e exit codes, and MONITOR/SUBSCRIBE streams.
import { isShutdown } from '../commands/command-words.js';
import { ConnectionLostError } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import type { Session } from '../session/session.js';
import type { ModeIO } from '../output/fd-output.js';
import type { Settings } from '../settings/settings.js';
import { ArgvError, commandArgv, evalArgv, readAllStdin, withStdinArgument } from './stdin-args.js';
import { pushBytes, replyBytes } from '../output/reply-printer.js';
import type { PrintSettings } from '../settings/settings.js';
import { streamKind } from '../commands/stream-commands.js';

export interface OneShotOptions {
  print: PrintSettings;
  showPushes: boolean;
  repeat: number;
  intervalMs: number;
  exitOnError: boolean;
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The command from the command line (or --eval), with -x/-X stdin and --quoted-input applied, run as one-shot. */
export async function runCommandLine(session: Session, s: Settings, io: ModeIO): Promise<number> {
  let argv: Buffer[];
  try {
    argv = commandArgv(s.command, s.quotedInput);
    argv = s.eval !== undefined ? evalArgv(s.eval, argv) : withStdinArgument(argv, s.stdinLast, s.stdinTag, readAllStdin);
  } catch (e) {
    if (!(e instanceof ArgvError)) throw e;
    if (e.stream === 'stdout') io.out.write(`${e.message}\n`);
    else io.warn(e.message);
    return 1;
  }
  return runOneShot(session, argv, s, io);
}

/** Runs argv `repeat` times (forever when negative); returns the exit code. */
async function runOneShot(session: Session, argv: Buffer[], o: OneShotOptions, io: ModeIO): Promise<number> {
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
