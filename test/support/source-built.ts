// Things the tests build from redis's source with a script under scripts/ (fetched through apt, cached between runs):
// the path the script printed, or undefined when it cannot run here, which is an error where REDIS_CLI_REQUIRED=1.
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './run.js';

export const REDIS_CLI_REQUIRED = process.env.REDIS_CLI_REQUIRED === '1';

/** Runs scripts/`script` with a cache folder named `cacheName` and returns what it printed. */
export function builtFromSource(script: string, cacheName: string, why: string): string | undefined {
  const cache = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'eredis-test', cacheName);
  const r = spawnSync(path.join(REPO_ROOT, 'scripts', script), [cache], { encoding: 'utf8', timeout: 600_000 });
  if (r.status === 0) return r.stdout.trim();
  if (REDIS_CLI_REQUIRED) throw new Error(`${why} is required here (REDIS_CLI_REQUIRED=1): ${r.stderr.trim()}`);
  return undefined;
}
