// SUBSCRIBE-family and MONITOR as every mode prints them: redis-cli's "Reading messages..." line, each reply printed
// and flushed as it comes, pushes shown at once meanwhile; the session follows the stream (session/stream-follow.ts).
import { streamKind } from '../commands/stream-commands.js';
import type { ModeIO } from '../output/fd-output.js';
import type { ReplyPrinter } from '../output/reply-printer.js';
import type { Session } from '../session/session.js';
import type { StreamEnd } from '../session/stream-follow.js';

export type { StreamEnd };

/**
 * Sends argv (the session must be connected) and prints its reply and every later one until an error reply, the end
 * of the connection, or `stop` (Ctrl-C in the shell). redis-cli 7 announces a subscription ("Reading messages...")
 * except in raw mode.
 */
export async function followStream(
  session: Session, argv: Buffer[], printer: ReplyPrinter, io: ModeIO, waitMs: number, stop?: Promise<void>,
): Promise<StreamEnd> {
  if (streamKind(argv) === 'pubsub' && printer.mode !== 'raw') io.out.write('Reading messages... (press Ctrl-C to quit)\n');
  printer.following = true;
  try {
    return await session.follow(argv, {
      onReply: (reply) => {
        printer.reply(reply, 0);
        io.out.flush();
      },
      onRedirect: printer.announcesRedirects
        ? (slot, host, port) => printer.text(`-> Redirected to slot [${slot}] located at ${host}:${port}\n`)
        : undefined,
      stop, waitMs, warn: io.warn,
    });
  } finally {
    printer.following = false;
  }
}

/** The stderr line for a stream that ended badly (its connection lost, or never sent), else undefined. */
export function streamFailure(end: StreamEnd): string | undefined {
  if (end.kind === 'lost') return `Error: ${end.error.message}`;
  if (end.kind === 'not-sent') return end.line;
  return undefined;
}
