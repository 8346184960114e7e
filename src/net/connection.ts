// One socket to one server (plain, TLS or unix): pipelined writes, a FIFO of pending replies, push and unsolicited routing.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { RespDecoder, ProtocolError } from '../resp/decode.js';
import { encodeCommand } from '../resp/encode.js';
import type { Reply } from '../resp/types.js';
import type { TlsConfig } from './tls.js';
import { describeConnectError, describeLostConnection } from './net-errors.js';
import { ReplyQueue } from './reply-queue.js';

export interface ConnectTarget {
  host: string;
  port: number;
  /** Unix socket path: takes precedence over host/port. */
  socket?: string;
  tls?: TlsConfig;
  /** Name the TLS certificate must carry when it differs from host. */
  servername?: string;
  /** Where the socket really connects (a local port forward); TLS still verifies `host`. */
  via?: { host: string; port: number };
}

/** Connect failed: the message is what follows "Could not connect to Redis at HOST:PORT: ". */
export class ConnectError extends Error {}

/** The connection went away or broke while replies were pending: printed as "Error: <message>". */
export class ConnectionLostError extends Error {
  constructor(message: string, readonly protocol = false) { super(message); }
}

export type Waiter = { resolve(reply: Reply): void; reject(err: Error): void };

export class Connection {
  private readonly pending = new ReplyQueue<Waiter>();
  private readonly unsolicited: Reply[] = [];
  private unsolicitedWaiter?: Waiter;
  private failure?: ConnectionLostError;
  private readonly decoder: RespDecoder;
  /** RESP3 push frames go here when set (redis-cli's push callback); otherwise they are dropped, as hiredis does. */
  onPush?: (reply: Reply) => void;
  /** While subscribed, redis-cli removes the push callback so pushes are read like replies. */
  pushesAsReplies = false;
  /** Called once when the socket is gone, whatever the reason. */
  onClose?: (err: ConnectionLostError) => void;

  /** Whether any byte came back yet: a reset before that on a plain socket usually means a TLS-only port. */
  private heardFromServer = false;

  private constructor(private readonly socket: net.Socket, private readonly tls: boolean) {
    this.decoder = new RespDecoder((reply) => this.dispatch(reply));
    socket.on('data', this.onData);
    socket.on('error', (err) => this.fail(new ConnectionLostError(describeLostConnection(err, !this.tls && !this.heardFromServer))));
    socket.on('close', () => this.fail(new ConnectionLostError('Server closed the connection')));
  }

  /**
   * Opens the socket and completes the TLS handshake (verified unless insecure). The TCP connect may take up to
   * timeoutMs; the handshake gets handshakeMs more, so a TLS client pointed at a plain port fails fast, not never.
   */
  static open(target: ConnectTarget, timeoutMs: number, handshakeMs = Math.min(timeoutMs, 5000)): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const where = target.socket ? { path: target.socket } : target.via ? { host: target.via.host, port: target.via.port } : { host: target.host, port: target.port };
      const socket: net.Socket = target.tls
        ? tls.connect({ ...where, ...target.tls.forHost(target.host, target.servername) })
        : net.connect(where);
      let timer = setTimeout(() => fail(new ConnectError('Connection timed out')), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(err instanceof ConnectError ? err : new ConnectError(describeConnectError(err, target)));
      };
      const closedEarly = () => fail(Object.assign(new Error('Server closed the connection'), { code: 'ECONNRESET' }));
      socket.once('error', fail);
      socket.once('close', closedEarly);
      if (target.tls) {
        socket.once('connect', () => {
          clearTimeout(timer);
          const seconds = (handshakeMs / 1000).toFixed(handshakeMs % 1000 ? 1 : 0);
          const message = `SSL_connect failed: no TLS handshake reply within ${seconds}s (is TLS enabled on that port? try without --tls)`;
          timer = setTimeout(() => fail(new ConnectError(message)), handshakeMs);
        });
      }
      socket.once(target.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', fail);
        // Only our own: Node's TLS socket frees its OpenSSL state from a 'close' listener of its own.
        socket.removeListener('close', closedEarly);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 15_000);
        resolve(new Connection(socket, target.tls !== undefined));
      });
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    this.heardFromServer = true;
    try {
      this.decoder.write(chunk);
    } catch (err) {
      const message = err instanceof ProtocolError ? err.message : String(err);
      this.fail(new ConnectionLostError(message, true));
      this.socket.destroy();
    }
  };

  /**
   * Stops reading replies and hands the socket over, for streams that are not RESP replies (the RDB payload and
   * replication stream of --rdb and --replica). Call it when no reply is pending; the connection counts as closed.
   */
  detach(): net.Socket {
    this.socket.removeListener('data', this.onData);
    this.failure ??= new ConnectionLostError('Connection handed over');
    return this.socket;
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

  /** Writes already-encoded command bytes and queues a waiter for one reply. */
  sendEncoded(bytes: Buffer): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(bytes);
    });
  }

  /** Registers a waiter for the next reply without writing (the caller writes many commands at once). */
  expectReply(waiter: Waiter): void {
    if (this.failure) waiter.reject(this.failure);
    else this.pending.push(waiter);
  }

  /** Writes bytes without expecting replies to be routed to waiters (--pipe, subscribe streams). */
  writeRaw(bytes: Buffer): boolean {
    return this.socket.write(bytes);
  }

  /** The next reply nobody asked for (pub/sub messages, MONITOR lines, --pipe replies). */
  nextUnsolicited(): Promise<Reply> {
    const queued = this.unsolicited.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => { this.unsolicitedWaiter = { resolve, reject }; });
  }

  /** Waits for the socket to drain (for writers that produce faster than the network). */
  drain(): Promise<void> {
    return this.socket.writableNeedDrain ? new Promise((r) => this.socket.once('drain', () => r())) : Promise.resolve();
  }

  close(): void {
    this.socket.destroy();
  }

  private dispatch(reply: Reply): void {
    if (reply.type === 'push' && !this.pushesAsReplies) {
      this.onPush?.(reply);
      return;
    }
    const waiter = this.pending.shift();
    if (waiter) { waiter.resolve(reply); return; }
    const other = this.unsolicitedWaiter;
    if (other) { this.unsolicitedWaiter = undefined; other.resolve(reply); return; }
    this.unsolicited.push(reply);
  }

  private fail(err: ConnectionLostError): void {
    if (this.failure) return;
    this.failure = err;
    for (let w = this.pending.shift(); w; w = this.pending.shift()) w.reject(err);
    this.unsolicitedWaiter?.reject(err);
    this.unsolicitedWaiter = undefined;
    this.onClose?.(err);
  }
}
