// Starts a real redis-server (TLS by default) as a child process on free loopback ports, for e2e tests.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testCerts, type Certs } from './certs.js';
import { makeOwnedDir, removeOwnedDir, spawnGuarded } from './child-guard.js';
import { freePort } from './free-port.js';
import { pingServer } from './wait.js';

export type ServerCertChoice = 'good' | 'wrong-host' | 'cn-only' | 'expired';

export interface StartRedisOptions {
  /** Listen with TLS (default true). `port` is then the TLS port. */
  tls?: boolean;
  /** Which certificate the server presents (default 'good'). */
  tlsCert?: ServerCertChoice;
  /** Also open a plain TCP port (`plainPort`); implied when tls is false. */
  plain?: boolean;
  /** Also listen on a unix socket (`socketPath`, in the server's dir). */
  unixSocket?: boolean;
  /** requirepass (and the default user's password when aclUsers is given). */
  password?: string;
  /** Replicate from this server (over TLS when it is TLS), authenticating with its password. */
  replicaOf?: RedisServer;
  /** ACL users, e.g. `alice on >secret ~* +@all` (a leading `user` is optional); written to an aclfile. */
  aclUsers?: string[];
  /** cluster-enabled yes (with tls-cluster yes over TLS), on its own free bus port. */
  cluster?: boolean;
  /** More `--name value` arguments for redis-server, after the generated config file. */
  extraArgs?: string[];
  /** How long to wait for the server to accept connections (default 15 s). */
  startTimeoutMs?: number;
}

export interface RedisServer {
  readonly host: '127.0.0.1';
  /** The TLS port when tls, else the plain port. */
  readonly port: number;
  readonly plainPort?: number;
  readonly busPort?: number;
  readonly socketPath?: string;
  readonly tls: boolean;
  readonly tlsCert: ServerCertChoice;
  readonly password?: string;
  readonly cluster: boolean;
  readonly dir: string;
  readonly logFile: string;
  readonly certs: Certs;
  /** The current process id (changes on restart). */
  readonly pid: number;
  /** SIGTERM (SIGKILL after 3 s), then remove its directory. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit, keeping the directory: for connection-loss tests. */
  kill(): Promise<void>;
  /** Stop if running, start again on the same ports with the same config, wait until it accepts. */
  restart(): Promise<void>;
  /** The last lines of the server log, for failure messages. */
  logTail(lines?: number): string;
}

const q = (v: string | number) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

class PortInUse extends Error {}

class Server implements RedisServer {
  readonly host = '127.0.0.1' as const;
  readonly logFile: string;
  readonly tls: boolean;
  readonly tlsCert: ServerCertChoice;
  readonly password?: string;
  readonly cluster: boolean;
  readonly socketPath?: string;
  private child?: ChildProcess;
  private output = '';
  private stopped = false;

  constructor(
    readonly dir: string,
    readonly certs: Certs,
    private readonly opts: StartRedisOptions,
    readonly port: number,
    readonly plainPort?: number,
    readonly busPort?: number,
  ) {
    this.logFile = path.join(dir, 'redis.log');
    this.tls = opts.tls ?? true;
    this.tlsCert = opts.tlsCert ?? 'good';
    this.password = opts.password;
    this.cluster = !!opts.cluster;
    if (opts.unixSocket) this.socketPath = path.join(dir, 'redis.sock');
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  config(): string {
    const c = this.certs;
    const [cert, key] = { good: [c.serverCert, c.serverKey], 'wrong-host': [c.wrongHostCert, c.wrongHostKey],
      'cn-only': [c.cnOnlyCert, c.cnOnlyKey], expired: [c.expiredCert, c.expiredKey] }[this.tlsCert];
    const lines: (string | false)[] = [
      'bind 127.0.0.1', `port ${this.plainPort ?? 0}`, 'daemonize no', 'save ""', 'appendonly no',
      'enable-debug-command yes', 'shutdown-timeout 0', 'repl-diskless-sync-delay 0',
      `dir ${q(this.dir)}`, `logfile ${q(this.logFile)}`,
      this.tls && `tls-port ${this.port}`, this.tls && `tls-cert-file ${q(cert)}`, this.tls && `tls-key-file ${q(key)}`,
      this.tls && `tls-ca-cert-file ${q(c.caCert)}`, this.tls && 'tls-auth-clients no',
      !!this.socketPath && `unixsocket ${q(this.socketPath)}`, !!this.socketPath && 'unixsocketperm 700',
      !!this.password && !this.opts.aclUsers && `requirepass ${q(this.password)}`,
      !!this.opts.aclUsers && `aclfile ${q(path.join(this.dir, 'users.acl'))}`,
    ];
    const primary = this.opts.replicaOf;
    if (primary) {
      lines.push(`replicaof 127.0.0.1 ${primary.port}`, `tls-replication ${primary.tls ? 'yes' : 'no'}`);
      if (primary.password) lines.push(`masterauth ${q(primary.password)}`);
    }
    if (this.cluster) {
      lines.push('cluster-enabled yes', `cluster-config-file ${q(path.join(this.dir, 'nodes.conf'))}`,
        `cluster-port ${this.busPort}`, `tls-cluster ${this.tls ? 'yes' : 'no'}`, `tls-replication ${this.tls ? 'yes' : 'no'}`,
        'cluster-node-timeout 5000');
      if (this.password) lines.push(`masterauth ${q(this.password)}`);
    }
    return lines.filter(Boolean).join('\n') + '\n';
  }

  async writeFiles(): Promise<void> {
    await fs.writeFile(path.join(this.dir, 'redis.conf'), this.config());
    if (!this.opts.aclUsers) return;
    const users = this.opts.aclUsers.map((l) => (/^\s*user\s/.test(l) ? l.trim() : `user ${l.trim()}`));
    if (!users.some((u) => /^user default\s/.test(u))) {
      users.unshift(`user default on ${this.password ? `>${this.password}` : 'nopass'} ~* &* +@all`);
    }
    await fs.writeFile(path.join(this.dir, 'users.acl'), users.join('\n') + '\n');
  }

  /** Our own log says it is listening (so a PONG is not from some other process that grabbed the port). */
  private readySince(offset: number): boolean {
    try {
      return readFileSync(this.logFile).subarray(offset).includes('Ready to accept connections');
    } catch {
      return false;
    }
  }

  async start(): Promise<void> {
    const logStart = existsSync(this.logFile) ? statSync(this.logFile).size : 0;
    const args = [path.join(this.dir, 'redis.conf'), ...(this.opts.extraArgs ?? [])];
    // In a process group of its own: a terminal's Ctrl-C (meant for a shell typed into, as in `npm run demo`) must not
    // reach it. It still dies with this process (see spawnGuarded).
    const child = spawnGuarded('redis-server', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    this.output = '';
    const collect = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-4000);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    let failure: string | undefined;
    child.once('exit', (code, sig) => (failure ??= `exited early (code ${code}, signal ${sig})`));
    child.once('error', (e) => (failure ??= `cannot spawn redis-server: ${e.message}`));
    const deadline = Date.now() + (this.opts.startTimeoutMs ?? 15_000);
    for (;;) {
      const up = this.readySince(logStart) && (await pingServer({ port: this.port, tls: this.tls }).then(() => true,
        () => false));
      if (up && !failure) return;
      if (!failure && Date.now() > deadline) failure = 'timed out waiting for it to accept connections';
      if (failure) break;
      await sleep(30);
    }
    child.kill('SIGKILL');
    const tail = this.logTail();
    if (/Address already in use/i.test(tail)) throw new PortInUse(tail);
    throw new Error(`redis-server (port ${this.port}) did not start: ${failure}\n` +
      `--- log tail (${this.logFile}) ---\n${tail}`);
  }

  private async signal(sig: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.signal('SIGTERM', 3000);
    await removeOwnedDir(this.dir);
  }

  kill(): Promise<void> {
    return this.signal('SIGKILL', 0);
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error('restart() after stop()');
    await this.signal('SIGTERM', 3000);
    await this.start();
  }

  logTail(lines = 30): string {
    let log = '';
    try {
      log = readFileSync(this.logFile, 'utf8');
    } catch {
      /* no log yet */
    }
    return [log.split('\n').slice(-lines - 1).join('\n').trim(), this.output.trim()].filter(Boolean).join('\n');
  }
}

/** Starts redis-server with the given options and resolves once it accepts connections. */
export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisServer> {
  const certs = await testCerts();
  const tls = opts.tls ?? true;
  for (let attempt = 1; ; attempt++) {
    const dir = await makeOwnedDir('eredis-redis-');
    const mainPort = await freePort();
    const plainPort = !tls ? mainPort : opts.plain ? await freePort() : undefined;
    const busPort = opts.cluster ? await freePort() : undefined;
    const server = new Server(dir, certs, opts, mainPort, plainPort, busPort);
    try {
      await server.writeFiles();
      await server.start();
      return server;
    } catch (err) {
      await removeOwnedDir(dir);
      if (!(err instanceof PortInUse) || attempt >= 3) throw err;
    }
  }
}

/** Stops every given server (ignoring ones already stopped); for afterAll. */
export async function stopAll(...servers: (RedisServer | undefined)[]): Promise<void> {
  await Promise.all(servers.map((s) => s?.stop()));
}
