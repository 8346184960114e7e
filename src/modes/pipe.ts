// --pipe: raw RESP from stdin straight to the server, replies counted, errors shown, ended by an ECHO marker.
import { ConnectionLostError } from '../net/connection.js';
import type { Session } from '../session/session.js';
import type { ModeIO } from '../output/fd-output.js';

/** Streams stdin to the server; returns 1 when any reply was an error (redis-cli's pipeMode). */
export async function runPipe(session: Session, input: AsyncIterable<Buffer>, timeoutSec: number, io: ModeIO): Promise<number> {
  const conn = session.conn!;
  // Printable marker so it survives any inline-protocol quirk; the leading CRLF ends a partial inline command.
  const magic = Array.from({ length: 20 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
  let errors = 0;
  let replies = 0;
  let eof = false;
  let done = false;

  const reader = (async () => {
    while (!done) {
      const reply = await conn.nextUnsolicited();
      if (reply.type === 'error') {
        io.warn(reply.value.toString('latin1'));
        errors++;
      } else if (eof && reply.type === 'bulk' && reply.value.length === 20 && reply.value.toString('latin1') === magic) {
        io.out.write('Last reply received from server.\n');
        done = true;
        continue;
      }
      replies++;
    }
  })();
  reader.catch(() => undefined); // awaited below; a broken connection is reported there

  try {
    for await (const chunk of input) {
      if (!conn.writeRaw(chunk)) await conn.drain();
    }
    eof = true;
    io.out.write('All data transferred. Waiting for the last reply...\n');
    io.out.flush();
    conn.writeRaw(Buffer.from(`\r\n*2\r\n$4\r\nECHO\r\n$20\r\n${magic}\r\n`, 'latin1'));
    const timedOut = await waitFor(reader, timeoutSec);
    if (timedOut) {
      io.warn(`No replies for ${timeoutSec} seconds: exiting.`);
      errors++;
    }
  } catch (err) {
    if (!(err instanceof ConnectionLostError)) throw err;
    io.warn(`Error: ${err.message}`);
    return 1;
  }
  io.out.write(`errors: ${errors}, replies: ${replies}\n`);
  return errors > 0 ? 1 : 0;
}

/** Waits for `task`; true when `seconds` (0 = forever) passed first. Connection errors propagate. */
async function waitFor(task: Promise<void>, seconds: number): Promise<boolean> {
  if (seconds <= 0) { await task; return false; }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => { timer = setTimeout(() => r(true), seconds * 1000); });
  try {
    return await Promise.race([task.then(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
