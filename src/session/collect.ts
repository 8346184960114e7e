// Commands whose reply the program itself reads: submitted like any other, with a sink that builds a typed Reply.
import { EVENTS, type ScanMode } from '../resp/scanner.js';
import { decodeCommand, encodeCommand, type Arg } from '../resp/encode.js';
import { ReplyCollector } from '../resp/reply-collector.js';
import type { Reply } from '../resp/types.js';
import { SubmissionBase, type Submission } from './submission.js';

/** One command and the promise of its typed reply (rejected with why none came). */
export class Collected extends SubmissionBase implements Submission {
  bytes: Buffer | undefined;
  start = 0;
  end = 0;
  readonly events = new ReplyCollector(true);
  readonly reply: Promise<Reply>;
  private resolve!: (reply: Reply) => void;
  private reject!: (err: Error) => void;
  private words: Buffer[] | undefined;

  /**
   * `argv`: the command, or its bytes (bytes[start, end)), or undefined when they are set later (see ready()).
   * `onRedirect`: announce a redirect followed for it.
   */
  constructor(
    argv: ReadonlyArray<Arg> | { bytes: Buffer; start: number; end: number } | undefined, public flags: number,
    private readonly onRedirect?: (slot: number, host: string, port: number) => void,
  ) {
    super();
    if (argv && 'bytes' in argv) Object.assign(this, argv);
    else if (argv) this.ready(encodeCommand(argv));
    this.reply = new Promise((resolve, reject) => { this.resolve = resolve; this.reject = reject; });
    // Whoever awaits it sees the rejection; a reply nobody waits for any more must not be an unhandled one.
    this.reply.catch(() => undefined);
  }

  /** Its bytes are known now. */
  ready(bytes: Buffer): void {
    this.bytes = bytes;
    this.end = bytes.length;
  }

  get argv(): Buffer[] {
    return (this.words ??= decodeCommand(this.bytes!.subarray(this.start, this.end)));
  }

  replyStart(): ScanMode {
    return EVENTS;
  }

  replyEnd(): void {
    this.resolve(this.events.take()!);
  }

  fail(err: Error): void {
    this.events.reset();
    this.reject(err);
  }

  redirected(slot: number, host: string, port: number): void {
    this.onRedirect?.(slot, host, port);
  }
}

/** The replies of commands sent together, in order; `failure` when the connection broke before the rest came. */
export interface CollectedAll {
  replies: Reply[];
  failure?: Error;
}

/**
 * Commands written together whose replies one collector reads in turn (key-space probes send thousands): no promise
 * or decoder per command. Their bytes sit side by side in one buffer, so a link writes them at once.
 */
export class CollectedBatch {
  readonly events = new ReplyCollector(true);
  readonly parts: Submission[];
  /** Resolves with every reply, or with those that came and why the rest did not. Never rejects. */
  readonly done: Promise<CollectedAll>;
  private readonly replies: Reply[] = [];
  private finish!: (all: CollectedAll) => void;
  private over = false;

  constructor(commands: ReadonlyArray<ReadonlyArray<Arg>>, flags: number) {
    this.done = new Promise((resolve) => { this.finish = resolve; });
    const encoded = commands.map((argv) => encodeCommand(argv));
    const bytes = Buffer.concat(encoded);
    let start = 0;
    this.parts = encoded.map((e) => {
      const part = new BatchPart(this, bytes, start, start + e.length, flags);
      start += e.length;
      return part;
    });
    if (this.parts.length === 0) this.end();
  }

  took(): void {
    this.replies.push(this.events.take()!);
    if (this.replies.length === this.parts.length) this.end();
  }

  failed(err: Error): void {
    this.events.reset();
    this.end(err);
  }

  private end(failure?: Error): void {
    if (this.over) return;
    this.over = true;
    this.finish(failure ? { replies: this.replies, failure } : { replies: this.replies });
  }
}

/** One command of a batch: what the link needs to send it, its reply read by the batch's collector. */
class BatchPart extends SubmissionBase implements Submission {
  constructor(private readonly batch: CollectedBatch, public bytes: Buffer, public start: number, public end: number, public flags: number) {
    super();
  }

  get argv(): Buffer[] {
    return decodeCommand(this.bytes.subarray(this.start, this.end));
  }

  get events(): ReplyCollector {
    return this.batch.events;
  }

  replyStart(): ScanMode {
    return EVENTS;
  }

  replyEnd(): void {
    this.batch.took();
  }

  fail(err: Error): void {
    this.batch.failed(err);
  }
}
