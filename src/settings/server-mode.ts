// Which of redis-cli's server-side diagnostic modes runs, chosen in redis-cli 7.0's dispatch order (the first wins).
import type { CliOptions } from '../cli/args.js';

export type ServerMode =
  | { kind: 'cluster'; command: string; args: string[]; options: Map<string, string | true> }
  | { kind: 'latency'; history: boolean }
  | { kind: 'latency-dist'; mono: boolean }
  | { kind: 'replica' }
  | { kind: 'rdb'; file: string; functionsOnly: boolean }
  | { kind: 'stat' }
  | { kind: 'lru-test'; keys: number }
  | { kind: 'intrinsic-latency'; seconds: number }
  | { kind: 'ldb'; sync: boolean };

/**
 * redis-cli main(): --cluster, --latency(-history), --latency-dist, --replica, --rdb/--functions-rdb, --pipe,
 * (--bigkeys, --memkeys, --hotkeys), --stat, (--scan), --lru-test, --intrinsic-latency, then --eval (--ldb).
 * The key-space modes in parentheses are chosen by their own branch; --pipe is the existing pipe mode, so a mode
 * that comes after it in redis-cli's order yields to it here.
 */
export function selectServerMode(o: CliOptions): ServerMode | undefined {
  const cm = o.clusterManager;
  if (cm?.command) return { kind: 'cluster', command: cm.command, args: cm.args, options: cm.options };
  if (o.latency) return { kind: 'latency', history: o.latencyHistory };
  if (o.latencyDist) return { kind: 'latency-dist', mono: o.mono };
  if (o.replicaMode) return { kind: 'replica' };
  if (o.rdb !== undefined || o.functionsRdb !== undefined) {
    return { kind: 'rdb', file: (o.functionsRdb ?? o.rdb)!, functionsOnly: o.functionsRdb !== undefined };
  }
  if (o.pipe) return undefined;
  if (o.stat) return { kind: 'stat' };
  if (o.lruTest !== undefined) return { kind: 'lru-test', keys: o.lruTest };
  if (o.intrinsicLatency !== undefined) return { kind: 'intrinsic-latency', seconds: o.intrinsicLatency };
  if (o.ldb && o.eval !== undefined) return { kind: 'ldb', sync: o.ldbSync };
  return undefined;
}
