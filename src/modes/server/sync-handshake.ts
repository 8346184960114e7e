// The replication handshake redis-cli's --rdb and --replica share: REPLCONF lines, SYNC, the payload length or EOF mark.
import { ConnectionLostError } from '../../util/connection-errors.js';
import type { ModeIO } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import { ModeExit, argvOf } from './mode-basics.js';
import { SocketReader } from './socket-reader.js';

export const EOF_MARK_SIZE = 40;

/** sendReplconf: "sending REPLCONF a b" on stderr; an error reply is reported and gives false (not fatal). */
export async function sendReplconf(session: Session, a: string, b: string, io: ModeIO): Promise<boolean> {
  io.warn(`sending REPLCONF ${a} ${b}`);
  let reply;
  try {
    reply = await session.execute(argvOf('REPLCONF', a, b));
  } catch (err) {
    if (err instanceof ConnectionLostError) throw new ModeExit('\nI/O error');
    throw err;
  }
  if (reply.type !== 'error') return true;
  io.warn(`REPLCONF ${a} error: ${reply.value.toString('latin1')}`);
  return false;
}

/** What SYNC answered: a payload length, or the 40-byte mark a diskless transfer ends with. */
export type SyncPayload = { size: bigint } | { mark: Buffer };

/**
 * Hands the session's socket over and sends SYNC; reads "$<len>" or "$EOF:<mark>" (the master's keepalive newlines
 * before it are skipped). A "-ERR" line ends the mode with redis-cli's "SYNC with master failed: ..." line.
 */
export async function sendSync(session: Session): Promise<{ reader: SocketReader; payload: SyncPayload }> {
  const reader = new SocketReader(session.handOver());
  reader.write('SYNC\r\n');
  const line: number[] = [];
  for (;;) {
    const chunk = await reader.next();
    if (!chunk) throw new ModeExit('Error reading bulk length while SYNCing');
    let i = 0;
    for (; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x0a && line.length > 0) break;
      if (byte !== 0x0a) line.push(byte);
    }
    if (i < chunk.length) {
      reader.unshift(chunk.subarray(i + 1));
      break;
    }
  }
  const text = Buffer.from(line);
  if (text[0] === 0x2d) throw new ModeExit(`SYNC with master failed: ${text.toString('latin1')}`);
  const rest = text.subarray(1);
  // strlen(buf+5): the mark ends at a NUL like the C string does (the line's '\r' is part of it).
  const afterEof = rest.subarray(4);
  const nul = afterEof.indexOf(0);
  if (rest.toString('latin1', 0, 4) === 'EOF:' && (nul < 0 ? afterEof.length : nul) >= EOF_MARK_SIZE) {
    return { reader, payload: { mark: Buffer.from(afterEof.subarray(0, EOF_MARK_SIZE)) } };
  }
  const digits = /^\s*\+?(\d+)/.exec(rest.toString('latin1'));
  return { reader, payload: { size: digits ? BigInt(digits[1]!) : 0n } };
}

/** Finds the EOF mark across chunk boundaries: keeps the last 40 bytes seen. */
export class MarkWatcher {
  private tail = Buffer.alloc(0);

  constructor(private readonly mark: Buffer) {}

  /** How many bytes of `chunk` belong to the payload (mark included) if the mark ends inside it, else undefined. */
  feed(chunk: Buffer): number | undefined {
    const window = Buffer.concat([this.tail, chunk]);
    const at = window.indexOf(this.mark);
    if (at >= 0) return at + EOF_MARK_SIZE - this.tail.length;
    this.tail = window.subarray(Math.max(0, window.length - (EOF_MARK_SIZE - 1)));
    return undefined;
  }
}
