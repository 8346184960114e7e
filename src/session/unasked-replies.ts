// Replies no command on a connection asked for: a stream's messages and --pipe's replies go to whoever follows them;
// without a follower they are kept, typed, for nextReply() (the EVAL's own reply after a Lua debugging session).
import { ReplyCollector } from '../resp/reply-collector.js';
import { EVENTS, type ScanMode } from '../resp/scanner.js';
import type { Reply, ReplyEvents } from '../resp/types.js';
import type { ReplySink } from './submission.js';

export class UnaskedReplies implements ReplySink {
  /** Reads them as they come (a stream, --pipe's counter); unset: they are kept. */
  follower: ReplySink | undefined;
  events: ReplyEvents | undefined;
  /** The follower the reply being read went to (it may change before the reply ends). */
  private reading: ReplySink | undefined;
  private readonly kept: Reply[] = [];
  private readonly collector = new ReplyCollector(true);
  private waiter: { resolve(reply: Reply): void; reject(err: Error): void } | undefined;

  replyStart(type: number): ScanMode {
    this.reading = this.follower;
    if (!this.reading) {
      this.events = this.collector;
      return EVENTS;
    }
    const mode = this.reading.replyStart(type);
    this.events = mode === EVENTS ? this.reading.events : undefined;
    return mode;
  }

  replyEnd(raw: Buffer | undefined): void {
    const sink = this.reading;
    this.reading = undefined;
    if (sink) return sink.replyEnd(raw);
    const reply = this.collector.take()!;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(reply);
    else this.kept.push(reply);
  }

  /** The connection is gone; true when a follower was reading (it is told). */
  fail(err: Error): boolean {
    const following = this.reading ?? this.follower;
    following?.fail(err);
    this.reading = undefined;
    this.waiter?.reject(err);
    this.waiter = undefined;
    return following !== undefined;
  }

  /** The next reply kept or still to come; rejects with `lost` when the connection has ended. */
  next(lost: Error | undefined): Promise<Reply> {
    const kept = this.kept.shift();
    if (kept) return Promise.resolve(kept);
    if (lost) return Promise.reject(lost);
    return new Promise((resolve, reject) => { this.waiter = { resolve, reject }; });
  }
}
