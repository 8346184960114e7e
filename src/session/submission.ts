// What goes into the session's one submit path: a command's encoded bytes, what the session needs to route it and send
// it again (redirects), and the sink its reply streams into (a writer, a typed collector, a counter).
import type { ScanMode } from '../resp/scanner.js';
import type { ReplyEvents } from '../resp/types.js';
import type { Link } from './link.js';

/** Where a reply goes, as it arrives. */
export interface ReplySink {
  /** The reply's first byte arrived: read it as events (into `events`), capture its bytes, or skip it. */
  replyStart(type: number): ScanMode;
  readonly events?: ReplyEvents;
  /** The reply is complete (`raw`: its bytes, when captured). */
  replyEnd(raw: Buffer | undefined): void;
  /**
   * No reply will come: ConnectionLostError when it was sent and the connection broke (it may have run), NotSentError
   * when it never left (the line to print), ConnectError when there was no connection to send it on.
   */
  fail(err: Error): void;
  /** The session follows a MOVED/ASK for this command (redis-cli announces it in its interactive modes). */
  redirected?(slot: number, host: string, port: number): void;
}

/** Submission flags (beside the command flags of commands/command-flags: PRINTS_RAW 1, TRACKS_STATE 2, ...). */
/** The reply goes to the sink whatever it is: no redirect, NOAUTH or failover is acted on (probes, slot maps, docs). */
export const AS_IS = 1 << 10;
/** Part of opening the connection (AUTH, SELECT, HELLO): never preceded by an IAM re-AUTH. */
export const HANDSHAKE = 1 << 11;

/** A command on its way: the sink plus what the session keeps to route and resend it. */
export interface Submission extends ReplySink {
  /** The encoded command: bytes[start, end); undefined while it is still being made (an IAM token on its way). */
  bytes: Buffer | undefined;
  start: number;
  end: number;
  /** Decoded from the bytes when needed (state tracking, messages). */
  readonly argv: Buffer[];
  /** Command flags (TRACKS_STATE ...) and submission flags (AS_IS, HANDSHAKE). */
  flags: number;
  /** The key's slot when the session may route it by key (a cluster batch's single-key line), else -1. */
  slot: number;
  /** Set by the session: the node it goes to next (a redirect's target) and whether ASKING goes first. */
  to: string | undefined;
  asking: boolean;
  /** Times the session acted on a reply to it instead of delivering it (a guard against loops). */
  tries: number;
  /** Set by the link it was last sent on. */
  sentOn: Link | undefined;
}

/** What the session keeps on every submission, as fields with their starting values (subclasses add the rest). */
export abstract class SubmissionBase {
  slot = -1;
  to: string | undefined;
  asking = false;
  tries = 0;
  sentOn: Link | undefined;

  /** Back to the starting values (a pooled entry taking a new command). */
  protected resetSubmission(): void {
    this.slot = -1;
    this.to = undefined;
    this.asking = false;
    this.tries = 0;
    this.sentOn = undefined;
  }
}
