// Stdin batch: each line split like redis-cli's REPL and encoded straight into the connection's write buffer, sent
// pipelined through the command pipeline (one write per input chunk), replies printed in input order as they stream.
import { CommandCatalog } from '../commands/catalog.js';
import { CommandFlags, ENDS_SESSION, SINGLE_KEY, TRACKS_STATE } from '../commands/command-flags.js';
import { LineEncoder } from '../commands/line-encoder.js';
import { loadCatalog } from '../commands/load-catalog.js';
import { parseRepeatPrefix, splitArgs } from '../commands/split-args.js';
import { repeatsAfterRefusal, streamKind } from '../commands/stream-commands.js';
import type { ModeIO } from '../output/fd-output.js';
import { ReplyPrinter } from '../output/reply-printer.js';
import { singleKeyCommands } from '../commands/single-key.js';
import { CommandPipeline } from '../session/command-pipeline.js';
import type { Session } from '../session/session.js';
import type { Settings } from '../settings/settings.js';
import { helpCommand, localCommand, type LocalContext } from './local-commands.js';
import { BatchTargets } from './batch-targets.js';
import { followStream, streamFailure } from './reply-stream.js';

/** Most lines in flight at once. */
const WINDOW = 4096;
const ENCODE_BUFFER = 1 << 18;
/** Lines that may change what later ones mean: only the plain ones take the fast path. */
const FAST = SINGLE_KEY | TRACKS_STATE;

/** Stdin batch mode (no command, stdin not a terminal): returns 0 at EOF like redis-cli, 1 after a protocol error. */
export async function runStdinBatch(session: Session, s: Settings, cluster: boolean, input: AsyncIterable<Buffer>, io: ModeIO): Promise<number> {
  await session.ensureConnected();
  const routed = cluster && (await session.routes.enable().catch(() => false));
  // Lines for a lost node wait for a takeover: a -c batch, or a -g primary that may fail over.
  if (routed || session.canFailOver) session.waitForFailover(s.failoverWaitMs);
  const batch = new StdinBatch(session, s, routed, io);
  try {
    return await batch.run(input);
  } finally {
    session.close();
  }
}

class StdinBatch {
  private readonly printer: ReplyPrinter;
  private readonly pipeline: CommandPipeline;
  private readonly flags: CommandFlags;
  /** Bigger than a stdin chunk's encoding, so one chunk's commands usually go out in one write. */
  private readonly encoder = new LineEncoder(ENCODE_BUFFER);
  /** Encode buffers taking turns; each may be reused once every line encoded in it is finished. */
  private readonly buffers: Array<{ buf: Buffer; lastLine: number }> = [];
  private readonly local: LocalContext;
  private readonly targets: BatchTargets;
  private fatal: string | undefined;
  /** After a command that may close the connection, the next one goes alone: it finds out, as redis-cli's would. */
  private afterBarrier = false;
  /** Set when a stream (SUBSCRIBE, MONITOR) took over: its exit code ends the batch. */
  private streamed: number | undefined;

  constructor(private readonly session: Session, private readonly s: Settings, routed: boolean, private readonly io: ModeIO) {
    const hooks = { warn: io.warn, timing: true, announceRedirects: true, fatal: (m: string) => { this.fatal ??= m; } };
    this.printer = new ReplyPrinter(io.out, s.print, hooks);
    this.pipeline = new CommandPipeline(session, this.printer);
    this.flags = new CommandFlags(routed ? singleKeyCommands(CommandCatalog.bundled()) : []);
    this.targets = new BatchTargets(session, this.pipeline, routed);
    let catalog: Promise<CommandCatalog> | undefined;
    this.local = {
      session, write: (t) => io.out.write(t), warn: io.warn,
      catalog: () => (catalog ??= loadCatalog(session.connected ? (argv) => session.execute(argv, { asIs: true }) : undefined)),
    };
    if (s.showPushes) session.onPush = (reply) => this.printer.push(reply, this.pipeline.backlog > 0);
  }

  async run(input: AsyncIterable<Buffer>): Promise<number> {
    let carry: Buffer | undefined;
    let joined = Buffer.alloc(0); // an unfinished line and the next chunk, in memory reused chunk after chunk
    for await (const chunk of input) {
      let data = chunk;
      if (carry) {
        if (joined.length < carry.length + chunk.length) joined = Buffer.allocUnsafe(2 * (carry.length + chunk.length));
        carry.copy(joined, 0);
        chunk.copy(joined, carry.length);
        data = joined.subarray(0, carry.length + chunk.length);
      }
      let start = 0;
      for (let nl = newline(data, 0); nl >= 0 && this.going(); nl = newline(data, start)) {
        const wait = this.line(data, start, nl);
        start = nl + 1;
        if (wait) await wait;
      }
      // The chunk's buffer is reused for the next read: keep a copy of the unfinished line.
      carry = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
      this.endOfChunk();
      if (!this.going()) break;
    }
    if (carry && this.going()) await this.line(carry, 0, carry.length);
    this.endOfChunk();
    await this.pipeline.drained();
    this.io.out.flush();
    if (this.streamed !== undefined) return this.streamed;
    if (this.fatal) {
      this.io.warn(this.fatal);
      return 1;
    }
    const summary = this.targets.summary();
    if (summary) this.io.warn(summary);
    return this.targets.failed ? 1 : 0;
  }

  private going(): boolean {
    return this.fatal === undefined && this.streamed === undefined;
  }

  private endOfChunk(): void {
    this.pipeline.flush();
    // What was written stays with the socket (and the lines' entries) until those lines are finished; new lines go to
    // a buffer that is free by then, so a long batch recycles a few buffers instead of leaving garbage behind.
    for (const buf of [...this.encoder.filled, this.encoder.buf]) {
      const known = this.buffers.find((b) => b.buf === buf);
      if (known) known.lastLine = this.pipeline.added;
      else this.buffers.push({ buf, lastLine: this.pipeline.added });
    }
    const free = this.buffers.find((b) => b.buf !== this.encoder.buf && b.lastLine <= this.pipeline.finished);
    this.encoder.use(free?.buf ?? Buffer.allocUnsafe(ENCODE_BUFFER));
    if (this.buffers.length > 8) this.buffers.shift();
  }

  /** One line, data[start, end): a plain command takes the fast path; a promise when the reader must wait. */
  private line(data: Buffer, start: number, end: number): Promise<void> | undefined {
    const e = this.encoder;
    const argc = e.encode(data, start, end);
    if (argc === 0) return undefined;
    if (argc > 0) {
      const flags = this.flags.ofWord(data, e.wordStart, e.wordEnd);
      if ((flags & ~FAST) === 0 && !this.pipeline.broken && !this.session.mayAskForAuth && !this.afterBarrier) {
        const slot = this.targets.now(flags, argc, data, e.keyStart, e.keyEnd);
        if (slot !== undefined) {
          this.pipeline.command(e.buf, e.lastStart, e.pos, flags & TRACKS_STATE, slot);
          return this.room();
        }
      }
      e.undoLast();
    }
    return this.slow(data.subarray(start, end));
  }

  private room(): Promise<void> | undefined {
    if (this.pipeline.backlog < WINDOW) return undefined;
    this.pipeline.flush();
    this.io.out.flush();
    return this.pipeline.room(WINDOW / 2);
  }

  /** Everything that is not a plain command: exact splitting, repeat counts, local commands, streams, barriers. */
  private async slow(line: Buffer): Promise<void> {
    const argv = splitArgs(line);
    if (argv === null) return this.pipeline.text('Invalid argument(s)\n');
    if (argv.length === 0) return;
    const prefix = parseRepeatPrefix(argv);
    if ('error' in prefix) return this.pipeline.text(`${prefix.error}\n`);
    const local = localCommand(argv) ?? helpCommand(prefix.argv);
    if (local) {
      await this.settle();
      if ((await local.run(this.local)) === 'exit') this.streamed = 0;
      return;
    }
    const flags = this.flags.of(prefix.argv);
    let repeat = prefix.repeat;
    const stream = streamKind(prefix.argv);
    if (stream) {
      if (!(await this.stream(prefix.argv)) || !repeatsAfterRefusal(stream)) return;
      for (; repeat > 1 && this.going(); repeat--) await this.alone(prefix.argv, flags);
      return;
    }
    for (let i = 0; i < repeat && this.going(); i++) {
      // Replies still buffered in the server would be lost if it closes the connection: wait for them first.
      const lonely = this.afterBarrier;
      this.afterBarrier = (flags & ENDS_SESSION) !== 0;
      if (flags & ENDS_SESSION || lonely) await this.alone(prefix.argv, flags);
      else await this.send(prefix.argv, flags);
    }
  }

  private async send(argv: Buffer[], flags: number): Promise<void> {
    if (this.session.mayAskForAuth || !this.targets.send(argv, flags)) return this.alone(argv, flags);
    return this.room();
  }

  /** Runs argv once everything before it is printed, and lets nothing after it start before it is done. */
  private async alone(argv: Buffer[], flags: number): Promise<void> {
    await this.settle();
    this.pipeline.queueAlone(argv, flags);
    await this.settle();
  }

  /** Follows a stream; true when an error reply ended it (SUBSCRIBE with no channel, say) and the batch reads on. */
  private async stream(argv: Buffer[]): Promise<boolean> {
    await this.settle();
    if (!(await this.session.ensureConnected())) return false;
    const end = await followStream(this.session, argv, this.printer, this.io, this.s.failoverWaitMs);
    if (end.kind === 'error-reply') return true;
    const failed = streamFailure(end);
    if (failed) this.io.warn(failed);
    this.streamed = failed ? 1 : 0;
    return false;
  }

  private async settle(): Promise<void> {
    this.pipeline.flush();
    await this.pipeline.drained();
    this.io.out.flush();
  }

}

/** The next '\n' in data from `from`, or -1: a plain loop, as lines are short and Buffer.indexOf costs a native call. */
function newline(data: Buffer, from: number): number {
  for (let i = from, n = data.length; i < n; i++) if (data[i] === 10) return i;
  return -1;
}
