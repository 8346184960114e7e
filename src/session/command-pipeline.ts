// THE command engine every mode sends through: commands pipelined on their connections (a window in flight), replies
// printed strictly in input order as they stream in, state tracked, and the rare cases (redirects, NOAUTH, READONLY,
// lost connections) handed to Session.execute one command at a time, in their turn.
import { isShutdown } from '../commands/command-words.js';
import type { Connection } from '../net/connection.js';
import { decodeReply } from '../net/reply-reader.js';
import { ReplyQueue } from '../net/reply-queue.js';
import { encodeCommand } from '../resp/encode.js';
import { RESP_TYPES as T, type Reply } from '../resp/types.js';
import { Entry, EntryPool, EntryState, TRACKS_STATE } from './pipeline-entry.js';
import { PipelineWrites } from './pipeline-writes.js';
import { QueueWaiters } from './queue-waiters.js';
import type { PipelineOutput, StreamWriter } from './pipeline-output.js';
import { parseRedirect } from './redirect.js';
import { runAloneSafely, type LineCounts, type RunAlone } from './run-alone.js';
import type { Session } from './session.js';
import { trackState } from './state-tracking.js';

export class CommandPipeline {
  private readonly queue = new ReplyQueue<Entry>();
  private readonly pool = new EntryPool();
  private readonly writes = new PipelineWrites(this);
  private readonly lostReported = new WeakSet<Connection>();
  private readonly waiters = new QueueWaiters();
  private runningAlone = false;
  private lastDone = performance.now();
  /** A line went wrong (lost connection, a reply to act on): new lines run one at a time until the queue drains. */
  broken = false;
  /** Runs a command on its own, following redirects and the like (Session.execute unless a mode knows better). */
  runAlone: RunAlone;

  constructor(private readonly session: Session, private readonly output: PipelineOutput) {
    this.runAlone = (argv, answered) => session.execute(argv, answered);
  }

  /** Lines ever queued, and lines finished (printed, in order, or dropped): their bytes are no longer needed. */
  added = 0;
  finished = 0;
  /** What became of the commands: answered, answered with an error, never run, lost in flight (outcome unknown). */
  readonly counts: LineCounts = { sent: 0, ok: 0, errors: 0, notRun: 0, unknown: 0 };

  /** Lines queued and not yet printed. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Queues the command encoded in bytes[start, end) for `conn` (written at the next flush()). */
  command(conn: Connection, bytes: Buffer, start: number, end: number, flags: number): void {
    const e = this.pool.take();
    e.bytes = bytes;
    e.start = start;
    e.end = end;
    e.flags = flags;
    this.push(e);
    this.sendOn(conn, e);
    this.writes.later(conn, e);
  }

  /**
   * Queues a line whose connection is not known yet (its node is down and a replica may take over). It keeps its
   * place in the output; dispatch() sends it, drop() gives it up.
   */
  park(argv: Buffer[], flags: number): Entry {
    return this.queueArgv(EntryState.Parked, argv, flags);
  }

  /** Sends a parked line on `conn` now. */
  dispatch(e: Entry, conn: Connection): void {
    e.bytes = encodeCommand(e.argv);
    e.start = 0;
    e.end = e.bytes.length;
    e.state = EntryState.Waiting;
    this.sendOn(conn, e);
    conn.write(e.bytes);
  }

  /** Gives a parked line up: `line` goes to stderr in its turn. */
  drop(e: Entry, line: string): void {
    e.state = EntryState.Warning;
    e.text = line;
    this.counts.notRun++;
    this.pump();
  }

  private sendOn(conn: Connection, e: Entry): void {
    if (this.output.timed) e.sentAt = performance.now();
    this.counts.sent++;
    this.writes.expect(conn, e);
  }

  /** Encodes argv and queues it on the session's connection, or to run alone when there is none to pipeline on. */
  commandArgv(argv: Buffer[], flags: number): void {
    const conn = this.session.conn;
    if (!conn || conn.closed || this.broken) this.queueAlone(argv, flags);
    else this.commandArgvOn(conn, argv, flags);
  }

  /** Encodes argv and queues it on `conn` (a cluster batch's routed connection). */
  commandArgvOn(conn: Connection, argv: Buffer[], flags: number): void {
    const bytes = encodeCommand(argv);
    this.command(conn, bytes, 0, bytes.length, flags);
    this.writes.lastFor(conn).argv = argv; // no need to decode what was just encoded
  }

  /** Queues fixed output text. */
  text(text: string): void {
    const e = this.pool.take();
    e.state = EntryState.Text;
    e.text = text;
    this.push(e);
    this.pump();
  }

  /** Queues a command to run alone once everything before it is printed (reconnecting if need be). */
  queueAlone(argv: Buffer[], flags: number): void {
    this.queueArgv(EntryState.Alone, argv, flags);
    this.pump();
  }

  private queueArgv(state: EntryState, argv: Buffer[], flags: number): Entry {
    const e = this.pool.take();
    e.state = state;
    e.argv = argv;
    e.flags = flags;
    this.push(e);
    return e;
  }

  /** Writes what was queued since the last flush: one write per connection. */
  flush(): void {
    this.writes.flush();
    this.pump();
  }

  /** Resolves when every queued line has been printed. */
  drained(): Promise<void> {
    return this.room(1);
  }

  /** Resolves once fewer than `limit` lines are queued (back-pressure for the reader of input). */
  room(limit: number): Promise<void> {
    return this.waiters.below(limit, this.queue.length);
  }

  /** Drops every line still queued without printing it (Ctrl-C in the shell); the caller closes the connection. */
  abandon(): void {
    const head = this.queue.peek();
    if (head?.state === EntryState.Streaming) this.cutShort(head);
    // Entries still owed a reply stay with their connection's reader (it fails them when closed): not reused.
    for (let e = this.queue.shift(); e; e = this.queue.shift()) {
      this.finished++;
      if (!e.conn) this.pool.give(e);
    }
    this.writes.clear();
    this.broken = false;
    this.wake();
  }

  // ReaderHost: called by the per-connection readers.
  streamNow(e: Entry): StreamWriter | undefined {
    if (this.runningAlone || this.queue.peek() !== e) return undefined;
    return this.output.streamWriter(e.flags);
  }

  /** `e`'s reply was cut off half-printed: it is taken back from the output, once. */
  cutShort(e: Entry): void {
    this.output.cut();
    e.state = EntryState.Lost;
  }

  settled(e: Entry): void {
    if (e.state === EntryState.Done) this.printed(e, true, e.replyType === T.MAP);
    this.pump();
  }

  /** Prints every finished line at the head of the queue; starts the next lone command when that is what waits. */
  private pump(): void {
    for (let e = this.queue.peek(); e && !this.runningAlone; e = this.queue.peek()) {
      switch (e.state) {
        case EntryState.Waiting:
        case EntryState.Streaming:
        case EntryState.Parked:
          this.wake();
          return;
        case EntryState.Text:
          this.output.text(e.text);
          break;
        case EntryState.Warning:
          this.output.warn(e.text);
          break;
        case EntryState.Captured:
          if (!this.printCaptured(e)) continue;
          break;
        case EntryState.Lost:
          if (!this.reportLost(e)) continue;
          break;
        case EntryState.Alone:
          void this.runEntryAlone(e);
          return;
      }
      this.finish();
    }
    this.wake();
  }

  /** A reply that arrived early: printed now, unless it is an error the session acts on (then it runs again). */
  private printCaptured(e: Entry): boolean {
    const raw = e.captured!;
    if (e.replyType === T.SIMPLE_ERROR || e.replyType === T.BLOB_ERROR) {
      const reply = decodeReply(raw);
      if (this.session.wouldHandle(reply)) {
        // A redirect names its node; anything else is acted on only where it was said (the session's connection).
        this.runAgain(e, parseRedirect(reply) || e.conn === this.session.conn ? reply : undefined);
        return false;
      }
      this.output.reply(reply, e.flags, e.argv);
      this.printed(e, false, false);
      return true;
    }
    this.output.replay(raw, e.flags);
    this.printed(e, true, e.replyType === T.MAP);
    return true;
  }

  /** The first line on a broken connection reports it; later ones were never answered and run again. */
  private reportLost(e: Entry): boolean {
    const err = e.lost!;
    if (err.protocol) {
      this.output.fatal(`Error: ${err.message}`);
      this.abandon();
      return false;
    }
    // Sent, but never answered: it may or may not have run, so it is reported, never sent again.
    const conn = e.conn!;
    const first = !this.lostReported.has(conn);
    this.lostReported.add(conn);
    this.counts.unknown++;
    if (this.session.conn === conn) {
      // Later lines must not overtake what runs on the next connection: one at a time until the queue drains.
      this.broken = true;
      this.session.close();
    }
    if (isShutdown(e.argv)) return true;
    this.output.warn(first ? `Error: ${err.message}` : `Error: ${err.message} (it was in flight: it may or may not have run)`);
    return true;
  }

  private runAgain(e: Entry, answered?: Reply): void {
    e.state = EntryState.Alone;
    e.answered = answered;
    this.broken = true;
  }

  private async runEntryAlone(e: Entry): Promise<void> {
    this.runningAlone = true;
    const started = performance.now();
    const reply = await runAloneSafely(this.session, this.runAlone, e.argv, this.output, this.counts, e.answered);
    if (reply === 'fatal') this.abandon();
    else if (reply) {
      this.output.reply(reply, e.flags, e.argv);
      this.lastDone = started;
      this.printed(e, reply.type !== 'error', reply.type === 'map');
    }
    this.runningAlone = false;
    this.finish();
    this.pump();
  }

  /** State tracking and the timing line for a printed reply. */
  private printed(e: Entry, ok: boolean, isMap: boolean): void {
    if (ok) this.counts.ok++;
    else this.counts.errors++;
    if (e.flags & TRACKS_STATE) trackState(this.session.state, e.argv, ok, isMap);
    if (!this.output.timed) return;
    const now = performance.now();
    this.output.after(now - Math.max(e.sentAt, this.lastDone));
    this.lastDone = now;
  }

  private push(e: Entry): void {
    this.added++;
    this.queue.push(e);
  }

  private finish(): void {
    const e = this.queue.shift();
    if (!e) return;
    this.finished++;
    this.pool.give(e);
  }

  private wake(): void {
    if (this.queue.length === 0) {
      this.broken = false;
      this.output.idle();
    }
    this.waiters.lengthNow(this.queue.length);
  }
}
