// --keystats (redis-cli 7.4 keyStats) with --top and --cursor: the scan loop, the live view on a terminal every 300 ms,
// the final report, and how to resume after Ctrl-C.
import type { Session } from '../../session/session.js';
import { ConnectionLostError } from '../../util/connection-errors.js';
import { ConnectionProblem, KeyspaceError, keySizes, keyTypes } from './node-commands.js';
import { driveScans, shardsLine, totalKeys, type KeyspaceContext } from './scan-driver.js';
import { KeyStats } from './keystats-stats.js';
import { CleanPrinter, keyStatsHead, lengthDistribution, sizeDistribution, typeTable } from './keystats-report.js';

const REFRESH_MS = 300;

const BANNER = '\n# Scanning the entire keyspace to find the biggest keys and distribution information.\n'
  + '# Use -i 0.1 to sleep 0.1 sec per 100 SCAN commands (not usually needed).\n'
  + '# Use --cursor <n> to start the scan at the cursor <n> (usually after a Ctrl-C).\n'
  + '# Use --top <n> to display <n> top key sizes (default is 10).\n'
  + '# Ctrl-C to stop the scan.\n\n';

export interface KeyStatsOptions {
  /** --keystats-samples / --memkeys-samples: MEMORY USAGE ... SAMPLES n (undefined: the server's default). */
  samples?: number;
  cursor: bigint;
  top: bigint;
  /** stdout is a terminal (or FAKETTY is set): the live view, colors and erase-line codes. */
  tty: boolean;
}

/** sendReadOnly: READONLY for cluster replicas; a server without cluster support (or the command) is fine. */
async function sendReadOnly(session: Session): Promise<void> {
  let reply;
  try {
    reply = await session.execute([Buffer.from('READONLY')]);
  } catch (err) {
    if (err instanceof ConnectionLostError) throw new ConnectionProblem('\nI/O error');
    throw err;
  }
  if (reply.type !== 'error') return;
  const text = reply.value.toString('utf8');
  if (text === 'ERR This instance has cluster support disabled' || text.startsWith('ERR unknown command')) return;
  throw new KeyspaceError(`Error: ${text}`);
}

/** keyStats(samples, cursor, top). Returns the exit code. */
export async function runKeyStats(ctx: KeyspaceContext, o: KeyStatsOptions): Promise<number> {
  if (ctx.runner && o.cursor !== 0n) {
    ctx.warn('eredis: --cursor resumes the scan of one node: connect to that node (without -c) to use it');
    return 1;
  }
  const stats = new KeyStats(o.top, ctx.warn);
  const total = await totalKeys(ctx);
  ctx.out.write(BANNER);
  if (!ctx.runner) await sendReadOnly(ctx.root);
  let refreshed = Date.now();
  const end = await driveScans(ctx, {
    depth: 3,
    pauseEvery: 100,
    startCursor: o.cursor.toString(),
    probe: async (session, keys) => {
      const types = await keyTypes(session, keys);
      const [memory, length] = await keySizes(session, keys, types, [{ kind: 'memory', samples: o.samples }, { kind: 'length' }], ctx.warn);
      return { types, memory: memory!, length: length! };
    },
    consume: (batch, { types, memory, length }, run) => {
      batch.keys.forEach((key, i) => stats.add(key, types[i]!, memory[i]!, length[i]!, run?.shard.address));
      if (o.tty && Date.now() > refreshed + REFRESH_MS) {
        const live = new CleanPrinter(true, ctx.warn);
        const lines = keyStatsHead(live, stats, ctx.runner ? ctx.runner.totalKeys : total);
        ctx.out.write(`${live.text}\x1b[${lines}A\r`);
        ctx.out.flush();
        refreshed = Date.now();
      }
    },
  });
  const p = new CleanPrinter(o.tty, ctx.warn);
  keyStatsHead(p, stats, ctx.runner ? ctx.runner.totalKeys : total);
  p.line();
  sizeDistribution(p, stats);
  p.line();
  lengthDistribution(p, stats);
  p.line();
  typeTable(p, stats);
  ctx.out.write(p.text + resumeHint(ctx, end?.cursor));
  return ctx.runner && ctx.runner.failed.length > 0 ? 1 : 0;
}

/** After Ctrl-C: the cursor to start again from (one per unfinished shard in a cluster-wide run). */
function resumeHint(ctx: KeyspaceContext, cursor: string | undefined): string {
  if (!ctx.runner) {
    if (cursor === undefined || cursor === '0') return '';
    return `\nScan interrupted:\nUse 'eredis --keystats --cursor ${cursor}' to restart from the last cursor.\n`;
  }
  let text = `\n${shardsLine(ctx)}`;
  const unfinished = ctx.runner.runs.filter((r) => r.state === 'stopped');
  if (unfinished.length > 0) text += 'Scan interrupted:\n';
  for (const r of unfinished) {
    text += `Use 'eredis -h ${r.shard.host} -p ${r.shard.port} --keystats --cursor ${r.cursor}' to restart ${r.shard.address} from its last cursor.\n`;
  }
  return text;
}
