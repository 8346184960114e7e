// redis-cli's reconnectingRedisCommand: a lost connection prints "Reconnecting... N" and retries every second.
import { ConnectError, ConnectionLostError } from '../../net/connection.js';
import type { Output } from '../../output/fd-output.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';
import { ModeExit, sleep } from './mode-exit.js';

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
      session.close();
    }
  }
}

/** A command as Buffers. */
export function argvOf(...words: string[]): Buffer[] {
  return words.map((w) => Buffer.from(w, 'utf8'));
}
