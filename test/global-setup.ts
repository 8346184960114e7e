// Before any test file starts: fetch and build what the redis-cli comparisons need from source, once and alone, so
// a 30-second compile never competes with timing-sensitive tests (the test files then find it in the cache).
import { builtFromSource } from './support/source-built.js';

export default function setup(): void {
  if (process.env.REDIS_SRC === undefined) builtFromSource('redis-source.sh', 'redis-src', "redis's source");
  if (process.env.REDIS_CLI_74 === undefined) {
    builtFromSource('redis-cli-keystats.sh', 'redis-cli-keystats', 'a redis-cli with 7.4\'s --keystats');
  }
}
