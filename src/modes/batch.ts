// Stdin batch: command lines split like redis-cli's REPL, sent pipelined (one write per chunk), printed in order.
import { encodeCommands } from '../resp/encode.js';
import { splitArgs, parseRepeatPrefix } from '../repl/parse-line.js';
import type { Session } from '../session/session.js';
import { OrderedPrinter } from './ordered-printer.js';
import { localCommand, helpCommand } from './local-commands.js';
import { replyBytes, pushBytes, type PrintSettings } from './printer.js';
import { streamKind } from './stream-commands.js';
import { streamForever, subscribeStream, type ModeIO } from './one-shot.js';

export interface BatchOptions {
  print: PrintSettings;
  showPushes: boolean;
  /** Pipeline when true; cluster redirects need one command at a time. */
  pipeline: boolean;
  /** Most commands in flight at once. */
  window: number;
}

/** Commands that may close the connection (or the server): pipelining across them would lose replies. */
const CONNECTION_ENDING = new Set(['shutdown', 'quit', 'client', 'debug', 'failover', 'sync', 'psync']);

function endsConnection(argv: Buffer[]): boolean {
  return CONNECTION_ENDING.has(argv[0].toString('latin1').toLowerCase());
}

/** Splits a byte stream into batches of lines ('\n'-terminated; a last unterminated line counts). */
async function* lines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const batch: Buffer[] = [];
    let start = 0;
    for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, start)) {
      batch.push(data.subarray(start, nl));
      start = nl + 1;
    }
    carry = data.subarray(start);
    if (batch.length) yield batch;
  }
  if (carry.length) yield [carry];
}

/** Runs every line of `input`; returns the exit code (0 at EOF, like redis-cli). */
export async function runBatch(session: Session, input: AsyncIterable<Buffer>, o: BatchOptions, io: ModeIO): Promise<number> {
  let fatal: string | undefined;
  const printer = new OrderedPrinter(session, {
    print: (reply, argv, elapsedMs) => {
      io.out.write(replyBytes(reply, argv, o.print));
      if (o.print.mode === 'tty' && elapsedMs >= 500) io.out.write(`(${(elapsedMs / 1000).toFixed(2)}s)\n`);
    },
    write: (text) => io.out.write(text),
    warn: (line) => io.warn(line),
    fatal: (message) => { fatal ??= message; },
    idle: () => io.out.flush(),
  });
  const attachPushes = () => {
    if (o.showPushes && session.conn) session.conn.onPush = (reply) => io.out.write(pushBytes(reply, o.print));
  };
  attachPushes();
  /** Commands encoded but not yet written: flushed as one write per input chunk. */
  let unsent: Buffer[][] = [];
  const flushWrites = () => {
    if (unsent.length && session.conn) session.conn.writeRaw(encodeCommands(unsent));
    unsent = [];
  };

  for await (const batch of lines(input)) {
    for (const line of batch) {
      if (fatal) break;
      const argv = splitArgs(line);
      if (argv === null) { printer.addText('Invalid argument(s)\n'); continue; }
      if (argv.length === 0) continue;
      const prefix = parseRepeatPrefix(argv);
      if ('error' in prefix) { printer.addText(`${prefix.error}\n`); continue; }

      const local = localCommand(argv) ?? helpCommand(prefix.argv);
      const stream = local ? undefined : streamKind(prefix.argv);
      if (local || stream) {
        flushWrites();
        await printer.idle();
        io.out.flush();
      }
      if (local) {
        const outcome = await local.run({ session, write: (t) => io.out.write(t), warn: io.warn });
        if (outcome === 'exit') { io.out.flush(); return 0; }
        attachPushes();
        continue;
      }
      if (stream) {
        if (!(await session.ensureConnected())) continue;
        const streamOptions = { print: o.print, showPushes: o.showPushes, repeat: 1, intervalMs: 0, exitOnError: false };
        if (stream === 'pubsub') return subscribeStream(session, prefix.argv, streamOptions, io);
        printer.addDeferred(prefix.argv);
        await printer.idle();
        if (session.connected) return streamForever(session, prefix.argv, streamOptions, io);
        continue;
      }
      const barrier = endsConnection(prefix.argv);
      for (let i = 0; i < prefix.repeat; i++) {
        // Replies still buffered in the server would be lost if it closes the connection: wait for them first.
        if (barrier) { flushWrites(); await printer.idle(); }
        const wait = queueCommand(prefix.argv);
        if (wait) await wait;
        if (barrier) { flushWrites(); await printer.idle(); }
      }
    }
    flushWrites();
    if (fatal) break;
  }
  flushWrites();
  await printer.idle();
  io.out.flush();
  if (fatal) { io.warn(fatal); return 1; }
  return 0;

  /** Sends argv pipelined; returns a promise only when the reader has to wait (kept synchronous per line for speed). */
  function queueCommand(argv: Buffer[]): Promise<void> | undefined {
    const conn = session.conn;
    // Until a password is known, a NOAUTH must be answered before anything else is sent.
    if (printer.broken || !o.pipeline || !conn || conn.closed || session.mayAskForAuth) return queueAlone(argv);
    conn.expectReply(printer.addSent(argv, conn));
    unsent.push(argv);
    if (unsent.length >= 256) flushWrites();
    if (printer.backlog < o.window) return undefined;
    flushWrites();
    io.out.flush();
    return printer.waitForRoom(o.window / 2);
  }

  /** After a broken connection, or when pipelining is off: run argv once everything before it is done. */
  async function queueAlone(argv: Buffer[]): Promise<void> {
    flushWrites();
    await printer.idle();
    printer.addDeferred(argv);
    await printer.idle();
    attachPushes();
  }
}
