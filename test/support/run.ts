// Runs bin/eredis or redis-cli as a child process with a clean environment and collects stdout, stderr and exit code.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Certs } from './certs.js';
import { makeOwnedDir, removeOwnedDir, spawnGuarded } from './child-guard.js';
import type { RedisServer } from './redis-server.js';

/** The repository root (this file is test/support/run.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EREDIS_BIN = path.join(REPO_ROOT, 'bin', 'eredis');

export interface RunOptions {
  /** Written to the child's stdin, which is then closed (stdin is always closed, so nothing waits on a tty). */
  input?: string | Buffer;
  /** Added on top of the clean base environment; may set HOME (see tempHome) or override PATH. */
  env?: Record<string, string>;
  /** Names of variables to copy from this process's environment when set (e.g. DBUS_SESSION_BUS_ADDRESS). */
  inheritEnv?: string[];
  /** SIGKILL the child after this long (default 20 s); the result then has timedOut: true. */
  timeoutMs?: number;
  cwd?: string;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

/**
 * A fresh empty directory to use as HOME across several runs (e.g. a cache written by one run, read by the
 * next): pass `env: { HOME: home.dir }` and call `remove()` in afterAll.
 */
export async function tempHome(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await makeOwnedDir('eredis-home-');
  return { dir, remove: () => removeOwnedDir(dir) };
}

/**
 * The base environment of every child: PATH and HOME, nothing else. In particular no REDISCLI_AUTH,
 * REDISCLI_HISTFILE, AWS_* or XDG_* from the user running the tests. HOME is filled in per run.
 */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin' };
}

/** Spawns any command with the clean environment and collects its output. HOME is a fresh temp dir per run. */
export async function runProcess(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const env = baseEnv();
  for (const name of opts.inheritEnv ?? []) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, opts.env);
  const home = env.HOME === undefined ? await tempHome() : undefined;
  if (home) env.HOME = home.dir;
  try {
    return await collect(cmd, args, env, opts);
  } finally {
    await home?.remove();
  }
}

function collect(cmd: string, args: string[], env: Record<string, string>, opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGuarded(cmd, args, { cwd: opts.cwd ?? REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 20_000);
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.stdin!.on('error', () => {}); // the child may exit without reading its input (EPIPE)
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      // eredis's last-resort handler fired: an exception or rejection escaped its error handling. Never acceptable.
      if (cmd === EREDIS_BIN && stderr.includes('eredis: internal error:')) {
        reject(new Error(`eredis ${args.join(' ')} hit an uncaught exception or unhandled rejection: ${stderr}`));
        return;
      }
      resolve({ stdout: Buffer.concat(out), stderr, code, signal, timedOut });
    });
    child.stdin!.end(opts.input ?? '');
  });
}

/** `bin/eredis ...args`, started through its shebang as a user's shell would. */
export function runEredis(args: string[], opts?: RunOptions): Promise<RunResult> {
  return runProcess(EREDIS_BIN, args, opts);
}

/** `redis-cli ...args` from PATH (check hasRedisCli() first). */
export function runRedisCli(args: string[], opts?: RunOptions): Promise<RunResult> {
  return runProcess('redis-cli', args, opts);
}

/** CI sets REDIS_CLI_REQUIRED=1: whatever compares with redis-cli must run there, and fails instead of skipping. */
export const REDIS_CLI_REQUIRED = process.env.REDIS_CLI_REQUIRED === '1';

let redisCliFound: boolean | undefined;

/**
 * Whether redis-cli is on PATH (synchronous, for describe.runIf / it.runIf / comparisons). With REDIS_CLI_REQUIRED=1
 * (CI) a missing redis-cli throws instead: every suite that compares with it fails rather than skips.
 */
export function hasRedisCli(): boolean {
  redisCliFound ??= (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir || '.', 'redis-cli'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!redisCliFound && REDIS_CLI_REQUIRED) {
    throw new Error('redis-cli is required here (REDIS_CLI_REQUIRED=1) but not on PATH: apt-get install redis-tools');
  }
  return redisCliFound;
}

/** Connection flags shared by redis-cli and eredis: TLS with the test CA to this server's TLS port. */
export function tlsArgs(certs: Certs, server: RedisServer): string[] {
  return ['--tls', '--cacert', certs.caCert, '-h', server.host, '-p', String(server.port)];
}

/** Connection flags for the server's plain TCP port (server started with `plain` or `tls: false`). */
export function plainArgs(server: RedisServer): string[] {
  const port = server.plainPort ?? (server.tls ? undefined : server.port);
  if (port === undefined) throw new Error('plainArgs: server has no plain port');
  return ['-h', server.host, '-p', String(port)];
}

/** `-a PASSWORD --no-auth-warning` (empty when there is no password). Prefer env REDISCLI_AUTH in secrecy tests. */
export function passwordArgs(password: string | undefined): string[] {
  return password === undefined ? [] : ['-a', password, '--no-auth-warning'];
}
