// What every key-space mode shares: the one node redis-cli scans, or every shard of a cluster through the runner,
// with DBSIZE first, the same pacing and Ctrl-C rules, and stdout/stderr that keep clear of the progress line.
import type { Output } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import type { Interrupt } from './interrupt.js';
import { dbSize, type ScanBatch, type ScanOptions } from './node-commands.js';
import type { Progress } from './progress.js';
import { scanLoop, type ScanLoopEnd } from './scan-loop.js';
import type { ShardRun, ShardRunner } from './shard-runner.js';

export interface KeyspaceContext {
  /** The session of the node eredis connected to (connected). */
  root: Session;
  scan: ScanOptions;
  /** `-i` in milliseconds (0: no pauses). */
  intervalMs: number;
  /** stdout: redis-cli's output. */
  out: Output;
  /** One line on stderr. */
  warn(line: string): void;
  interrupt: Interrupt;
  /** Set for a cluster-wide run: every shard, merged. */
  runner?: ShardRunner;
  progress?: Progress;
  /** "primaries" or "replicas" (cluster-wide runs). */
  shardKind?: string;
}

export interface ScanJob<T> {
  /** Batches in flight per node (1 for --scan, which only prints). */
  depth: number;
  /** `-i` sleeps after every n-th SCAN. */
  pauseEvery: number;
  startCursor?: string;
  probe?: (session: Session, keys: Buffer[]) => Promise<T>;
  /** Called in SCAN order per node; `run` is the shard in a cluster-wide run. */
  consume: (batch: ScanBatch, result: T, run?: ShardRun) => void;
}

/** DBSIZE of the node, or the sum over every shard (cluster-wide: unreachable shards are reported and left out). */
export async function totalKeys(ctx: KeyspaceContext): Promise<number> {
  if (!ctx.runner) return dbSize(ctx.root);
  await ctx.runner.measure();
  return ctx.runner.totalKeys;
}

/**
 * Scans the node, or every shard (a bounded number at a time), until done or interrupted. Returns the single node's
 * end (its last cursor); a node's failure throws for a single node and is reported per shard otherwise.
 */
export async function driveScans<T>(ctx: KeyspaceContext, job: ScanJob<T>): Promise<ScanLoopEnd | undefined> {
  const pause = ctx.intervalMs > 0 ? { ms: ctx.intervalMs, every: job.pauseEvery } : undefined;
  // With -i, one batch at a time: the pause then falls exactly where redis-cli sleeps.
  const depth = pause ? 1 : job.depth;
  const base = { scan: ctx.scan, pause, interrupt: ctx.interrupt, depth };
  if (!ctx.runner) {
    const probe = job.probe && ((keys: Buffer[]) => job.probe!(ctx.root, keys));
    return scanLoop({ ...base, session: ctx.root, startCursor: job.startCursor ?? '0', probe, consume: (b, r) => job.consume(b, r) });
  }
  ctx.progress?.start();
  try {
    await ctx.runner.scan((run, session, guard) => scanLoop({
      ...base,
      session,
      guard,
      startCursor: run.cursor,
      probe: job.probe && ((keys: Buffer[]) => job.probe!(session, keys)),
      consume: (batch, result) => {
        job.consume(batch, result, run);
        run.scanned += batch.keys.length;
      },
    }));
  } finally {
    ctx.progress?.stop();
    ctx.runner.close();
  }
  return undefined;
}

/** The summary line of a cluster-wide run: how many shards were scanned, and which were not. */
export function shardsLine(ctx: KeyspaceContext): string {
  const runner = ctx.runner!;
  let line = `Shards scanned: ${runner.scannedShards} of ${runner.shardCount} ${ctx.shardKind}`;
  const missing = runner.runs.filter((r) => r.state === 'waiting').map((r) => r.shard.address);
  const skipped = [...runner.failed, ...missing];
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).join(', ');
    line += ` (not scanned: ${shown}${skipped.length > 5 ? ` and ${skipped.length - 5} more` : ''})`;
  }
  return `${line}\n`;
}

/** The node suffix of a cluster-wide line (" on host:port"), empty for a single node. */
export const onNode = (run: ShardRun | undefined): string => (run ? ` on ${run.shard.address}` : '');
