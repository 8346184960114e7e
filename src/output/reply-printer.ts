// How replies reach stdout in every mode: a streaming writer per output mode (INFO & co. always raw, as redis-cli's
// cliSendCommand decides), decoded replies through the same writers, pushes as cliPushHandler prints them.
import { PRINTS_RAW } from '../commands/command-flags.js';
import { createWriter, formatPush, writeReply, type ReplyWriter } from '../format/index.js';
import { EVENTS, RespScanner } from '../resp/scanner.js';
import type { Reply } from '../resp/types.js';
import type { PrintSettings } from '../settings/settings.js';
import type { Output } from './fd-output.js';

export interface PrinterHooks {
  warn(line: string): void;
  /** Print `(1.52s)` after replies that took half a second or more (TTY output only). */
  timing?: boolean;
  /** Print redis-cli's "-> Redirected to slot" line for each redirect followed (the shell, stdin batches). */
  announceRedirects?: boolean;
  /** A protocol error ended reading (default: a warning). */
  fatal?(message: string): void;
  /** -e: error replies go here (their text) instead of being printed. */
  errorReply?(text: Buffer): void;
}

export class ReplyPrinter {
  private normal!: ReplyWriter;
  private verbatim!: ReplyWriter;
  /** A connection was lost, a redirect failed, or the server spoke nonsense (one-shot exits 1). */
  failed = false;
  /** A SUBSCRIBE or MONITOR stream is being followed: replies keep coming, so pushes print as they come. */
  following = false;
  /** Pushes that arrived while no reply was awaited. */
  private readonly heldPushes: Reply[] = [];
  private readonly replayScanner = new RespScanner({ replyStart: () => EVENTS, replyEnd: () => undefined });

  constructor(private out: Output, private readonly print: PrintSettings, private readonly hooks: PrinterHooks) {
    this.printTo(out);
  }

  /** From now on replies go to `out` (the shell's pager gate, then stdout again), with fresh writers. */
  printTo(out: Output): void {
    this.out = out;
    const opts = { bulkDelimiter: this.print.bulkDelimiter, replyDelimiter: this.print.replyDelimiter };
    this.normal = createWriter(this.print.mode, opts, out.sink);
    this.verbatim = createWriter(this.print.mode, { ...opts, verbatim: true }, out.sink);
  }

  get announcesRedirects(): boolean {
    return this.hooks.announceRedirects === true;
  }

  /** Only TTY output prints the `(1.52s)` line. */
  get timed(): boolean {
    return this.hooks.timing === true && this.print.mode === 'tty';
  }

  get mode(): PrintSettings['mode'] {
    return this.print.mode;
  }

  private writer(flags: number): ReplyWriter {
    return flags & PRINTS_RAW ? this.verbatim : this.normal;
  }

  /** Prints a reply that was kept as raw bytes (it arrived before its turn). */
  replay(raw: Buffer, flags: number): void {
    this.printHeldPushes();
    const writer = this.writer(flags);
    writer.begin();
    this.replayScanner.events = writer;
    this.replayScanner.write(raw);
    writer.end();
  }

  /** The writer for a reply that streams from now on; where it starts is remembered, for cut(). */
  streamWriter(flags: number): ReplyWriter {
    this.printHeldPushes();
    this.out.sink.mark();
    return this.writer(flags);
  }

  /**
   * The streaming reply was cut off (its connection was lost, or the user gave up on it): what is still buffered of it
   * is dropped, as redis-cli prints nothing of a reply it did not read whole, and the writers start afresh.
   */
  cut(): void {
    this.out.sink.dropSinceMark();
    this.printTo(this.out);
  }

  reply(reply: Reply, flags: number): void {
    this.printHeldPushes();
    if (reply.type === 'error' && this.hooks.errorReply) this.hooks.errorReply(reply.value);
    else writeReply(this.writer(flags), reply);
  }

  /**
   * An out-of-band RESP3 push (--show-pushes), shown when redis-cli's push callback shows it: at once while a reply is
   * awaited, else just before the next reply (redis-cli reads it only then; one that no reply follows never shows).
   */
  push(reply: Reply, replyAwaited: boolean): void {
    if (!replyAwaited && !this.following) return void this.heldPushes.push(reply);
    this.printHeldPushes();
    this.out.write(formatPush(reply, this.print.mode, { bulkDelimiter: this.print.bulkDelimiter, replyDelimiter: this.print.replyDelimiter }));
    // A stream's output goes out as it comes (followStream flushes after each of its replies).
    if (this.following) this.out.flush();
  }

  /** The connection they came on is gone. */
  dropHeldPushes(): void {
    this.heldPushes.length = 0;
  }

  private printHeldPushes(): void {
    if (this.heldPushes.length === 0) return;
    for (const push of this.heldPushes.splice(0)) this.push(push, true);
  }

  after(elapsedMs: number): void {
    if (this.timed && elapsedMs >= 500) this.out.write(`(${(elapsedMs / 1000).toFixed(2)}s)\n`);
  }

  text(text: string): void {
    this.out.write(text);
  }

  warn(line: string): void {
    this.failed = true;
    this.hooks.warn(line);
  }

  fatal(message: string): void {
    this.failed = true;
    if (this.hooks.fatal) this.hooks.fatal(message);
    else this.hooks.warn(message);
  }

  idle(): void {
    this.out.flush();
  }
}
