// Runs a command for a while, then sends it a signal (Ctrl-C's SIGINT, or SIGTERM) and collects what it printed.
import { baseEnv, EREDIS_BIN, REPO_ROOT, tempHome, type RunResult } from './run.js';
import { spawnGuarded } from './child-guard.js';

export interface RunForOptions {
  /** How long before the signal (ms). */
  ms: number;
  signal?: NodeJS.Signals;
  env?: Record<string, string>;
  /** SIGKILL this long after the signal if it is still running (default 5 s). */
  graceMs?: number;
}

/** Spawns `cmd args`, signals it after `ms`, resolves with its output and how it ended. */
export async function runFor(cmd: string, args: string[], o: RunForOptions): Promise<RunResult & { elapsedMs: number }> {
  const home = await tempHome();
  try {
    return await new Promise((resolve, reject) => {
      const started = Date.now();
      const child = spawnGuarded(cmd, args, { cwd: REPO_ROOT, env: { ...baseEnv(), HOME: home.dir, ...o.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout!.on('data', (d: Buffer) => out.push(d));
      child.stderr!.on('data', (d: Buffer) => err.push(d));
      child.stdin!.on('error', () => {});
      child.stdin!.end();
      let timedOut = false;
      const signal = setTimeout(() => child.kill(o.signal ?? 'SIGINT'), o.ms);
      const kill = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, o.ms + (o.graceMs ?? 5000));
      child.once('error', (e) => { clearTimeout(signal); clearTimeout(kill); reject(e); });
      child.once('close', (code, sig) => {
        clearTimeout(signal);
        clearTimeout(kill);
        resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code, signal: sig, timedOut, elapsedMs: Date.now() - started });
      });
    });
  } finally {
    await home.remove();
  }
}

/** bin/eredis for a while. */
export function eredisFor(args: string[], o: RunForOptions) {
  return runFor(EREDIS_BIN, args, o);
}

/** redis-cli for a while with unbuffered stdout (stdbuf -o0): a killed redis-cli would lose its stdio buffer. */
export function redisCliFor(args: string[], o: RunForOptions) {
  return runFor('stdbuf', ['-o0', 'redis-cli', ...args], o);
}
