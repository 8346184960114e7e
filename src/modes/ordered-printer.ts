// Prints batch results strictly in input order while replies for later lines are still in flight.
import { ConnectionLostError, type Connection } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import type { Session } from '../session/session.js';
import { trackState } from '../session/state-tracking.js';
import { ReplyQueue } from '../net/reply-queue.js';

/** One line's outcome: fixed text, a pipelined reply, or a command to run once everything before it is done. */
export type Entry =
  | { kind: 'text'; text: string }
  | { kind: 'sent'; argv: Buffer[]; reply: Promise<Reply>; conn: Connection; sentAt: number }
  | { kind: 'deferred'; argv: Buffer[] };

export interface PrinterHooks {
  /** Output bytes for a reply (already formatted for the mode). */
  print(reply: Reply, argv: Buffer[], elapsedMs: number): void;
  write(text: string): void;
  warn(line: string): void;
  /** Called whenever the queue runs empty (a moment to flush output). */
  idle?(): void;
  /** Called on a protocol error: redis-cli exits 1. */
  fatal(message: string): void;
}

export class OrderedPrinter {
  private readonly queue = new ReplyQueue<Entry>();
  private running?: Promise<void>;
  private lastDone = performance.now();
  /** Set when a pipelined connection broke: the reader must stop pipelining until the printer catches up. */
  broken = false;

  constructor(private readonly session: Session, private readonly hooks: PrinterHooks) {}

  get backlog(): number {
    return this.queue.length;
  }

  add(entry: Entry): void {
    this.queue.push(entry);
    this.running ??= this.run();
  }

  /** Resolves when every queued entry has been printed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Resolves once fewer than `limit` entries wait (back-pressure for the reader). */
  async waitForRoom(limit: number): Promise<void> {
    while (this.queue.length >= limit && this.running) await new Promise<void>((r) => this.progress.push(r));
  }

  private readonly progress: Array<() => void> = [];

  private async run(): Promise<void> {
    for (let e = this.queue.shift(); e; e = this.queue.shift()) {
      await this.handle(e);
      if (this.progress.length) for (const wake of this.progress.splice(0)) wake();
    }
    this.running = undefined;
    this.hooks.idle?.();
    for (const wake of this.progress.splice(0)) wake();
  }

  private async handle(e: Entry): Promise<void> {
    if (e.kind === 'text') { this.hooks.write(e.text); this.lastDone = performance.now(); return; }
    let reply: Reply | undefined;
    let started = e.kind === 'sent' ? e.sentAt : performance.now();
    try {
      if (e.kind === 'sent') {
        try {
          reply = await e.reply;
          trackState(this.session.state, e.argv, reply);
        } catch (err) {
          // Only the first command on a broken connection gets the error; later ones were never answered: run them again.
          if (!(err instanceof ConnectionLostError) || this.lostOn(e.conn) === 'first') throw err;
          started = performance.now();
          reply = await this.runAlone(e.argv);
        }
      } else {
        reply = await this.runAlone(e.argv);
      }
    } catch (err) {
      if (!(err instanceof ConnectionLostError)) throw err;
      if (err.protocol) { this.hooks.fatal(`Error: ${err.message}`); return; }
      this.session.close();
      this.broken = true;
      if (!isShutdown(e.argv)) this.hooks.warn(`Error: ${err.message}`);
    }
    if (reply !== undefined) {
      const now = performance.now();
      this.hooks.print(reply, e.argv, now - Math.max(started, this.lastDone));
    }
    this.lastDone = performance.now();
  }

  private readonly reportedLost = new WeakSet<Connection>();

  private lostOn(conn: Connection): 'first' | 'reported' {
    if (this.reportedLost.has(conn)) return 'reported';
    this.reportedLost.add(conn);
    return 'first';
  }

  /** Reconnects when needed, then sends one command and waits for it. */
  private async runAlone(argv: Buffer[]): Promise<Reply | undefined> {
    if (!this.session.connected && !(await this.session.ensureConnected())) return undefined;
    this.broken = false;
    return this.session.execute(argv);
  }
}

function isShutdown(argv: Buffer[]): boolean {
  return argv[0]?.toString('latin1').toLowerCase() === 'shutdown';
}
