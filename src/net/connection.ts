// One socket to one server: pipelined writes, replies framed by the event scanner and handed, in order, to the reader
// queued for each; RESP3 pushes and replies nobody asked for go to their own readers.
import type * as net from 'node:net';
import { CAPTURE, EVENTS, RespScanner, type ScanMode } from '../resp/scanner.js';
import { encodeCommand, encodeCommands } from '../resp/encode.js';
import { RESP_TYPES, type Reply } from '../resp/types.js';
import { ProtocolError } from '../resp/wire.js';
import { describeLostConnection } from './net-errors.js';
import { openSocket, type ConnectTarget, type OpenSocket } from './open-socket.js';
import { ConnectionLostError, decodeReply, TypedReader, type ReplyReader } from './reply-reader.js';
import { ReplyQueue } from './reply-queue.js';

export { ConnectError, type ConnectTarget } from './open-socket.js';
export { ConnectionLostError, type ReplyReader } from './reply-reader.js';

/** Reads whole replies as typed Replies and hands them to `take`. */
function typedSink(take: (reply: Reply) => void, lost: (err: ConnectionLostError) => void = () => undefined): ReplyReader {
  return { start: () => CAPTURE, done: (raw) => take(decodeReply(raw!)), fail: lost };
}

export class Connection {
  private readonly pending = new ReplyQueue<ReplyReader>();
  private reading: ReplyReader | undefined;
  private readonly scanner: RespScanner;
  private failure?: ConnectionLostError;
  private readonly unsolicited: Reply[] = [];
  private unsolicitedWaiter?: { resolve(reply: Reply): void; reject(err: Error): void };
  /** RESP3 push frames go here when set (redis-cli's push callback); otherwise they are dropped, as hiredis does. */
  onPush?: (reply: Reply) => void;
  /** While subscribed, redis-cli removes the push callback so pushes are read like replies. */
  pushesAsReplies = false;
  /** Reads replies no command is waiting for (pub/sub messages, MONITOR lines); default: nextUnsolicited() gets them. */
  unsolicitedReader: ReplyReader = typedSink((reply) => this.takeUnsolicited(reply), (err) => this.unsolicitedWaiter?.reject(err));
  private readonly pushReader = typedSink((reply) => this.onPush?.(reply));
  /** Whether any byte came back yet: a reset before that on a plain socket usually means a TLS-only port. */
  private heardFromServer = false;

  private readonly socket: net.Socket;

  private constructor(private readonly opened: OpenSocket, private readonly tls: boolean) {
    const socket = (this.socket = opened.socket);
    this.scanner = new RespScanner({ replyStart: (type) => this.replyStart(type), replyEnd: (raw) => this.replyEnd(raw) });
    opened.onData(this.onData);
    socket.on('error', (err) => this.fail(new ConnectionLostError(describeLostConnection(err, !this.tls && !this.heardFromServer))));
    socket.on('close', () => this.fail(new ConnectionLostError('Server closed the connection')));
  }

  /** Connects (see openSocket for timeouts and error words). */
  static async open(target: ConnectTarget, timeoutMs: number): Promise<Connection> {
    return new Connection(await openSocket(target, timeoutMs), target.tls !== undefined);
  }

  get closed(): boolean {
    return this.failure !== undefined;
  }

  /** Why the connection ended, when it has. */
  get lostReason(): ConnectionLostError | undefined {
    return this.failure;
  }

  /** Sends one command; resolves with its reply (error replies resolve too: they are replies). */
  send(argv: ReadonlyArray<string | Buffer>): Promise<Reply> {
    return this.sendEncoded(encodeCommand(argv as Array<string | Buffer>));
  }

  /** Writes already-encoded command bytes and resolves with the one reply they get. */
  sendEncoded(bytes: Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.expect(new TypedReader(resolve, reject));
      if (!this.failure) this.socket.write(bytes);
    });
  }

  /**
   * Sends many commands in one write (one TLS record, not one per command) and resolves with their typed replies in
   * order; when the connection breaks first, with the replies that came and why the rest did not. Never rejects.
   */
  sendAll(commands: ReadonlyArray<ReadonlyArray<string | Buffer>>): Promise<{ replies: Reply[]; failure?: ConnectionLostError }> {
    return new Promise((resolve) => {
      const replies: Reply[] = [];
      if (commands.length === 0) return resolve({ replies });
      let failed = false;
      // One reader for the whole batch: no promise per reply.
      const reader = typedSink((reply) => {
        replies.push(reply);
        if (replies.length === commands.length) resolve({ replies });
      }, (failure) => {
        if (!failed) resolve({ replies, failure });
        failed = true;
      });
      for (let i = 0; i < commands.length; i++) this.expect(reader);
      if (!this.failure) this.socket.write(encodeCommands(commands as Array<Array<string | Buffer>>));
    });
  }

  /** Queues the reader of the next reply not yet claimed (the caller writes the command, maybe many at once). */
  expect(reader: ReplyReader): void {
    if (this.failure) reader.fail(this.failure);
    else this.pending.push(reader);
  }

  /** Writes bytes; false when the socket's buffer is full (see drain()). */
  write(bytes: Buffer): boolean {
    return this.failure ? false : this.socket.write(bytes);
  }

  /** Writes bytes; resolves once they are handed to the system (the buffer may then be reused), rejects if lost. */
  writeAndWait(bytes: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.socket.write(bytes, (err) => (err ? reject(this.failure ?? err) : resolve())));
  }

  /** Waits for the socket to drain (for writers that produce faster than the network). */
  drain(): Promise<void> {
    return this.socket.writableNeedDrain && !this.failure ? new Promise((r) => this.socket.once('drain', () => r())) : Promise.resolve();
  }

  /** Replies awaited (queued readers, and the one being read). */
  get inFlight(): number {
    return this.pending.length + (this.reading ? 1 : 0);
  }

  /** The next reply nobody asked for (pub/sub messages, MONITOR lines). */
  nextUnsolicited(): Promise<Reply> {
    const queued = this.unsolicited.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => { this.unsolicitedWaiter = { resolve, reject }; });
  }

  /** Stops (true) or restarts (false) reading from the socket: the consumer of the replies is behind. */
  pause(on: boolean): void {
    if (on) this.socket.pause();
    else this.socket.resume();
  }

  /** The reply being read goes on being read, but no longer reported to its reader (it was abandoned). */
  skipRestOfReply(): void {
    this.scanner.skipRestOfReply();
  }

  /**
   * Stops reading replies and hands the socket over, for streams that are not RESP replies (the RDB payload and
   * replication stream of --rdb and --replica). Call it when no reply is pending; the connection counts as closed.
   */
  detach(): net.Socket {
    // From now on bytes arrive as 'data' events again (copied: the read buffer is reused).
    this.opened.onData((chunk) => this.socket.emit('data', Buffer.from(chunk)));
    this.failure ??= new ConnectionLostError('Connection handed over');
    return this.socket;
  }

  close(): void {
    this.socket.destroy();
  }

  private readonly onData = (chunk: Buffer): void => {
    this.heardFromServer = true;
    try {
      this.scanner.write(chunk);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.fail(new ConnectionLostError(err.message, true));
      this.socket.destroy();
    }
  };

  private replyStart(type: number): ScanMode {
    const reader = type === RESP_TYPES.PUSH && !this.pushesAsReplies
      ? this.pushReader
      : this.pending.shift() ?? this.unsolicitedReader;
    this.reading = reader;
    const mode = reader.start(type);
    if (mode === EVENTS) this.scanner.events = reader.events!;
    return mode;
  }

  private replyEnd(raw: Buffer | undefined): void {
    const reader = this.reading!;
    this.reading = undefined;
    reader.done(raw);
  }

  private takeUnsolicited(reply: Reply): void {
    const waiter = this.unsolicitedWaiter;
    this.unsolicitedWaiter = undefined;
    if (waiter) waiter.resolve(reply);
    else this.unsolicited.push(reply);
  }

  private fail(err: ConnectionLostError): void {
    if (this.failure) return;
    this.failure = err;
    const reading = this.reading;
    this.reading = undefined;
    reading?.fail(err);
    for (let r = this.pending.shift(); r; r = this.pending.shift()) r.fail(err);
    this.unsolicitedReader.fail(err);
  }
}
