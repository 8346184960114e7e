// Commands whose reply the program itself reads: submitted like any other, with a sink that builds a typed Reply.
import { EVENTS, type ScanMode } from '../resp/scanner.js';
import { decodeCommand, encodeCommand, type Arg } from '../resp/encode.js';
import { ReplyCollector } from '../resp/reply-collector.js';
import type { Reply } from '../resp/types.js';
import type { Link } from './link.js';
import type { Submission } from './submission.js';

/** One command and the promise of its typed reply (rejected with why none came). */
export class Collected implements Submission {
  bytes: Buffer | undefined;
  start = 0;
  end = 0;
  slot = -1;
  to: string | undefined;
  asking = false;
  tries = 0;
  sentOn: Link | undefined;
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

/** Commands encoded side by side in one buffer, so a link writes them at once (one TLS record, not one each). */
export function collectAll(commands: ReadonlyArray<ReadonlyArray<Arg>>, flags: number): Collected[] {
  const parts = commands.map((argv) => encodeCommand(argv));
  const bytes = Buffer.concat(parts);
  let start = 0;
  return parts.map((p) => {
    const c = new Collected({ bytes, start, end: start + p.length }, flags);
    start += p.length;
    return c;
  });
}

/** The replies of commands sent together, in order; `failure` when the connection broke before the rest came. */
export interface CollectedAll {
  replies: Reply[];
  failure?: Error;
}

/** Waits for every reply of `commands`, never rejecting: what came, and why the rest did not. */
export async function allReplies(commands: Collected[]): Promise<CollectedAll> {
  const replies: Reply[] = [];
  for (const c of commands) {
    try {
      replies.push(await c.reply);
    } catch (failure) {
      return { replies, failure: failure as Error };
    }
  }
  return { replies };
}
