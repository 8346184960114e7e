// --replica / --slave (redis-cli slaveMode): sync as a replica, discard the RDB, print the replication stream as CSV.
import { formatReply } from '../../format/index.js';
import type { ModeIO } from '../../output/fd-output.js';
import { ReplyDecoder } from '../../resp/reply-collector.js';
import { encodeCommand } from '../../resp/encode.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';
import { ModeExit, sleep } from './mode-basics.js';
import { MarkWatcher, sendReplconf, sendSync } from './sync-handshake.js';
import type { SocketReader } from './socket-reader.js';

/** Decodes replies from the handed-over socket, one at a time. */
class StreamReplies {
  private readonly ready: Reply[] = [];
  private readonly decoder = new ReplyDecoder((reply) => this.ready.push(reply));

  constructor(private readonly reader: SocketReader) {}

  /** The next reply; undefined when the master closed the connection. Throws ModeExit on a protocol error. */
  async next(): Promise<Reply | undefined> {
    while (this.ready.length === 0) {
      const chunk = await this.reader.next();
      if (!chunk) return undefined;
      try {
        this.decoder.write(chunk);
      } catch (err) {
        throw new ModeExit(`Error: ${(err as Error).message}`);
      }
    }
    return this.ready.shift();
  }
}

/** Skips the RDB payload; returns how many bytes it had (the EOF mark included). */
async function discardPayload(reader: SocketReader, payload: { size: bigint } | { mark: Buffer }): Promise<bigint> {
  const watcher = 'mark' in payload ? new MarkWatcher(payload.mark) : undefined;
  let left = 'size' in payload ? payload.size : 0n;
  let total = 0n;
  for (;;) {
    if (!watcher && left === 0n) return total;
    const chunk = await reader.next();
    if (!chunk) throw new ModeExit('Error reading RDB payload while SYNCing');
    const end = watcher ? watcher.feed(chunk) : undefined;
    const take = watcher ? end ?? chunk.length : Number(BigInt(chunk.length) < left ? BigInt(chunk.length) : left);
    reader.unshift(chunk.subarray(take));
    total += BigInt(take);
    left -= BigInt(take);
    if (end !== undefined) return total;
  }
}

/**
 * Runs until the master closes the link ("Error: Server closed the connection", exit 1); Ctrl-C kills it. After a
 * diskless sync redis-cli sends REPLCONF ACK 0 and waits for a reply the master never sends, so the first message
 * of the stream is taken as that reply and not printed: eredis does the same, so the output matches.
 */
export async function runReplica(session: Session, io: ModeIO): Promise<number> {
  await sendReplconf(session, 'capa', 'eof', io);
  await sendReplconf(session, 'rdb-filter-only', '', io);
  const { reader, payload } = await sendSync(session);
  io.warn('mark' in payload
    ? 'SYNC with master, discarding bytes of bulk transfer until EOF marker...'
    : `SYNC with master, discarding ${payload.size} bytes of bulk transfer...`);
  const total = await discardPayload(reader, payload);
  const stream = new StreamReplies(reader);
  if ('mark' in payload) {
    io.warn(`SYNC done after ${total} bytes. Logging commands from master.`);
    await sleep(1000);
    io.warn('sending REPLCONF ACK 0');
    reader.write(encodeCommand(['REPLCONF', 'ACK', '0']));
    const swallowed = await stream.next();
    if (!swallowed) throw new ModeExit('\nI/O error');
    if (swallowed.type === 'error') io.warn(`REPLCONF ACK error: ${swallowed.value.toString('latin1')}`);
  } else {
    io.warn('SYNC done. Logging commands from master.');
  }
  const csv = { bulkDelimiter: '\n', replyDelimiter: '\n' };
  for (;;) {
    const reply = await stream.next();
    if (!reply) throw new ModeExit('Error: Server closed the connection');
    // The CSV writer ends the reply with its newline, as cliFormatReply does.
    io.out.write(formatReply(reply, 'csv', csv));
    io.out.flush();
  }
}
