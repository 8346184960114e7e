// Prints batch results strictly in input order while replies for later lines are still in flight (no promise per line).
import { isShutdown } from '../commands/command-words.js';
import { ConnectionLostError, type Connection } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import type { Session } from '../session/session.js';
import { trackState } from '../session/state-tracking.js';
import { parseRedirect } from '../session/redirect.js';
import { ReplyQueue } from '../net/reply-queue.js';

export interface PrinterHooks {
  /** Output for a reply; elapsedMs approximates how long the server spent on it. */
  print(reply: Reply, argv: Buffer[], elapsedMs: number): void;
  write(text: string): void;
  warn(line: string): void;
  /** A protocol error: redis-cli exits 1. */
  fatal(message: string): void;
  /** The queue ran empty: a moment to flush output. */
  idle(): void;
}

/** One input line's outcome, settled by the connection (it is the reply waiter) or run alone later. */
class Entry {
  reply?: Reply;
  error?: Error;
  settled = false;
  readonly sentAt = performance.now();
  constructor(readonly argv: Buffer[] | undefined, readonly text: string | undefined, readonly conn: Connection | undefined, private readonly printer: OrderedPrinter) {
    this.settled = text !== undefined;
  }
  resolve(reply: Reply): void { this.reply = reply; this.settled = true; this.printer.pump(); }
  reject(error: Error): void { this.error = error; this.settled = true; this.printer.pump(); }
}

export class OrderedPrinter {
  private readonly queue = new ReplyQueue<Entry>();
  private readonly lostReported = new WeakSet<Connection>();
  private readonly roomWaiters: Array<{ limit: number; wake(): void }> = [];
  private runningAlone = false;
  private lastDone = performance.now();
  /** A pipelined connection broke: the reader must let the printer catch up before sending more. */
  broken = false;

  constructor(private readonly session: Session, private readonly hooks: PrinterHooks) {}

  get backlog(): number {
    return this.queue.length;
  }

  /** Queues fixed output text. */
  addText(text: string): void {
    this.queue.push(new Entry(undefined, text, undefined, this));
    this.pump();
  }

  /** Queues a command that was (or is about to be) written to `conn`; returns the waiter to register. */
  addSent(argv: Buffer[], conn: Connection): Entry {
    const entry = new Entry(argv, undefined, conn, this);
    this.queue.push(entry);
    return entry;
  }

  /** Queues a command to run on its own once everything before it is printed (reconnecting if needed). */
  addDeferred(argv: Buffer[]): void {
    this.queue.push(new Entry(argv, undefined, undefined, this));
    this.pump();
  }

  /** Resolves when every queued entry has been printed. */
  idle(): Promise<void> {
    return this.waitForRoom(1);
  }

  /** Resolves once fewer than `limit` entries are queued (back-pressure for the reader). */
  waitForRoom(limit: number): Promise<void> {
    if (this.queue.length < limit) return Promise.resolve();
    return new Promise((wake) => this.roomWaiters.push({ limit, wake }));
  }

  /** Prints every settled entry at the head of the queue; starts the next lone command if that is what waits. */
  pump(): void {
    if (this.runningAlone) return;
    for (let head = this.queue.peek(); head; head = this.queue.peek()) {
      if (head.conn === undefined && head.text === undefined) { this.runAlone(head); return; }
      if (!head.settled) break;
      this.queue.shift();
      if (head.text !== undefined) this.hooks.write(head.text);
      else if (head.reply !== undefined) {
        // A routed cluster command that still got MOVED/ASK (the slot map changed): run it again, following it.
        if (this.session.opts.cluster && parseRedirect(head.reply)) { this.runAlone(new Entry(head.argv, undefined, undefined, this), true); return; }
        this.printReply(head, head.reply, head.sentAt);
      }
      else if (!this.handleLost(head)) return;
      this.lastDone = performance.now();
    }
    this.wakeReader();
  }

  private printReply(entry: Entry, reply: Reply, startedAt: number): void {
    trackState(this.session.state, entry.argv!, reply);
    const now = performance.now();
    this.hooks.print(reply, entry.argv!, now - Math.max(startedAt, this.lastDone));
  }

  /** The first command on a broken connection reports it; later ones were never answered and run again. */
  private handleLost(entry: Entry): boolean {
    const err = entry.error!;
    if (!(err instanceof ConnectionLostError)) throw err;
    if (err.protocol) { this.hooks.fatal(`Error: ${err.message}`); this.queue.clear(); return false; }
    this.broken = true;
    if (this.lostReported.has(entry.conn!)) {
      this.runAlone(new Entry(entry.argv, undefined, undefined, this), true);
      return false;
    }
    this.lostReported.add(entry.conn!);
    if (this.session.conn === entry.conn) this.session.close();
    if (!isShutdown(entry.argv!)) this.hooks.warn(`Error: ${err.message}`);
    return true;
  }

  private runAlone(entry: Entry, alreadyShifted = false): void {
    this.runningAlone = true;
    const startedAt = performance.now();
    void (async () => {
      try {
        if (this.session.connected || (await this.session.ensureConnected())) {
          const reply = await this.session.execute(entry.argv!);
          this.printReply(entry, reply, startedAt);
        }
      } catch (err) {
        if (!(err instanceof ConnectionLostError)) throw err;
        if (err.protocol) { this.hooks.fatal(`Error: ${err.message}`); this.queue.clear(); }
        else {
          this.session.close();
          if (!isShutdown(entry.argv!)) this.hooks.warn(`Error: ${err.message}`);
        }
      }
      if (!alreadyShifted) this.queue.shift();
      this.lastDone = performance.now();
      this.runningAlone = false;
      this.pump();
    })();
  }

  private wakeReader(): void {
    if (this.queue.length === 0) {
      this.broken = false;
      this.hooks.idle();
    }
    for (let i = this.roomWaiters.length - 1; i >= 0; i--) {
      if (this.queue.length < this.roomWaiters[i].limit) this.roomWaiters.splice(i, 1)[0].wake();
    }
  }
}
