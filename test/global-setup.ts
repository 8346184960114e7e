// Before any test file starts: fetch and build what the redis-cli comparisons need from source, once and alone, so
// a 30-second compile never competes with timing-sensitive tests; the paths reach the tests through inject().
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REDIS_CLI_REQUIRED, REPO_ROOT } from './support/run.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** redis's source tree for redis-cli.tcl ('' when it cannot be had here). */
    redisSrc: string;
    /** A redis-cli whose --keystats is 7.4's ('' when it cannot be built here). */
    redisCli74: string;
  }
}

/**
 * Runs scripts/`script` (it fetches through apt and builds into a cache folder named `cacheName`, kept between runs)
 * and returns the path it printed: '' when it cannot run here, which is an error where REDIS_CLI_REQUIRED=1.
 */
function builtFromSource(script: string, cacheName: string, why: string): string {
  const cache = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'eredis-test', cacheName);
  const r = spawnSync(path.join(REPO_ROOT, 'scripts', script), [cache], { encoding: 'utf8', timeout: 600_000 });
  if (r.status === 0) return r.stdout.trim();
  if (REDIS_CLI_REQUIRED) throw new Error(`${why} is required here (REDIS_CLI_REQUIRED=1): ${r.stderr.trim()}`);
  return '';
}

export default function setup(project: TestProject): void {
  project.provide('redisSrc', process.env.REDIS_SRC ?? builtFromSource('redis-source.sh', 'redis-src', "redis's source"));
  project.provide('redisCli74', process.env.REDIS_CLI_74
    ?? builtFromSource('redis-cli-keystats.sh', 'redis-cli-keystats', 'a redis-cli with 7.4\'s --keystats'));
}
