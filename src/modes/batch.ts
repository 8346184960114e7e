// Stdin batch: command lines split like redis-cli's REPL, sent pipelined (one write per chunk), printed in order.
import { word } from '../commands/command-words.js';
import { encodeCommands } from '../resp/encode.js';
import type { Connection } from '../net/connection.js';
import type { Route, ClusterRouting } from '../session/cluster-routing.js';
import { splitArgs, parseRepeatPrefix } from '../commands/split-args.js';
import type { Session } from '../session/session.js';
import { OrderedPrinter } from './ordered-printer.js';
import { localCommand, helpCommand } from './local-commands.js';
import { replyBytes, pushBytes } from '../output/reply-printer.js';
import type { ModeIO } from '../output/fd-output.js';
import type { PrintSettings, Settings } from '../settings/settings.js';
import { streamKind } from '../commands/stream-commands.js';
import { streamForever, subscribeStream } from './one-shot.js';

export interface BatchOptions {
  print: PrintSettings;
  showPushes: boolean;
  /** Pipeline when true (one command at a time otherwise). */
  pipeline: boolean;
  /** -c: route single-key commands to their slot's node, pipelined per node. */
  cluster?: boolean;
  /** Most commands in flight at once. */
  window: number;
}

/** The slot map for -c batches (lazily loads the bundled command docs to know which commands take one key). */
async function openRouting(session: Session): Promise<ClusterRouting | undefined> {
  const [{ ClusterRouting, singleKeyCommands }, { CommandCatalog }] = await Promise.all([import('../session/cluster-routing.js'), import('../commands/catalog.js')]);
  return ClusterRouting.open(session, singleKeyCommands(CommandCatalog.bundled())).catch(() => undefined);
}

/** Commands that may close the connection (or the server): pipelining across them would lose replies. */
const CONNECTION_ENDING = new Set(['shutdown', 'quit', 'client', 'debug', 'failover', 'sync', 'psync']);

function endsConnection(argv: Buffer[]): boolean {
  return CONNECTION_ENDING.has(word(argv));
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

/** Stdin batch mode (no command, stdin not a terminal): every line of `input`, pipelined; `cluster` routes per slot. */
export async function runStdinBatch(session: Session, s: Settings, cluster: boolean, input: AsyncIterable<Buffer>, io: ModeIO): Promise<number> {
  await session.ensureConnected();
  return runBatch(session, input, { print: s.print, showPushes: s.showPushes, pipeline: true, cluster, window: 4096 }, io);
}

/** Runs every line of `input`; returns the exit code (0 at EOF, like redis-cli). */
async function runBatch(session: Session, input: AsyncIterable<Buffer>, o: BatchOptions, io: ModeIO): Promise<number> {
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
  /** Commands encoded but not yet written, per connection: flushed as one write per input chunk. */
  let unsent = new Map<Connection, Buffer[][]>();
  let unsentCount = 0;
  const flushWrites = () => {
    for (const [conn, commands] of unsent) if (!conn.closed) conn.writeRaw(encodeCommands(commands));
    unsent = new Map();
    unsentCount = 0;
  };
  const routing = o.cluster && o.pipeline ? await openRouting(session) : undefined;
  const pipeline = o.pipeline && (!o.cluster || routing !== undefined);

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
  routing?.close();
  io.out.flush();
  if (fatal) { io.warn(fatal); return 1; }
  return 0;

  /** Sends argv pipelined; returns a promise only when the reader has to wait (kept synchronous per line for speed). */
  function queueCommand(argv: Buffer[]): Promise<void> | undefined {
    if (routing) return queueRouted(argv);
    const conn = session.conn;
    // Until a password is known, a NOAUTH must be answered before anything else is sent.
    if (printer.broken || !pipeline || !conn || conn.closed || session.mayAskForAuth) return queueAlone(argv);
    return send(conn, argv);
  }

  function send(conn: Connection, argv: Buffer[]): Promise<void> | undefined {
    conn.expectReply(printer.addSent(argv, conn));
    const list = unsent.get(conn);
    if (list) list.push(argv);
    else unsent.set(conn, [argv]);
    if (++unsentCount >= 256) flushWrites();
    if (printer.backlog < o.window) return undefined;
    flushWrites();
    io.out.flush();
    return printer.waitForRoom(o.window / 2);
  }

  /** -c: a single-key command goes to its node at once; anything else runs alone where redis-cli would be. */
  function queueRouted(argv: Buffer[]): Promise<void> | undefined {
    const route = printer.broken ? undefined : routing!.route(argv);
    if (!route || !route.session.connected) return queueAloneRouted(argv, route);
    if (route.owner.id !== routing!.current) {
      printer.addText(`-> Redirected to slot [${route.slot}] located at ${route.owner.host}:${route.owner.port}\n`);
      routing!.current = route.owner.id;
    }
    return send(route.session.conn!, argv);
  }

  async function queueAloneRouted(argv: Buffer[], route: Route | undefined): Promise<void> {
    if (route && !printer.broken && (await route.session.ensureConnected())) return queueRouted(argv);
    flushWrites();
    await printer.idle();
    await routing!.alignMain().catch(() => undefined);
    await queueAlone(argv);
    routing!.syncFromMain();
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
