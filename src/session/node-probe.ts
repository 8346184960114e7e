// Whether a node answers at all: a new connection (TLS and tunnel as the session's), one PING, any reply within the
// deadline (even NOAUTH or BUSY: a server that says anything is alive), then closed. No AUTH: nothing secret is sent.
import { Connection, type ConnectTarget } from '../net/connection.js';
import { SKIP } from '../resp/scanner.js';

const PING = Buffer.from('*1\r\n$4\r\nPING\r\n', 'latin1');

export async function answersPing(target: ConnectTarget, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  let conn: Connection | undefined;
  let over = false;
  const deadline = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  const attempt = (async () => {
    conn = await Connection.open(target, ms);
    if (over) return false; // it opened after the deadline: closed in finally below, or now
    return new Promise<boolean>((resolve) => {
      conn!.reader = { events: undefined, start: () => { resolve(true); return SKIP; }, done: () => undefined, lost: () => resolve(false) };
      conn!.write(PING);
    });
  })().catch(() => false);
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    over = true;
    clearTimeout(timer);
    conn?.close();
    // A connection still opening is closed as soon as it is open.
    void attempt.finally(() => conn?.close());
  }
}
