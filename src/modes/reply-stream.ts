// SUBSCRIBE-family and MONITOR: after the command's own reply the server keeps sending replies nobody asked for;
// redis-cli prints each as it comes until the connection ends or an error reply arrives. One loop for every mode.
import { streamKind } from '../commands/stream-commands.js';
import { ConnectionLostError, type Connection } from '../net/connection.js';
import type { ReplyPrinter } from '../output/reply-printer.js';
import type { Output } from '../output/fd-output.js';
import type { Reply } from '../resp/types.js';
import type { Session } from '../session/session.js';

export type StreamEnd = { kind: 'error-reply' } | { kind: 'lost'; error: ConnectionLostError } | { kind: 'stopped' };

/**
 * Sends argv (the session must be connected) and prints its reply and every later one, flushing after each, until
 * an error reply, the end of the connection, or `stop` (Ctrl-C in the shell) resolves. redis-cli 7 announces a
 * subscription ("Reading messages...") except in raw mode, and reads pushes as replies while subscribed.
 */
export async function followStream(session: Session, argv: Buffer[], printer: ReplyPrinter, out: Output, stop?: Promise<void>): Promise<StreamEnd> {
  const conn = session.conn!;
  if (streamKind(argv) === 'pubsub') {
    if (printer.mode !== 'raw') out.write('Reading messages... (press Ctrl-C to quit)\n');
    conn.pushesAsReplies = true;
  }
  const stopped = stop?.then((): StreamEnd => ({ kind: 'stopped' }));
  printer.following = true;
  try {
    return await follow(session.execute(argv), conn, printer, out, stopped);
  } finally {
    printer.following = false;
  }
}

/** Prints `first` and each reply after it until one of the ends. */
async function follow(first: Promise<Reply>, conn: Connection, printer: ReplyPrinter, out: Output, stopped?: Promise<StreamEnd>): Promise<StreamEnd> {
  let next = first;
  for (;;) {
    const received = next.then((reply) => reply, (err: unknown): StreamEnd => {
      if (err instanceof ConnectionLostError) return { kind: 'lost', error: err };
      throw err;
    });
    const got = await (stopped ? Promise.race([received, stopped]) : received);
    if ('kind' in got && (got.kind === 'lost' || got.kind === 'stopped')) return got;
    const reply = got as Reply;
    printer.reply(reply, 0);
    out.flush();
    if (reply.type === 'error') {
      conn.pushesAsReplies = false;
      return { kind: 'error-reply' };
    }
    next = conn.nextUnsolicited();
  }
}
