// Entry of the key-space modes (--scan, --bigkeys, --memkeys, --keystats, --hotkeys): one node as redis-cli scans it,
// or, with -c / a cluster-mode group / a cluster configuration endpoint, every shard merged into one report.
import { splitArgs } from '../../commands/split-args.js';
import { repr } from '../../format/index.js';
import { cString } from '../../format/repr.js';
import type { Output, ModeIO } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import type { KeyspaceSettings, Settings } from '../../settings/settings.js';
import { runBigKeys } from './bigkeys-mode.js';
import { runHotKeys } from './hotkeys-mode.js';
import { catchInterrupt, type SignalSource } from './interrupt.js';
import { runKeyStats } from './keystats-mode.js';
import { KeyspaceError } from './node-commands.js';
import { behindProgress, Progress } from './progress.js';
import { driveScans, type KeyspaceContext } from './scan-driver.js';
import { ShardRunner } from './shard-runner.js';
import { planShards } from './shards.js';

/**
 * SCAN's COUNT in cluster-wide runs when --count is not given: ten times the server's default, so a shard takes a
 * tenth of the round trips (the one-node modes keep redis-cli's SCAN exactly, its report depends on the batches).
 */
export const CLUSTER_SCAN_COUNT = 100;

export interface KeyspaceTerminal {
  /** Raw stderr, for the progress line. */
  stderr: Output;
  stderrIsTTY: boolean;
  /** isatty(1) itself (FAKETTY aside): whether stdout shares the terminal with the progress line. */
  stdoutIsTTY: boolean;
  columns: number;
  signals: SignalSource;
}

/** Where eredis connected: cluster mode (-c, or a cluster-mode group) and the host it was given. */
export interface KeyspaceTarget {
  cluster: boolean;
  host: string;
}

/** A cluster-wide run: cluster mode, or an ElastiCache configuration endpoint ("clustercfg.<name>..."). */
export const visitsAllShards = (t: KeyspaceTarget) => t.cluster || /^clustercfg\./i.test(t.host);

/** --pattern as bytes, or --quoted-pattern unquoted (unquoteCString: exactly one sdssplitargs token). */
function patternBytes(p: KeyspaceSettings['pattern']): Buffer | undefined | null {
  if (!p) return undefined;
  const bytes = Buffer.from(p.text, 'utf8');
  if (!p.quoted) return bytes;
  const words = splitArgs(bytes);
  return words?.length === 1 ? words[0]! : null;
}

/**
 * --scan (redis-cli scanMode): every key matching --pattern, one per line; quoted in the TTY output mode, otherwise
 * raw and cut at a NUL byte (printf "%s"). Cluster-wide, each shard's batches are printed as they arrive.
 * `quoted`: the output mode is the TTY one (a terminal, FAKETTY or --no-raw).
 */
async function runScan(ctx: KeyspaceContext, quoted: boolean): Promise<number> {
  if (ctx.runner) await ctx.runner.measure();
  await driveScans(ctx, {
    depth: 1,
    pauseEvery: 1,
    consume: (batch) => {
      let text = '';
      for (const key of batch.keys) text += quoted ? `${repr(key)}\n` : `${cString(key).toString('latin1')}\n`;
      ctx.out.write(text);
    },
  });
  return ctx.runner && ctx.runner.failed.length > 0 ? 1 : 0;
}

/** Runs the key-space mode in `settings.keyspace`; returns the exit code. */
export async function runKeyspace(
  session: Session, settings: Settings, target: KeyspaceTarget, io: ModeIO, term: KeyspaceTerminal,
): Promise<number> {
  const ks = settings.keyspace!;
  const pattern = patternBytes(ks.pattern);
  if (pattern === null) {
    io.warn('Invalid quoted string specified for --quoted-pattern.');
    return 1;
  }
  if (!(await session.ensureConnected())) return 1;
  const interrupt = catchInterrupt(term.signals);
  let progress: Progress | undefined;
  const warn = (line: string) => { progress?.hide(); io.warn(line); };
  try {
    const plan = visitsAllShards(target) ? await planShards(session, settings.role === 'replica') : undefined;
    let runner: ShardRunner | undefined;
    if (plan) {
      runner = new ShardRunner({
        root: session, plan, interrupt, warn, stallMs: Math.max(3 * settings.timeoutMs, 1000), beforeOutput: () => progress?.hide(),
      });
      // --keystats on a terminal draws its own live view (with a progress bar) on stdout.
      const ownView = ks.mode === 'keystats' && ks.stdoutIsTTY;
      if (term.stderrIsTTY && !ownView) progress = new Progress({ stderr: term.stderr, columns: term.columns }, io.out, runner.runs, plan.kind);
    }
    const ctx: KeyspaceContext = {
      root: session, scan: { pattern, count: ks.count ?? (plan ? CLUSTER_SCAN_COUNT : undefined) }, intervalMs: settings.intervalMs,
      out: behindProgress(io.out, progress, term.stdoutIsTTY), warn, interrupt, runner, progress, shardKind: plan?.kind,
    };
    switch (ks.mode) {
      case 'scan': return await runScan(ctx, settings.print.mode === 'tty');
      case 'bigkeys': return await runBigKeys(ctx, { memory: false });
      case 'memkeys': return await runBigKeys(ctx, { memory: true, samples: ks.samples });
      case 'hotkeys': return await runHotKeys(ctx);
      default: return await runKeyStats(ctx, { samples: ks.samples, cursor: ks.cursor, top: ks.top, tty: ks.stdoutIsTTY });
    }
  } catch (err) {
    if (!(err instanceof KeyspaceError)) throw err;
    warn(err.message);
    return 1;
  } finally {
    progress?.stop();
    interrupt.dispose();
  }
}
