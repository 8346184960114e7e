// What every diagnostic mode shares: ending early with redis-cli's words, clocks and sleeps, reconnecting commands.
import { ConnectError, ConnectionLostError } from '../../util/connection-errors.js';
import type { Output } from '../../output/fd-output.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';

/** Thrown inside a mode; the dispatcher prints `line` (when not empty) on stderr and exits with `code`. */
export class ModeExit extends Error {
  constructor(readonly line: string, readonly code = 1) { super(line); }
}

/** setTimeout as a promise (usleep). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Microseconds since an arbitrary origin, like redis-cli's ustime() differences. */
export function ustime(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Milliseconds since an arbitrary origin, like redis-cli's mstime() differences. */
export function mstime(): number {
  return Number(process.hrtime.bigint() / 1000000n);
}

/**
 * Sends argv; while the connection is down it writes "\r\x1b[0KReconnecting... N\r" to stdout, reconnects (with
 * AUTH and SELECT, which redis-cli skips) and waits a second, as redis-cli does; after a reconnect the line is cleared.
 * A protocol error ends the mode with redis-cli's "Error: ..." line.
 */
export async function reconnectingCommand(session: Session, argv: Buffer[], out: Output): Promise<Reply> {
  let tries = 0;
  for (;;) {
    while (!session.connected) {
      out.write(`\r\x1b[0KReconnecting... ${++tries}\r`);
      out.flush();
      try {
        await session.connect();
      } catch (err) {
        if (!(err instanceof ConnectError || err instanceof ConnectionLostError)) throw err;
      }
      await sleep(1000);
    }
    try {
      const reply = await session.execute(argv);
      if (tries > 0) out.write('\r\x1b[0K');
      return reply;
    } catch (err) {
      if (!(err instanceof ConnectionLostError)) throw err;
      if (err.protocol) throw new ModeExit(`Error: ${err.message}`);
      session.disconnect();
    }
  }
}

/** A command as Buffers. */
export function argvOf(...words: string[]): Buffer[] {
  return words.map((w) => Buffer.from(w, 'utf8'));
}
