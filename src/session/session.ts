// The one stateful object: the live connection, its handshake, db / MULTI / RESP state, reconnects and cluster redirects.
import { formatAddress } from '../util/host-port.js';
import { Connection, ConnectError, ConnectionLostError, type ConnectTarget } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import { parseRedirect, type Redirect } from './redirect.js';
import { trackState } from './state-tracking.js';
import type { IamRefresher } from '../auth/iam.js';

export interface SessionOptions {
  target: ConnectTarget;
  timeoutMs: number;
  user?: string;
  /** Secret: sent in AUTH, never logged. */
  password?: string;
  db: number;
  /** 'explicit' (-3): HELLO 3 on connect; 'implicit' (--json): the same, but a failure is only reported. */
  hello3: 'off' | 'explicit' | 'implicit';
  cluster: boolean;
  /** One line to stderr (without the newline). */
  warn(line: string): void;
  /** Printed before following a redirect in interactive mode; undefined = silent (one-shot, batch). */
  onRedirect?(slot: number, host: string, port: number): void;
  /** Port forwards for redirect targets (--via-map); when the first hop used --via, a target without one is an error. */
  viaFor?(host: string, port: number): { host: string; port: number } | undefined;
  /** IAM auth: a fresh token for every (re)connect and before 12 hours are up. */
  iam?: IamRefresher;
  /** --verbose: one line per connection step (never a secret). */
  trace?(line: string): void;
  /** NOAUTH from a server we sent no password to: find one (keychain, prompt...) and AUTH, then resend. */
  onNoAuth?(): Promise<{ user?: string; password?: string } | undefined>;
  /** Failover: where the primary is now (the API asked again), after a READONLY reply or a failed connect. */
  reresolve?(): Promise<ConnectTarget | undefined>;
}

/** Live state mirrored from the server, as redis-cli tracks it for its prompt and reconnects. */
export interface SessionState {
  db: number;
  /** The db to re-select after a reconnect (a successful interactive SELECT changes it). */
  inputDb: number;
  inMulti: boolean;
  resp3: boolean;
  /** The protocol to restore after a reconnect: -3, or what a HELLO typed in the session switched to. */
  wantResp3: boolean;
}

function isNoAuth(reply: Reply): boolean {
  return reply.type === 'error' && reply.value.subarray(0, 7).toString('latin1') === 'NOAUTH ';
}

export class Session {
  conn?: Connection;
  target: ConnectTarget;
  readonly state: SessionState;
  private askingNext = false;

  constructor(readonly opts: SessionOptions) {
    this.target = opts.target;
    this.state = { db: 0, inputDb: opts.db, inMulti: false, resp3: false, wantResp3: opts.hello3 !== 'off' };
  }

  get connected(): boolean {
    return this.conn !== undefined && !this.conn.closed;
  }

  /** "host:port" as redis-cli names the server in messages and the prompt. */
  get address(): string {
    if (this.target.socket) return this.target.socket;
    return formatAddress(this.target.host, this.target.port);
  }

  /** Connects and runs AUTH / SELECT / HELLO like cliConnect; throws ConnectError (already worded). */
  async connect(): Promise<void> {
    this.conn?.close();
    this.conn = undefined;
    const t = this.target;
    this.opts.trace?.(`connecting to ${this.address}${t.via ? ` through ${t.via.host}:${t.via.port}` : ''}${t.tls ? `, TLS${TLS_TRACE[t.tls.verify]}${t.tls.verify === 'full' ? ` ${t.servername ?? t.host}` : ''}` : ', no TLS'}`);
    const conn = await Connection.open(this.target, this.opts.timeoutMs);
    this.opts.trace?.('connected');
    this.conn = conn;
    this.state.db = 0;
    this.state.inMulti = false;
    this.state.resp3 = false;
    await this.authenticate(conn);
    if (this.state.inputDb !== 0) {
      const reply = await conn.send(['SELECT', String(this.state.inputDb)]);
      if (reply.type === 'error') this.opts.warn(`SELECT ${this.state.inputDb} failed: ${reply.value.toString('latin1')}`);
      else this.state.db = this.state.inputDb;
    }
    if (this.state.wantResp3) {
      const reply = await conn.send(['HELLO', '3']);
      if (reply.type === 'error') this.opts.warn(`HELLO 3 failed: ${reply.value.toString('latin1')}`);
      this.state.resp3 = true;
    }
  }

  /** AUTH with the configured password, or a fresh IAM token; a failure is reported as redis-cli does, not fatal. */
  private async authenticate(conn: Connection): Promise<void> {
    const { user, iam } = this.opts;
    const password = iam ? await iam.freshToken() : this.opts.password;
    if (password === undefined) return;
    const argv = iam ? ['AUTH', iam.user, password] : user !== undefined ? ['AUTH', user, password] : ['AUTH', password];
    this.opts.trace?.(`AUTH${argv.length === 3 ? ` as ${argv[1]}` : ''}${iam ? ' with a fresh IAM token' : ''}`);
    const reply = await conn.send(argv);
    if (reply.type === 'error') this.opts.warn(`AUTH failed: ${reply.value.toString('latin1')}`);
    else iam?.authenticated();
  }

  /** Connects when there is no usable connection; returns false (after printing why) when that fails. */
  async ensureConnected(): Promise<boolean> {
    const err = await this.tryConnect();
    if (err !== undefined) this.reportConnectError(err);
    return err === undefined;
  }

  /** Whether a lost endpoint can be looked up again (an ElastiCache primary: a failover may move it). */
  get canFailOver(): boolean {
    return this.opts.reresolve !== undefined;
  }

  /**
   * Connects when there is no usable connection, asking ElastiCache again where the endpoint is when it will not open
   * (a -g primary); resolves with why it failed, or undefined when connected. Prints nothing but a moved endpoint.
   */
  async tryConnect(retrying = false): Promise<unknown> {
    if (this.connected) return undefined;
    try {
      await this.connect();
      return undefined;
    } catch (err) {
      if (!this.opts.reresolve || !(err instanceof ConnectError || err instanceof ConnectionLostError)) return err;
      // While a loop retries, only a moved endpoint is worth a line.
      if (!(await this.moveTo(`cannot connect to ${this.address}`, !retrying))) return err;
      try {
        await this.connect();
        return undefined;
      } catch (again) {
        return again;
      }
    }
  }

  /** Asks where the endpoint is now; true when it moved (the caller reconnects). */
  private async moveTo(why: string, sayUnchanged = true): Promise<boolean> {
    const next = await this.opts.reresolve!().catch(() => undefined);
    if (!next) return false;
    const before = this.address;
    this.target = next;
    const moved = this.address !== before;
    if (moved || sayUnchanged) this.opts.warn(`eredis: ${why}: asked ElastiCache again; the endpoint is ${this.address}${moved ? ` (was ${before})` : ''}`);
    return true;
  }

  reportConnectError(err: unknown): void {
    this.opts.warn(this.connectErrorLine(err));
  }

  /** redis-cli's line for a failed connect (to the session's current target). */
  connectErrorLine(err: unknown): string {
    if (err instanceof TunnelError) return `eredis: ${err.message}`;
    if (err instanceof ConnectError || err instanceof ConnectionLostError) return `Could not connect to Redis at ${this.address}: ${err.message}`;
    throw err;
  }

  /**
   * Sends one command and returns its reply, following MOVED/ASK in cluster mode and tracking db/MULTI/RESP state.
   * Throws ConnectionLostError when the connection breaks, ConnectError when a redirect target is unreachable.
   * `answered` is a reply argv already got on this session's connection (a pipelined batch's): it is acted on as if
   * just received, so a redirect is followed without sending argv again where it was refused.
   */
  async execute(argv: Buffer[], answered?: Reply): Promise<Reply> {
    let failedOver = false;
    let reauthed = false;
    for (;;) {
      const conn = this.conn;
      if (!answered && (!conn || conn.closed)) throw new ConnectionLostError('Server closed the connection');
      let reply: Reply;
      if (answered) {
        reply = answered;
        answered = undefined;
      } else {
        if (this.askingNext) {
          this.askingNext = false;
          const asking = await conn!.send(['ASKING']);
          if (asking.type === 'error') this.opts.warn(`ASKING failed: ${asking.value.toString('latin1')}`);
        }
        if (this.opts.iam?.needsReauth() && !this.state.inMulti) await this.authenticate(conn!);
        reply = await conn!.send(argv);
      }
      const redirect = this.opts.cluster ? parseRedirect(reply) : undefined;
      if (redirect) {
        await this.follow(redirect);
        continue;
      }
      if (this.opts.iam && !reauthed && reply.type === 'error' && /^(NOAUTH|WRONGPASS) /.test(reply.value.subarray(0, 10).toString('latin1'))) {
        // An IAM session whose token went stale (after long idle): authenticate with a fresh one and resend once.
        reauthed = true;
        await this.authenticate(conn!);
        continue;
      }
      if (this.opts.onNoAuth && this.opts.password === undefined && !this.opts.iam && isNoAuth(reply)) {
        const found = await this.opts.onNoAuth();
        this.opts.onNoAuth = undefined; // ask once per session
        if (found?.password !== undefined) {
          this.opts.user = found.user ?? this.opts.user;
          this.opts.password = found.password;
          await this.authenticate(conn!);
          continue; // NOAUTH means the command did not run
        }
      } else if (reply.type !== 'error' || !isNoAuth(reply)) {
        this.opts.onNoAuth = undefined; // the server took a command without AUTH: it needs none
      }
      if (this.isFailover(reply) && !failedOver && (await this.moveTo(`READONLY from ${this.address} (failover)`))) {
        // A READONLY reply means the command was not executed: reconnect to the new primary and send it again.
        failedOver = true;
        await this.connect();
        continue;
      }
      trackState(this.state, argv, reply.type !== 'error', reply.type === 'map');
      return reply;
    }
  }

  /** Whether execute() would act on this reply (follow a redirect, authenticate, fail over) instead of returning it. */
  wouldHandle(reply: Reply): boolean {
    if (reply.type !== 'error') return false;
    if (this.opts.cluster && parseRedirect(reply)) return true;
    if (this.opts.iam && /^(NOAUTH|WRONGPASS) /.test(reply.value.subarray(0, 10).toString('latin1'))) return true;
    return (this.mayAskForAuth && isNoAuth(reply)) || this.isFailover(reply);
  }

  /** True until a password is known, while a NOAUTH could still be answered by looking one up. */
  get mayAskForAuth(): boolean {
    return this.opts.onNoAuth !== undefined && this.opts.password === undefined && !this.opts.iam;
  }

  private isFailover(reply: Reply): boolean {
    return this.opts.reresolve !== undefined && !this.state.inMulti && reply.type === 'error' && reply.value.subarray(0, 9).toString('latin1') === 'READONLY ';
  }

  /** Moves the session to the node a redirect names, keeping TLS settings, credentials and the selected db. */
  private async follow(redirect: Redirect): Promise<void> {
    const host = redirect.host === '' ? this.target.host : redirect.host;
    this.opts.onRedirect?.(redirect.slot, host, redirect.port);
    const via = this.opts.viaFor?.(host, redirect.port);
    if (!via && this.target.via) throw new TunnelError(host, redirect.port);
    this.target = { ...this.target, socket: undefined, servername: undefined, host, port: redirect.port, via };
    await this.connect();
    this.askingNext = redirect.kind === 'ASK';
  }

  /**
   * A new, unconnected session to another node of the same deployment: same TLS settings, credentials, db and
   * protocol. Under --via, a node without a --via-map entry is refused (ConnectError): never connect outside a tunnel.
   */
  sibling(host: string, port: number): Session {
    const via = this.opts.viaFor?.(host, port);
    if (!via && this.target.via) throw new TunnelError(host, port);
    return new Session({ ...this.opts, target: { ...this.target, socket: undefined, servername: undefined, host, port, via } });
  }

  close(): void {
    this.conn?.close();
    this.conn = undefined;
  }
}

const TLS_TRACE = { full: ' verifying', ca: ' verifying the CA, not the name', none: ' NOT verified' } as const;

/** A node --via's tunnels do not reach (no --via-map entry): eredis never connects around the tunnel. */
export class TunnelError extends ConnectError {
  constructor(readonly host: string, readonly port: number) {
    super(`${formatAddress(host, port)} is only reachable through a tunnel: add --via-map ${formatAddress(host, port)}=127.0.0.1:LOCALPORT for a port forward to it`);
  }
}
