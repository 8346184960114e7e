// The printing side of the command engine: lines queued in input order, each command submitted to the session with
// its entry as the sink, replies printed strictly in that order as they stream in (a reply whose turn has not come
// is kept as bytes), lines that must run alone (after everything before them) run in their turn.
import { isShutdown } from '../commands/command-words.js';
import { encodeCommand } from '../resp/encode.js';
import { decodeReply } from '../resp/reply-collector.js';
import { RESP_TYPES as T } from '../resp/types.js';
import { FifoRing } from '../util/fifo-ring.js';
import { Entry, EntryPool, EntryState, type EntryHost } from './pipeline-entry.js';
import type { PipelineOutput, StreamWriter } from './pipeline-output.js';
import { QueueWaiters } from './queue-waiters.js';
import type { Session } from './session.js';

/** What became of the commands: answered, answered with an error, never run, lost in flight (outcome unknown). */
export interface LineCounts {
  sent: number;
  ok: number;
  errors: number;
  /** Could not be sent (no connection, an unreachable node, no node took over). */
  notRun: number;
  /** Sent, then the connection broke before the reply: it may or may not have run. */
  unknown: number;
}

export class CommandPipeline implements EntryHost {
  private readonly queue = new FifoRing<Entry>();
  private readonly pool = new EntryPool(this);
  private readonly lostReported = new WeakSet<object>();
  private readonly waiters = new QueueWaiters();
  /** A line at the head is connecting before it runs alone (this run's token): nothing after it moves. */
  private connecting: object | undefined;
  private lastDone = performance.now();
  /** The current node's connection broke: new lines run one at a time (reconnecting) until the queue drains. */
  broken = false;
  /** Lines ever queued, and lines finished (printed, in order, or dropped): their bytes are no longer needed. */
  added = 0;
  finished = 0;
  readonly counts: LineCounts = { sent: 0, ok: 0, errors: 0, notRun: 0, unknown: 0 };

  constructor(private readonly session: Session, private readonly output: PipelineOutput) {}

  get announcesRedirects(): boolean {
    return this.output.announcesRedirects;
  }

  /** Lines queued and not yet printed. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Queues the command encoded in bytes[start, end); `slot` >= 0 routes it by its key (a cluster batch). */
  command(bytes: Buffer, start: number, end: number, flags: number, slot = -1): Entry {
    const e = this.pool.take();
    e.bytes = bytes;
    e.start = start;
    e.end = end;
    e.flags = flags;
    e.slot = slot;
    this.push(e);
    this.send(e);
    return e;
  }

  /**
   * Encodes argv and queues it; it runs alone instead (reconnecting first) after a lost connection, or when there is
   * none to send it on and the session does not keep lines for a lost node waiting.
   */
  commandArgv(argv: Buffer[], flags: number, slot = -1): void {
    const unconnected = slot < 0 && !this.session.connected && !this.session.keepsGoing;
    if (this.broken || unconnected) return this.queueAlone(argv, flags);
    const bytes = encodeCommand(argv);
    this.command(bytes, 0, bytes.length, flags, slot).argv = argv; // no need to decode what was just encoded
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
    const e = this.pool.take();
    e.state = EntryState.Alone;
    e.argv = argv;
    e.flags = flags;
    this.push(e);
    this.pump();
  }

  /** Writes what was queued since the last flush: one write per connection. */
  flush(): void {
    this.session.flush();
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

  /** Drops every line still queued without printing it (Ctrl-C in the shell); the caller gives up the connection. */
  abandon(): void {
    const head = this.queue.peek();
    if (head?.state === EntryState.Streaming) this.cutShort();
    for (let e = this.queue.shift(); e; e = this.queue.shift()) {
      this.finished++;
      // An entry still owed a reply stays with the session (its connection fails it when closed): not reused.
      if (e.owed && e.state !== EntryState.Alone) e.abandoned = true;
      else this.pool.give(e);
    }
    this.broken = false;
    this.connecting = undefined;
    this.wake();
  }

  // EntryHost: called by the entries as their replies arrive.
  streamNow(e: Entry): StreamWriter | undefined {
    if (this.queue.peek() !== e) return undefined;
    this.printNote(e);
    return this.output.streamWriter(e.flags);
  }

  /** `e`'s reply was cut off half-printed: it is taken back from the output, once. */
  cutShort(): void {
    this.output.cut();
  }

  settled(e: Entry): void {
    if (e.state === EntryState.Done) this.printed(e, true);
    this.pump();
  }

  private send(e: Entry): void {
    if (this.output.timed) e.sentAt = performance.now();
    this.counts.sent++;
    e.state = EntryState.Waiting;
    this.session.submit(e);
  }

  /** Prints every finished line at the head of the queue; starts the lone command that waits there. */
  private pump(): void {
    for (let e = this.queue.peek(); e && !this.connecting; e = this.queue.peek()) {
      if (e.state !== EntryState.Streaming) this.printNote(e);
      switch (e.state) {
        case EntryState.Waiting:
        case EntryState.Streaming:
          this.wake();
          return;
        case EntryState.Text:
          this.output.text(e.text);
          break;
        case EntryState.Warning:
          this.refused(e);
          break;
        case EntryState.Captured:
          this.printCaptured(e);
          break;
        case EntryState.Lost:
          if (!this.reportLost(e)) continue;
          break;
        case EntryState.Alone:
          void this.runAlone(e);
          return;
      }
      this.finish();
    }
    this.wake();
  }

  private printNote(e: Entry): void {
    if (e.note === '') return;
    this.output.text(e.note);
    e.note = '';
  }

  /** A reply that arrived before its turn: printed now (an error decoded, for -e and the error words). */
  private printCaptured(e: Entry): void {
    const raw = e.captured!;
    if (e.replyType === T.SIMPLE_ERROR || e.replyType === T.BLOB_ERROR) {
      this.output.reply(decodeReply(raw), e.flags, e.argv);
      this.printed(e, false);
      return;
    }
    this.output.replay(raw, e.flags);
    this.printed(e, true);
  }

  /** A command that never left (its node could not be reached, or no node took over): its line, in its turn. */
  private refused(e: Entry): void {
    this.counts.sent--;
    this.counts.notRun++;
    this.output.warn(e.text);
  }

  /** The first line on a broken connection reports it; later ones were in flight: maybe run, never sent again. */
  private reportLost(e: Entry): boolean {
    const err = e.lost!;
    if (err.protocol) {
      this.output.fatal(`Error: ${err.message}`);
      this.abandon();
      return false;
    }
    const link = e.sentOn ?? this;
    const first = !this.lostReported.has(link);
    this.lostReported.add(link);
    this.counts.unknown++;
    // Later lines must not overtake what runs on the next connection: one at a time until the queue drains.
    if (e.sentOn && e.sentOn.address === this.session.address && !this.session.keepsGoing) this.broken = true;
    if (isShutdown(e.argv)) return true;
    this.output.warn(first ? `Error: ${err.message}` : `Error: ${err.message} (it was in flight: it may or may not have run)`);
    return true;
  }

  /** At the head: connects if need be (a failure is its line, and it does not run), then sends it. */
  private async runAlone(e: Entry): Promise<void> {
    if (!this.session.connected) {
      const run = (this.connecting = {});
      const ok = await this.session.ensureConnected();
      if (this.connecting !== run) return; // abandoned meanwhile
      this.connecting = undefined;
      if (!ok) {
        this.counts.notRun++;
        this.finish();
        return this.pump();
      }
    }
    e.bytes = encodeCommand(e.argv);
    e.start = 0;
    e.end = e.bytes.length;
    this.send(e);
    this.session.flush();
  }

  /** Counts and the timing line for a printed reply. */
  private printed(e: Entry, ok: boolean): void {
    if (ok) this.counts.ok++;
    else this.counts.errors++;
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
