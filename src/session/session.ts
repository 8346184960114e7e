// The one stateful object: the live connection, its handshake, db / MULTI / RESP state, reconnects and cluster redirects.
import { Connection, ConnectError, ConnectionLostError, type ConnectTarget } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import { parseRedirect, type Redirect } from './redirect.js';
import { trackState } from './state-tracking.js';

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
}

/** Live state mirrored from the server, as redis-cli tracks it for its prompt and reconnects. */
export interface SessionState {
  db: number;
  /** The db to re-select after a reconnect (a successful interactive SELECT changes it). */
  inputDb: number;
  inMulti: boolean;
  resp3: boolean;
}

export class Session {
  conn?: Connection;
  target: ConnectTarget;
  readonly state: SessionState;
  private askingNext = false;

  constructor(private readonly opts: SessionOptions) {
    this.target = opts.target;
    this.state = { db: 0, inputDb: opts.db, inMulti: false, resp3: false };
  }

  get connected(): boolean {
    return this.conn !== undefined && !this.conn.closed;
  }

  /** "host:port" as redis-cli names the server in messages and the prompt. */
  get address(): string {
    if (this.target.socket) return this.target.socket;
    const host = this.target.host.includes(':') ? `[${this.target.host}]` : this.target.host;
    return `${host}:${this.target.port}`;
  }

  /** Connects and runs AUTH / SELECT / HELLO like cliConnect; throws ConnectError (already worded). */
  async connect(): Promise<void> {
    this.conn?.close();
    this.conn = undefined;
    const conn = await Connection.open(this.target, this.opts.timeoutMs);
    this.conn = conn;
    this.state.db = 0;
    this.state.inMulti = false;
    this.state.resp3 = false;
    const { user, password } = this.opts;
    if (password !== undefined) {
      const argv = user !== undefined ? ['AUTH', user, password] : ['AUTH', password];
      const reply = await conn.send(argv);
      if (reply.type === 'error') this.opts.warn(`AUTH failed: ${reply.value.toString('latin1')}`);
    }
    if (this.state.inputDb !== 0) {
      const reply = await conn.send(['SELECT', String(this.state.inputDb)]);
      if (reply.type === 'error') this.opts.warn(`SELECT ${this.state.inputDb} failed: ${reply.value.toString('latin1')}`);
      else this.state.db = this.state.inputDb;
    }
    if (this.opts.hello3 !== 'off') {
      const reply = await conn.send(['HELLO', '3']);
      if (reply.type === 'error') this.opts.warn(`HELLO 3 failed: ${reply.value.toString('latin1')}`);
      this.state.resp3 = true;
    }
  }

  /** Connects when there is no usable connection; returns false (after printing why) when that fails. */
  async ensureConnected(): Promise<boolean> {
    if (this.connected) return true;
    try {
      await this.connect();
      return true;
    } catch (err) {
      this.reportConnectError(err);
      return false;
    }
  }

  reportConnectError(err: unknown): void {
    if (err instanceof ConnectError) this.opts.warn(`Could not connect to Redis at ${this.address}: ${err.message}`);
    else if (err instanceof ConnectionLostError) this.opts.warn(`Could not connect to Redis at ${this.address}: ${err.message}`);
    else throw err;
  }

  /**
   * Sends one command and returns its reply, following MOVED/ASK in cluster mode and tracking db/MULTI/RESP state.
   * Throws ConnectionLostError when the connection breaks, ConnectError when a redirect target is unreachable.
   */
  async execute(argv: Buffer[]): Promise<Reply> {
    for (;;) {
      const conn = this.conn;
      if (!conn || conn.closed) throw new ConnectionLostError('Server closed the connection');
      if (this.askingNext) {
        this.askingNext = false;
        const asking = await conn.send(['ASKING']);
        if (asking.type === 'error') this.opts.warn(`ASKING failed: ${asking.value.toString('latin1')}`);
      }
      const reply = await conn.send(argv);
      const redirect = this.opts.cluster ? parseRedirect(reply) : undefined;
      if (redirect) {
        await this.follow(redirect);
        continue;
      }
      trackState(this.state, argv, reply);
      return reply;
    }
  }

  /** Moves the session to the node a redirect names, keeping TLS settings, credentials and the selected db. */
  private async follow(redirect: Redirect): Promise<void> {
    const host = redirect.host === '' ? this.target.host : redirect.host;
    this.opts.onRedirect?.(redirect.slot, host, redirect.port);
    this.target = { ...this.target, socket: undefined, servername: undefined, host, port: redirect.port };
    await this.connect();
    this.askingNext = redirect.kind === 'ASK';
  }

  close(): void {
    this.conn?.close();
    this.conn = undefined;
  }
}
