// The one entry for redis-cli's server-side diagnostic modes: connects when the mode needs it, then runs it.
import type { CacheMember } from '../../elasticache/model.js';
import type { ModeIO } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import type { ServerMode, Settings } from '../../settings/settings.js';
import { ArgvError, readAllStdin, withStdinArgument } from '../stdin-args.js';
import { runClusterManager } from './cluster-manager.js';
import { runIntrinsicLatency } from './intrinsic-latency.js';
import { runLatencyDist, runLatencyDistPerNode } from './latency-dist.js';
import { runLatency } from './latency-mode.js';
import { runLruTest } from './lru-test.js';
import { ModeExit } from './mode-basics.js';
import { discoverNodes, NodeColumns } from './node-list.js';
import { runLatencyPerNode } from './per-node-latency.js';
import { runRdb } from './rdb-mode.js';
import { runReplica } from './replica-mode.js';
import { runStat, runStatPerNode } from './stat-mode.js';

export interface ServerModeContext {
  session: Session;
  settings: Settings;
  io: ModeIO;
  /** Cluster mode: -c, a cluster-mode group or serverless cache (--stat and --latency then visit every node). */
  cluster: boolean;
  /** The host connected to: an ElastiCache configuration endpoint (clustercfg.*) counts as a cluster. */
  host: string;
  /** The members of a cluster-mode-disabled -g group (with their AZ), visited one by one with -c. */
  members?: CacheMember[];
  /** --ldb lives with the line editor (src/repl), which this folder cannot import: main passes it in. */
  runLdb(session: Session, settings: Settings, io: ModeIO): Promise<number>;
}

/** Runs the mode; a ModeExit becomes its stderr line and exit code. */
export async function runServerMode(mode: ServerMode, ctx: ServerModeContext): Promise<number> {
  try {
    return await dispatch(mode, ctx);
  } catch (err) {
    if (!(err instanceof ModeExit)) throw err;
    if (err.line !== '') ctx.io.warn(err.line);
    return err.code;
  }
}

async function dispatch(mode: ServerMode, ctx: ServerModeContext): Promise<number> {
  const { session, settings: s, io } = ctx;
  if (mode.kind === 'cluster') {
    return runClusterManager({ ...mode, args: clusterArgs(mode.args, s), session, colors: s.colorTerm }, io);
  }
  if (mode.kind === 'intrinsic-latency') return runIntrinsicLatency(mode.seconds, io);
  // redis-cli's cliConnect fails (and these modes exit 1) when AUTH or SELECT fails; the shell carries on.
  session.strictHandshake();
  if (!(await session.ensureConnected()) || session.handshakeFailed) return 1;
  switch (mode.kind) {
    case 'latency': {
      const nodes = mode.history ? undefined : await perNode(ctx);
      if (nodes) return runLatencyPerNode(nodes, new NodeColumns(nodes), s.intervalUs, s.print.mode, io);
      return runLatency(session, mode.history, s.intervalUs, s.print.mode, io);
    }
    case 'latency-dist': {
      const nodes = await perNode(ctx);
      if (nodes) return runLatencyDistPerNode(nodes, new NodeColumns(nodes), mode.mono, s.intervalUs, io);
      return runLatencyDist(session, mode.mono, s.intervalUs, io);
    }
    case 'replica': return runReplica(session, io);
    case 'rdb': return runRdb(session, mode.file, mode.functionsOnly, io);
    case 'stat': {
      const nodes = await perNode(ctx);
      if (nodes) return runStatPerNode(nodes, new NodeColumns(nodes), s.intervalUs, io);
      return runStat(session, s.intervalUs, io);
    }
    case 'lru-test': return runLruTest(session, mode.keys, io);
    case 'ldb': return ctx.runLdb(session, s, io);
  }
}

/** The nodes to visit one by one, or undefined for redis-cli's single-node behaviour. */
async function perNode(ctx: ServerModeContext) {
  if (!ctx.cluster && !/^clustercfg\./i.test(ctx.host)) return undefined;
  return discoverNodes(ctx.session, ctx.members);
}

/** -x / -X give the cluster command its last (or tagged) argument from stdin, as redis-cli's parser does. */
function clusterArgs(args: string[], s: Settings): string[] {
  if (!s.stdinLast && s.stdinTag === undefined) return args;
  try {
    const argv = withStdinArgument(args.map((a) => Buffer.from(a, 'utf8')), s.stdinLast, s.stdinTag, readAllStdin);
    return argv.map((a) => a.toString('utf8'));
  } catch (err) {
    if (err instanceof ArgvError) throw new ModeExit(err.message);
    throw err;
  }
}
