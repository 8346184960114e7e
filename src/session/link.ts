// One connection's reply state machine: commands queued in the order they are written, each reply handed to its
// command's sink as it streams (an error looked at first: the session may act on it), state mirrored once when a
// reply completes, replies nobody asked for to the stream that follows them, and the IAM re-AUTH sent in-band.
import type { IamRefresher } from '../auth/iam.js';
import { BLOCKING, TRACKS_STATE } from '../commands/command-flags.js';
import type { Connection, ConnectionReader, ConnectTarget } from '../net/connection.js';
import { encodeCommand } from '../resp/encode.js';
import { decodeReply } from '../resp/reply-collector.js';
import { CAPTURE, EVENTS, RespScanner, type ScanMode } from '../resp/scanner.js';
import { RESP_TYPES as T, type Reply, type ReplyEvents } from '../resp/types.js';
import { NotSentError, type ConnectionLostError } from '../util/connection-errors.js';
import { FifoRing } from '../util/fifo-ring.js';
import { Collected } from './collect.js';
import { multiAfterSending, trackState, type LinkState, type SessionPrefs } from './state-tracking.js';
import { AS_IS, HANDSHAKE, type ReplySink, type Submission } from './submission.js';
import { UnaskedReplies } from './unasked-replies.js';

/** What a link needs of the session that owns it. */
export interface LinkHost {
  readonly prefs: SessionPrefs;
  /** An error reply to `s` (not AS_IS): true when the session acts on it instead of handing it to the sink. */
  intercept(link: Link, s: Submission, reply: Reply): boolean;
  /** A reply that is not an error came: the server runs commands as they are (it needs no password). */
  answered(): void;
  /** The link has commands to write at the next flush. */
  pending(link: Link): void;
  /**
   * The connection is gone: every command on it was failed first (`idle`: none was waiting); `unsent` were never
   * written (they waited for a quiet connection to answer) and go out again elsewhere.
   */
  lost(link: Link, err: ConnectionLostError, idle: boolean, unsent: Submission[]): void;
  /** The barrier command a hold waited for is settled. */
  passed(link: Link): void;
  /** A RESP3 push frame (not read as a reply). */
  push(reply: Reply, link: Link): void;
  warn(line: string): void;
  trace?(line: string): void;
}

const isError = (type: number) => type === T.SIMPLE_ERROR || type === T.BLOB_ERROR;

export class Link implements ConnectionReader {
  readonly state: LinkState = { db: 0, inMulti: false, resp3: false };
  /** A MULTI was sent whose EXEC or DISCARD was not. */
  multiSent = false;
  /** The node's cluster id, once known. */
  nodeId: string | undefined;
  events: ReplyEvents | undefined;
  /** A hold of the session waits until this command is settled. */
  barrier: Submission | undefined;
  /** IAM: when this connection's last AUTH succeeded (each connection's token ages on its own). */
  authedAt: number | undefined;
  /** Close once nothing is in flight (the session's current node moved away from it). */
  closeWhenIdle = false;
  /** Nothing came back for a while: new commands wait, unwritten, until something does (see Watchdog). */
  suspected = false;
  /** How long opening it took (about two round trips): how quiet is too quiet scales with it. */
  openMs = 0;
  /** The watchdog's notes: the progress it saw last, since when nothing moved, whether a probe is under way. */
  readonly watch = { seen: -1, quietSince: 0, probing: false, mutes: 0 };
  /** Given up by the watchdog: the commands it kept back were never sent and go out again elsewhere. */
  givenUp = false;
  private deferred: Submission[] = [];
  private replies = 0;
  private readonly waiting = new FifoRing<Submission>();
  private lastQueued: Submission | undefined;
  private unsent: Submission[] = [];
  private current: Submission | undefined;
  private currentType = 0;
  private inspecting = false;
  private readonly unasked = new UnaskedReplies();
  private reauthing = false;
  private replayScanner: RespScanner | undefined;

  constructor(
    readonly conn: Connection, readonly address: string, readonly target: ConnectTarget,
    private readonly host: LinkHost, private readonly iam?: IamRefresher,
  ) {
    conn.reader = this;
    conn.onPush = (reply) => host.push(reply, this);
  }

  get closed(): boolean {
    return this.conn.closed;
  }

  /** Commands sent and not yet answered (the one being read included). */
  get inFlight(): number {
    return this.waiting.length + (this.current ? 1 : 0);
  }

  /** Replies and reads so far: it changes whenever the server is heard from. */
  get progress(): number {
    return this.replies + this.conn.reads;
  }

  /**
   * The reply awaited first may take as long as it likes (BLPOP k 0, KEYS), or its command is not even written yet
   * (an IAM token being signed): silence means nothing.
   */
  get waitsOnPurpose(): boolean {
    const head = this.current ?? this.waiting.peek();
    return head !== undefined && ((head.flags & BLOCKING) !== 0 || head.bytes === undefined);
  }

  /** Queues `s` to be written at the next flush(); its reply goes to it in turn. */
  enqueue(s: Submission): void {
    if (this.closed) return s.fail(this.conn.lostReason!);
    // While the server is quiet nothing more is written to it: if it is gone, those commands were never sent.
    if ((this.suspected || this.deferred.length > 0) && !(s.flags & HANDSHAKE)) return void this.deferred.push(s);
    if (this.iam && !(s.flags & HANDSHAKE) && !this.multiSent && !this.reauthing && this.tokenDue()) this.reauth();
    if (s.asking) {
      s.asking = false;
      const asking = new Collected(['ASKING'], AS_IS | HANDSHAKE);
      asking.reply.then((r) => {
        if (r.type === 'error') this.host.warn(`ASKING failed: ${r.value.toString('latin1')}`);
      }, () => undefined);
      this.push(asking);
    }
    if (s.flags & TRACKS_STATE) this.multiSent = multiAfterSending(this.multiSent, s.argv);
    this.push(s);
  }

  /** Writes what was queued: one write per run of commands side by side in one buffer. */
  flush(): void {
    const u = this.unsent;
    let i = 0;
    while (i < u.length) {
      const first = u[i]!;
      if (!first.bytes) break; // an IAM token still being signed: the rest waits behind it
      let end = first.end;
      let j = i + 1;
      for (; j < u.length && u[j]!.bytes === first.bytes && u[j]!.start === end; j++) end = u[j]!.end;
      this.conn.write(first.bytes.subarray(first.start, end));
      i = j;
    }
    if (i === u.length) u.length = 0;
    else this.unsent = u.slice(i);
  }

  /** A hold may wait for what is in flight now: the last command queued (none: nothing to wait for). */
  holdUntilAnswered(): boolean {
    this.barrier = this.waiting.length > 0 ? this.lastQueued : this.current;
    return this.barrier !== undefined;
  }

  /** Reads replies nobody asked for (a stream's messages, --pipe's replies); unset: they wait for nextReply(). */
  get follower(): ReplySink | undefined {
    return this.unasked.follower;
  }

  set follower(sink: ReplySink | undefined) {
    this.unasked.follower = sink;
  }

  /** The next reply nobody asked for (the EVAL's own reply after a Lua debugging session). */
  nextReply(): Promise<Reply> {
    return this.unasked.next(this.closed ? this.conn.lostReason : undefined);
  }

  // ConnectionReader: called by the connection for every reply.
  start(type: number): ScanMode {
    const s = this.waiting.shift();
    if (!s) return this.startSink(this.unasked, type);
    this.current = s;
    this.currentType = type;
    if (isError(type) && !(s.flags & AS_IS)) {
      this.inspecting = true;
      this.events = undefined;
      return CAPTURE;
    }
    return this.startSink(s, type);
  }

  done(raw: Buffer | undefined): void {
    this.replies++;
    if (this.suspected) this.resume();
    const s = this.current;
    if (!s) return this.unasked.replyEnd(raw);
    this.current = undefined;
    const type = this.currentType;
    if (this.inspecting) {
      this.inspecting = false;
      const reply = decodeReply(raw!);
      if (!this.host.intercept(this, s, reply)) {
        if (s.flags & TRACKS_STATE) trackState(this.state, this.host.prefs, s.argv, false, false);
        this.deliver(s, type, raw!);
      }
    } else {
      if (s.flags & TRACKS_STATE) trackState(this.state, this.host.prefs, s.argv, !isError(type), type === T.MAP);
      if (!(s.flags & AS_IS) && !isError(type)) this.host.answered();
      s.replyEnd(raw);
    }
    this.settled(s);
  }

  lost(err: ConnectionLostError): void {
    const failed: Submission[] = [];
    if (this.current) failed.push(this.current);
    this.current = undefined;
    for (let s = this.waiting.shift(); s; s = this.waiting.shift()) failed.push(s);
    // Commands never written were not run: they are refused, not "in flight".
    const unwritten = new Set(this.unsent);
    this.unsent.length = 0;
    for (const s of failed) {
      s.fail(unwritten.has(s) ? new NotSentError(`Error: ${err.message}`) : err);
      this.settled(s);
    }
    const following = this.unasked.fail(err);
    // What waited unwritten goes out again elsewhere when the watchdog gave the node up; otherwise it is refused.
    const deferred = this.deferred;
    this.deferred = [];
    if (!this.givenUp) for (const s of deferred.splice(0)) s.fail(new NotSentError(`Error: ${err.message}`));
    this.host.lost(this, err, failed.length === 0 && !following, deferred);
  }

  /** The server answered again: what waited is written now, in order. */
  private resume(): void {
    this.suspected = false;
    const deferred = this.deferred;
    this.deferred = [];
    for (const s of deferred) this.enqueue(s);
  }

  private push(s: Submission): void {
    s.sentOn = this;
    this.waiting.push(s);
    this.lastQueued = s;
    if (this.unsent.push(s) === 1) this.host.pending(this);
  }

  /** The IAM token this connection authenticated with is old enough to be renewed. */
  private tokenDue(): boolean {
    return this.authedAt !== undefined && this.iam!.due(this.authedAt);
  }

  /** Before the next command: AUTH with a fresh IAM token, written as soon as it is signed. */
  private reauth(): void {
    const iam = this.iam!;
    this.reauthing = true;
    const auth = new Collected(undefined, AS_IS | HANDSHAKE);
    this.push(auth);
    this.host.trace?.(`AUTH as ${iam.user} with a fresh IAM token (the last one is close to 12 hours old)`);
    iam.freshToken().then((token) => auth.ready(encodeCommand(['AUTH', iam.user, token])), (err: Error) => {
      this.host.warn(`eredis: could not sign a fresh IAM token: ${err.message}`);
      auth.ready(encodeCommand(['PING'])); // keeps the reply count: the connection goes on with the old token
    }).finally(() => this.host.pending(this));
    auth.reply.then((r) => {
      if (r.type === 'error') this.host.warn(`AUTH failed: ${r.value.toString('latin1')}`);
      else if (r.type !== 'simple' || r.value.toString('latin1') !== 'PONG') this.authedAt = iam.stamp();
    }, () => undefined).finally(() => { this.reauthing = false; });
  }

  private startSink(s: ReplySink, type: number): ScanMode {
    const mode = s.replyStart(type);
    this.events = mode === EVENTS ? s.events : undefined;
    return mode;
  }

  /** Hands a reply that was held back for inspection to its sink, in whatever way the sink reads. */
  private deliver(s: Submission, type: number, raw: Buffer): void {
    const mode = s.replyStart(type);
    if (mode === EVENTS) {
      this.replayScanner ??= new RespScanner({ replyStart: () => EVENTS, replyEnd: () => undefined });
      this.replayScanner.events = s.events!;
      this.replayScanner.write(raw);
    }
    s.replyEnd(mode === CAPTURE ? raw : undefined);
  }

  private settled(s: Submission): void {
    if (this.closeWhenIdle && this.inFlight === 0) this.conn.close();
    if (s !== this.barrier) return;
    this.barrier = undefined;
    this.host.passed(this);
  }
}
