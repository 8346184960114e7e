// The session's insides: its connections (pool), the one submit path (dispatch), routing by key, the current node
// (where redis-cli's one connection would be), and what the links and the reply rules call back into.
import type { Reply } from '../resp/types.js';
import { ConnectError, ConnectionLostError, TunnelError } from '../util/connection-errors.js';
import { ClusterRoutes } from './cluster-routes.js';
import { Dispatch } from './dispatch.js';
import type { FailoverWait } from './failover-wait.js';
import type { Link, LinkHost } from './link.js';
import { authenticate, type Credentials, type OpenOptions } from './link-open.js';
import { LinkPool } from './link-pool.js';
import { addressOf, NodePlaces } from './node-places.js';
import { answersPing } from './node-probe.js';
import { intercept, type RuleContext } from './reply-rules.js';
import { Watchdog } from './watchdog.js';
import type { SessionOptions } from './session-options.js';
import type { SessionPrefs } from './state-tracking.js';
import type { Submission } from './submission.js';

export class SessionCore implements LinkHost, RuleContext {
  readonly prefs: SessionPrefs;
  readonly cluster: boolean;
  readonly routes: ClusterRoutes;
  readonly dispatch: Dispatch;
  /** The current node: where commands go unless routed by key or redirected. */
  protected main: string;
  protected readonly pool: LinkPool;
  protected failover: FailoverWait | undefined;
  failoverWaitMs = 0;
  protected credentials: Credentials;
  protected onNoAuth: SessionOptions['onNoAuth'];
  protected reresolve: SessionOptions['reresolve'];
  protected strict = false;
  protected idleLoss: ConnectionLostError | undefined;
  /** New connections to the current node so far (see Session.connection). */
  protected connections = 0;
  /** The last connect's AUTH or SELECT was refused (strict modes exit on it). */
  handshakeFailed = false;
  /** RESP3 push frames from any of the session's connections (--show-pushes). */
  onPush?: (reply: Reply) => void;
  protected readonly watchdog: Watchdog;

  constructor(protected readonly o: SessionOptions) {
    this.watchdog = new Watchdog({
      links: () => this.pool.all(),
      probe: (link, ms) => answersPing(link.target, ms),
      giveUp: (link, why, down) => this.giveUp(link, why, down),
    }, o.replyTimeoutMs ?? 0);
    this.prefs = { inputDb: o.db, wantResp3: o.hello3 !== 'off' };
    this.cluster = o.cluster;
    this.credentials = o.credentials;
    this.onNoAuth = o.onNoAuth;
    this.reresolve = o.reresolve;
    this.pool = new LinkPool(new NodePlaces(o.target, o.viaFor), this, () => this.openOptions());
    this.main = addressOf(o.target);
    this.routes = new ClusterRoutes(this, this.pool);
    this.dispatch = new Dispatch({
      addressFor: (s) => s.to ?? this.routes.addressFor(s) ?? this.main,
      live: (a) => this.pool.live(a),
      open: (a) => this.pool.open(a),
      notReached: (address, err) => this.failureLine(address, err),
      park: (s, err) => this.failover?.park(s, err) ?? false,
      waits: (s) => this.failover?.waits(s) ?? false,
    });
  }

  /** "host:port" (or the socket path) as redis-cli names the current node in messages and the prompt. */
  get address(): string {
    return this.main;
  }

  get iam(): boolean {
    return this.credentials.iam !== undefined;
  }

  /** Whether a lost endpoint can be looked up again (an ElastiCache primary: a failover may move it). */
  get canFailOver(): boolean {
    return this.reresolve !== undefined;
  }

  /** True until a password is known, while a NOAUTH could still be answered by looking one up. */
  get mayAskForAuth(): boolean {
    return this.onNoAuth !== undefined && this.credentials.password === undefined && !this.credentials.iam;
  }

  protected get current(): Link | undefined {
    return this.pool.live(this.main);
  }

  /** Connects to the current node afresh and runs AUTH / SELECT / HELLO like cliConnect; throws ConnectError. */
  async connect(): Promise<void> {
    const old = this.current;
    if (old) this.pool.close(old);
    const { failed } = await this.pool.connect(this.main, this.pool.targetOf(this.main));
    this.handshakeFailed = failed;
    this.connections++;
    this.idleLoss = undefined;
  }

  /**
   * Connects when there is no usable connection, asking ElastiCache again where the endpoint is when it will not open
   * (a -g primary); resolves with why it failed, or undefined when connected. Prints nothing but a moved endpoint.
   */
  async tryConnect(retrying = false): Promise<unknown> {
    if (this.current) return undefined;
    const down = this.dispatch.downFor(this.main);
    if (down) {
      // It just stopped answering: no waiting on it again at once. A -g primary's name may point elsewhere by now:
      // once the API answers, it is tried again.
      if (!this.reresolve || !(await this.relocate(`${this.address} stopped answering`, !retrying))) return down;
      this.dispatch.markUp(this.main);
    }
    try {
      await this.connect();
      return undefined;
    } catch (err) {
      if (!this.reresolve || !(err instanceof ConnectError || err instanceof ConnectionLostError)) return err;
      // While a loop retries, only a moved endpoint is worth a line.
      if (!(await this.relocate(`cannot connect to ${this.address}`, !retrying))) return err;
      return this.connect().then(() => undefined, (again: unknown) => again);
    }
  }

  /** The line for a command or connection that could not reach `address`: redis-cli's words, or the tunnel rule's. */
  failureLine(address: string, err: Error): string {
    return err instanceof TunnelError ? `eredis: ${err.message}` : `Could not connect to Redis at ${address}: ${err.message}`;
  }

  protected openOptions(): OpenOptions {
    return {
      timeoutMs: this.o.timeoutMs, credentials: this.credentials, db: this.prefs.inputDb, resp3: this.prefs.wantResp3,
      strict: this.strict,
    };
  }

  /** Asks where the endpoint is now; true when the API answered (the current node is then what it said). */
  protected async relocate(why: string, sayUnchanged = true): Promise<boolean> {
    const next = await this.reresolve!().catch(() => undefined);
    if (!next) return false;
    const before = this.address;
    this.main = this.pool.addressOf(next.host, next.port);
    const moved = this.address !== before;
    if (moved || sayUnchanged) this.o.warn(`eredis: ${why}: asked ElastiCache again; the endpoint is ${this.address}${moved ? ` (was ${before})` : ''}`);
    return true;
  }

  // LinkHost: what the links tell the session.

  intercept(link: Link, s: Submission, reply: Reply): boolean {
    return intercept(this, link, s, reply);
  }

  answered(): void {
    this.onNoAuth = undefined; // the server took a command without AUTH: it needs none
  }

  pending(link: Link): void {
    this.pool.written(link);
    this.watchdog.wake();
  }

  lost(link: Link, err: ConnectionLostError, idle: boolean, unsent: Submission[]): void {
    if (idle && this.pool.at(this.main) === link) this.idleLoss = err;
    this.pool.forget(link);
    if (unsent.length > 0) this.dispatch.againFirst(unsent); // never written, and older than anything held now
  }

  passed(link: Link): void {
    this.dispatch.passed(link);
  }

  push(reply: Reply): void {
    this.onPush?.(reply);
  }

  warn(line: string): void {
    this.o.warn(line);
  }

  trace(line: string): void {
    this.o.trace?.(line);
  }

  /**
   * The watchdog gave `link` up: every command in flight on it is reported once with `why`, those it kept back go out
   * again. When its node stopped answering (`down`) the node counts as down for a while: its commands wait for a
   * takeover (batches) or fail at once, and another node is asked who serves its slots now.
   */
  private giveUp(link: Link, why: ConnectionLostError, down: boolean): void {
    if (down) {
      const downMs = this.failover ? this.failoverWaitMs : this.o.replyTimeoutMs ?? 0;
      this.dispatch.markDown(link.address, new ConnectError(why.message.replace(/^\S+ /, 'it ')), downMs);
      if (this.cluster) void this.routes.refresh();
    }
    link.givenUp = true;
    link.conn.abort(why);
  }

  // RuleContext: what the reply rules (reply-rules.ts) do through the session.

  place(host: string, port: number): string {
    return this.pool.addressOf(host, port);
  }

  moveCurrent(address: string): void {
    const left = this.current;
    this.main = address;
    if (left && this.current !== left) this.leave(left);
  }

  /**
   * The current node moved away from `link`. redis-cli reconnects to follow a redirect, and what the server kept for
   * the old connection (an open MULTI above all) goes with it: so does `link`, once what is in flight on it is
   * answered. A routed batch keeps its connection to each master, unless it holds a transaction.
   */
  private leave(link: Link): void {
    if (this.routes.enabled && !link.multiSent && !link.state.inMulti) return;
    this.pool.forget(link);
    link.closeWhenIdle = true;
    if (link.inFlight === 0) link.conn.close();
  }

  announce(s: Submission, slot: number, host: string, port: number): void {
    if (s.redirected) s.redirected(slot, host, port);
    else this.o.onRedirect?.(slot, host, port);
  }

  slotMoved(slot: number, host: string, port: number): void {
    this.routes.moved(slot, host, port);
  }

  authNotNeeded(): void {
    this.onNoAuth = undefined;
  }

  authenticate(link: Link): Promise<void> {
    return authenticate(link, this.credentials, this);
  }

  async findPassword(): Promise<boolean> {
    const ask = this.onNoAuth!;
    this.onNoAuth = undefined; // once per session
    const found = await ask();
    if (found?.password === undefined) return false;
    this.credentials = { ...this.credentials, user: found.user ?? this.credentials.user, password: found.password };
    return true;
  }

  settle(): Promise<void> {
    return new Promise<void>((resolve) => setTimeout(resolve, 100)).then(() => (this.cluster ? this.routes.refresh() : undefined));
  }

  async failOver(link: Link): Promise<boolean> {
    if (!(await this.relocate(`READONLY from ${this.address} (failover)`))) return false;
    this.pool.close(link);
    await this.connect();
    return true;
  }
}
