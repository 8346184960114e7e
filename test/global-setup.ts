// Before any test file starts: fetch and build what the redis-cli comparisons need from source, once and alone, so
// a 30-second compile never competes with timing-sensitive tests; the paths reach the tests through inject().
import type { TestProject } from 'vitest/node';
import { builtFromSource } from './support/source-built.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** redis's source tree for redis-cli.tcl ('' when it cannot be had here). */
    redisSrc: string;
    /** A redis-cli whose --keystats is 7.4's ('' when it cannot be built here). */
    redisCli74: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('redisSrc', process.env.REDIS_SRC ?? builtFromSource('redis-source.sh', 'redis-src', "redis's source") ?? '');
  project.provide('redisCli74', process.env.REDIS_CLI_74
    ?? builtFromSource('redis-cli-keystats.sh', 'redis-cli-keystats', 'a redis-cli with 7.4\'s --keystats') ?? '');
}
