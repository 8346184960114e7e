// One socket to one server: writes, and replies framed by the event scanner and handed, as they arrive, to the one
// reader that owns the connection (the session's link); RESP3 pushes go to their own handler unless read as replies.
import type * as net from 'node:net';
import { CAPTURE, EVENTS, RespScanner, type ScanMode } from '../resp/scanner.js';
import { decodeReply } from '../resp/reply-collector.js';
import { RESP_TYPES, type Reply, type ReplyEvents } from '../resp/types.js';
import { ProtocolError } from '../resp/wire.js';
import { ConnectionLostError } from '../util/connection-errors.js';
import { describeLostConnection } from './net-errors.js';
import { openSocket, type ConnectTarget, type OpenSocket } from './open-socket.js';

export type { ConnectTarget } from './open-socket.js';

/** Who reads every reply of a connection: chosen per reply when its first byte arrives. */
export interface ConnectionReader {
  /** A reply begins with this type byte: read it as events (into `events`), capture its bytes, or skip it. */
  start(type: number): ScanMode;
  readonly events: ReplyEvents | undefined;
  /** The reply is complete; `raw` holds its bytes when it was captured. */
  done(raw: Buffer | undefined): void;
  /** The connection ended (once): nothing more will be read. */
  lost(err: ConnectionLostError): void;
}

export class Connection {
  private readonly scanner: RespScanner;
  private failure?: ConnectionLostError;
  private readingPush = false;
  private readonly socket: net.Socket;
  /** Whether any byte came back yet: a reset before that on a plain socket usually means a TLS-only port. */
  private heardFromServer = false;
  /** Reads so far: a watchdog compares it over time (no clock is read per chunk). */
  reads = 0;
  /** Not read from on purpose (the pager is behind): its silence is ours, not the server's. */
  paused = false;
  /** Set by the owner before any byte can arrive. */
  reader!: ConnectionReader;
  /** RESP3 push frames (redis-cli's push callback); dropped when unset, as hiredis does. */
  onPush?: (reply: Reply) => void;
  /** While subscribed, redis-cli removes the push callback so pushes are read like replies. */
  pushesAsReplies = false;

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

  /** True while a reply has started and not ended. */
  get midReply(): boolean {
    return this.scanner.midReply;
  }

  /** Writes bytes; false when the socket's buffer is full (see drain()). */
  write(bytes: Buffer): boolean {
    return this.failure ? false : this.socket.write(bytes);
  }

  /** Writes bytes; resolves once they are handed to the system (the buffer may then be reused), rejects if lost. */
  writeAndWait(bytes: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.socket.write(bytes, (err) => {
      if (err) reject(this.failure ?? new ConnectionLostError(describeLostConnection(err)));
      else resolve();
    }));
  }

  /** Waits for the socket to drain (for writers that produce faster than the network). */
  drain(): Promise<void> {
    return this.socket.writableNeedDrain && !this.failure ? new Promise((r) => this.socket.once('drain', () => r())) : Promise.resolve();
  }

  /** Stops (true) or restarts (false) reading from the socket: the consumer of the replies is behind. */
  pause(on: boolean): void {
    this.paused = on;
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

  /** Gives up on the connection for `why` (its server stopped answering): it ends with that reason, then closes. */
  abort(why: ConnectionLostError): void {
    this.fail(why);
    this.socket.destroy();
  }

  private readonly onData = (chunk: Buffer): void => {
    this.heardFromServer = true;
    this.reads++;
    try {
      this.scanner.write(chunk);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.fail(new ConnectionLostError(err.message, true));
      this.socket.destroy();
    }
  };

  private replyStart(type: number): ScanMode {
    this.readingPush = type === RESP_TYPES.PUSH && !this.pushesAsReplies;
    if (this.readingPush) return CAPTURE;
    const mode = this.reader.start(type);
    if (mode === EVENTS) this.scanner.events = this.reader.events!;
    return mode;
  }

  private replyEnd(raw: Buffer | undefined): void {
    if (!this.readingPush) return this.reader.done(raw);
    this.readingPush = false;
    this.onPush?.(decodeReply(raw!));
  }

  private fail(err: ConnectionLostError): void {
    if (this.failure) return;
    this.failure = err;
    this.reader.lost(err);
  }
}
