// Keeps test child processes and temp dirs from outliving the test process (pdeathsig, exit hook, stale-dir sweep).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const live = new Set<ChildProcess>();
const ownedDirs = new Set<string>();
const OWNER_FILE = '.eredis-test-owner';

// Runs on a normal exit only; a SIGKILLed test process is covered by pdeathsig and by sweepStale below.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of ownedDirs) rmSync(dir, { recursive: true, force: true });
});

/** With `setpriv --pdeathsig KILL` the kernel kills the child as soon as this process dies, however it dies. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/**
 * spawn(), but the child (not daemonized) is SIGKILLed when this process exits or dies.
 * setpriv execs the command, so child.pid is the command's own pid.
 */
export function spawnGuarded(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
  const child = SETPRIV
    ? spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', cmd, ...args], opts)
    : spawn(cmd, args, opts);
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const swept = new Set<string>();

/** Removes `<tmp>/<prefix>*` dirs left by test processes that were killed before their cleanup ran. */
async function sweepStale(prefix: string): Promise<void> {
  if (swept.has(prefix)) return;
  swept.add(prefix);
  const tmp = os.tmpdir();
  const names = (await fs.readdir(tmp).catch(() => [] as string[])).filter((n) => n.startsWith(prefix));
  await Promise.all(names.map(async (name) => {
    const dir = path.join(tmp, name);
    const owner = Number(await fs.readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner)) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
    }
  }));
}

/** A new temp dir `<tmp>/<prefix>XXXXXX`, owned by this process: removed by removeOwnedDir or at exit. */
export async function makeOwnedDir(prefix: string): Promise<string> {
  await sweepStale(prefix);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.writeFile(path.join(dir, OWNER_FILE), String(process.pid));
  ownedDirs.add(dir);
  return dir;
}

export async function removeOwnedDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
  ownedDirs.delete(dir);
}
