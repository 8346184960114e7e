// THE command engine and the only owner of connections: one submit path for every command of every mode (the
// shell, batches, one-shot, --eval, --pipe, the diagnostic modes), the node redis-cli would be on now and the state
// the prompt shows, reconnects, failover, streams, and sessions of their own for the other nodes of a deployment.
import { BLOCKING, CommandFlags, TRACKS_STATE } from '../commands/command-flags.js';
import type { ConnectTarget } from '../net/connection.js';
import type { Arg } from '../resp/encode.js';
import type { Reply } from '../resp/types.js';
import { ConnectError, ConnectionLostError } from '../util/connection-errors.js';
import { Collected, CollectedBatch, type CollectedAll } from './collect.js';
import { FailoverWait, reachAgain } from './failover-wait.js';
import type { Link } from './link.js';
import { addressOf } from './node-places.js';
import { SessionCore } from './session-core.js';
import type { SessionOptions, SessionState } from './session-options.js';
import { followStream, type StreamEnd, type StreamOptions } from './stream-follow.js';
import { AS_IS, type ReplySink, type Submission } from './submission.js';

export type { SessionOptions, SessionState } from './session-options.js';

export interface NodeSessionOptions {
  timeoutMs?: number;
  /** Prints nothing (no AUTH failure line, no trace). */
  quiet?: boolean;
  db?: number;
  resp3?: boolean;
}

const commandFlags = new CommandFlags();
const lostConnection = () => new ConnectionLostError('Server closed the connection');

export class Session extends SessionCore {
  private readonly children = new Set<Session>();
  private parent: Session | undefined;

  constructor(o: SessionOptions) {
    super(o);
  }

  // The current node.

  get endpoint(): { host: string; port: number; socket?: string } {
    const t = this.pool.targetOf(this.main);
    return { host: t.host, port: t.port, socket: t.socket };
  }

  /** The endpoint the session started with ("host:port"). */
  get home(): string {
    return addressOf(this.pool.places.home);
  }

  get connected(): boolean {
    return this.current !== undefined;
  }

  /** Changes whenever the current node's connection is a new one (pushes not yet read are lost with the old). */
  get connection(): number {
    return this.current ? this.connections : -1;
  }

  get state(): SessionState {
    const s = this.current?.state ?? { db: 0, inMulti: false, resp3: false };
    return { ...this.prefs, db: s.db, inMulti: s.inMulti, resp3: s.resp3 };
  }

  /** How long opening a connection may take. */
  get timeoutMs(): number {
    return this.o.timeoutMs;
  }

  /** Connects when there is no usable connection; returns false (after printing why) when that fails. */
  async ensureConnected(): Promise<boolean> {
    const err = await this.tryConnect();
    if (err !== undefined) this.reportConnectError(err);
    return err === undefined;
  }

  /** Moves the current node to host:port (`connect HOST PORT`, `:connect`) and connects; throws ConnectError. */
  async moveTo(host: string, port: number, o: { failover?: boolean } = {}): Promise<void> {
    const address = this.pool.addressOf(host, port);
    const before = this.current;
    if (before && address !== this.main) this.pool.close(before); // redis-cli leaves the old server
    this.main = address;
    await this.connect();
    if (o.failover !== undefined) this.reresolve = o.failover ? this.o.reresolve : undefined;
  }

  /** Back to a node the session was on (its address), reconnecting; false (after printing why) when that fails. */
  async returnTo(address: string): Promise<boolean> {
    this.disconnect();
    this.main = address;
    return this.ensureConnected();
  }

  reportConnectError(err: unknown): void {
    this.o.warn(this.connectErrorLine(err));
  }

  /** redis-cli's line for a failed connect (to the current node). */
  connectErrorLine(err: unknown): string {
    if (err instanceof ConnectError || err instanceof ConnectionLostError) return this.failureLine(this.address, err);
    throw err;
  }

  /** redis-cli's diagnostic modes stop at a failed AUTH or SELECT; see handshakeFailed. */
  strictHandshake(): void {
    this.strict = true;
  }

  /** A connection to the current node lost while nothing waited on it (the shell says so before the next command). */
  takeIdleLoss(): ConnectionLostError | undefined {
    const loss = this.idleLoss;
    this.idleLoss = undefined;
    return loss;
  }

  // Commands.

  /** The one submit path: `s` goes to its node (routed by key, redirected, or the current node) as soon as it may. */
  submit(s: Submission): void {
    this.dispatch.submit(s);
  }

  /** Writes what was submitted (otherwise written at the end of this turn of the event loop). */
  flush(): void {
    this.pool.flush();
  }

  /**
   * Sends one command and resolves with its typed reply, every rule applied (redirects, NOAUTH, failover) and state
   * tracked; `asIs`: none applied (probes, docs, slot maps). Rejects with ConnectionLostError when not connected or
   * when the connection breaks, NotSentError when a redirect target cannot be reached.
   */
  execute(argv: ReadonlyArray<Arg>, o: { asIs?: boolean } = {}): Promise<Reply> {
    if (!this.connected) return Promise.reject(lostConnection());
    const words = argv.map((a) => (typeof a === 'string' ? Buffer.from(a) : a));
    const c = new Collected(words, (o.asIs ? AS_IS : 0) | (commandFlags.of(words) & (TRACKS_STATE | BLOCKING)), this.o.onRedirect);
    this.submit(c);
    this.flush();
    return c.reply;
  }

  /** Commands written together to the current node, their replies as they are (no redirect followed), in order. */
  executeAll(commands: ReadonlyArray<ReadonlyArray<Arg>>): Promise<CollectedAll> {
    if (commands.length === 0) return Promise.resolve({ replies: [] });
    const link = this.current;
    if (!link) return Promise.resolve({ replies: [], failure: lostConnection() });
    const batch = new CollectedBatch(commands, AS_IS);
    for (const part of batch.parts) link.enqueue(part);
    link.flush();
    return batch.done;
  }

  /** Follows a SUBSCRIBE-family or MONITOR stream (stream-follow.ts). */
  follow(argv: Buffer[], o: StreamOptions): Promise<StreamEnd> {
    return followStream(this, argv, o);
  }

  /** While a subscription is followed, RESP3 pushes are read as replies (redis-cli removes its push callback). */
  pushesAsReplies(on: boolean): void {
    this.pool.pushesAsReplies(on);
  }

  /** The next reply nobody asked for, on the current node (the EVAL's own after a Lua debugging session). */
  nextReply(): Promise<Reply> {
    return this.current?.nextReply() ?? Promise.reject(lostConnection());
  }

  /**
   * Every reply on the current node's connection goes to `sink` (--pipe counts them), and the function returned
   * writes raw bytes there (resolving once they are handed to the system); undefined when not connected.
   */
  rawChannel(sink: ReplySink): ((bytes: Buffer) => Promise<void>) | undefined {
    const link = this.current;
    if (!link) return undefined;
    link.follower = sink;
    return (bytes) => link.conn.writeAndWait(bytes);
  }

  /** The current node's link (a stream attaches to the one its command was answered on). */
  linkNow(): Link | undefined {
    return this.current;
  }

  /** Batches keep going when a node is lost: its commands wait up to `ms` for a replica to take over. */
  waitForFailover(ms: number): void {
    this.failoverWaitMs = ms;
    this.failover ??= new FailoverWait({
      refresh: () => (this.cluster ? this.routes.refresh() : this.tryConnect(true).then(() => undefined)),
      addressFor: (s) => this.routes.addressFor(s) ?? this.main,
      reach: (address) => reachAgain(address, this.pool, this.dispatch),
      current: () => this.address,
    }, ms);
  }

  /** Whether commands for a lost node wait for a takeover (waitForFailover) instead of failing. */
  get keepsGoing(): boolean {
    return this.failover !== undefined;
  }

  /** A node was lost while commands waited for it (batches print a summary then). */
  get nodeLost(): boolean {
    return this.failover?.nodeLost === true;
  }

  // The current node's connection.

  /** Stops (true) or restarts (false) reading the current node's replies: their reader is behind. */
  pause(on: boolean): void {
    this.current?.conn.pause(on);
  }

  /** The reply being read is read on, but no longer reported (the pager quit). */
  skipRestOfReply(): void {
    this.current?.conn.skipRestOfReply();
  }

  /** Hands the current node's socket over for a stream that is not RESP (--rdb, --replica). */
  handOver(): import('node:net').Socket {
    const link = this.current!;
    this.pool.forget(link);
    return link.conn.detach();
  }

  /** Gives up everything under way (Ctrl-C in the shell): commands held back, and the current node's connection. */
  abandon(): void {
    this.dispatch.cancel(lostConnection());
    this.failover?.cancel(lostConnection());
    this.disconnect();
  }

  /** Closes the current node's connection; what was waiting on it is given up. */
  disconnect(): void {
    const link = this.current;
    if (link) this.pool.close(link);
  }

  /** Closes every connection of the session and of the node sessions it made. */
  close(): void {
    this.watchdog.stop();
    this.dispatch.cancel(lostConnection());
    this.failover?.cancel(lostConnection());
    this.pool.closeAll();
    for (const child of this.children) child.close();
    this.parent?.children.delete(this);
  }

  // Other nodes.

  /**
   * A session of its own to another node of the deployment (fan-out, probes, key scans): same TLS, credentials,
   * tunnels, db and protocol; it follows no redirect. Throws TunnelError for a node no tunnel reaches.
   */
  nodeSession(host: string, port: number, o: NodeSessionOptions = {}): Session {
    return this.child(this.pool.places.place(host, port), o);
  }

  /** A session of its own to the current node (see nodeSession). */
  nodeSessionHere(o: NodeSessionOptions = {}): Session {
    return this.child(this.pool.targetOf(this.main), o);
  }

  /** Whether the tunnel rule lets the session connect to host:port (no tunnel, or a --via-map entry for it). */
  reaches(host: string, port: number): boolean {
    try {
      this.pool.places.place(host, port);
      return true;
    } catch {
      return false;
    }
  }

  private child(target: ConnectTarget, o: NodeSessionOptions): Session {
    const child = new Session({
      ...this.o, target, cluster: false, credentials: this.credentials, timeoutMs: o.timeoutMs ?? this.o.timeoutMs,
      db: o.db ?? this.prefs.inputDb, hello3: (o.resp3 ?? this.prefs.wantResp3) ? 'explicit' : 'off',
      onRedirect: undefined, onNoAuth: undefined, reresolve: undefined, replyTimeoutMs: 0,
      ...(o.quiet ? { warn: () => undefined, trace: undefined } : {}),
    });
    if (this.strict) child.strictHandshake();
    child.parent = this;
    this.children.add(child);
    return child;
  }
}
